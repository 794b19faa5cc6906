"""Layer scorers for ``newsgold/1``, one module per stage, registered by layer name.

A scorer takes one gold document and the pipeline's result for it and returns a
:class:`~newsgraph.eval.metrics.LayerScore`; the evaluator adds them up over documents.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from newsgraph.eval.metrics import LayerScore
from newsgraph.model import Annotated

SCORERS: dict[str, Callable[[dict[str, Any], Annotated], LayerScore]] = {}


#: Scorers that need every document at once (what happens across articles): they take
#: the gold documents, the pipeline's results and a store holding the results after the
#: cross-document step, and add to the per-document scores of their layer.
CORPUS_SCORERS: dict[str, Callable[..., LayerScore]] = {}


def corpus_layer(name: str) -> Callable[[Callable[..., LayerScore]], Callable[..., LayerScore]]:
    def register(fn: Callable[..., LayerScore]) -> Callable[..., LayerScore]:
        CORPUS_SCORERS[name] = fn
        return fn

    return register


def layer(name: str) -> Callable[[Callable[..., LayerScore]], Callable[..., LayerScore]]:
    def register(fn: Callable[..., LayerScore]) -> Callable[..., LayerScore]:
        SCORERS[name] = fn
        return fn

    return register


for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")
