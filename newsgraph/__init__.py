"""newsgraph: reads news like an analyst and stores checkable facts.

Python API::

    from newsgraph import Pipeline, Store
    result = Pipeline().process_text("Il presidente russo Vladimir Putin ha incontrato ...")
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
