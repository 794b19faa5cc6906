"""Errors the evaluator reports to the user (bad gold file, unknown format)."""


class EvalError(ValueError):
    pass
