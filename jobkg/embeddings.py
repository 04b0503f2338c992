"""Texts as vectors, to compare them by meaning where they share no words ("Attorney" and
"lawyer"). Static word embeddings from WordLlama, whose weights and tokenizer ship inside its
wheel: they are read from there with downloads disabled, so jobkg stays offline by construction
(a missing file is an error, never a download)."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from wordllama.inference import WordLlamaInference

MODEL, DIMENSIONS = "l2_supercat", 256  # the model WordLlama 0.4's wheel ships


@cache
def _model() -> WordLlamaInference:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    wordllama = importlib.import_module("wordllama")
    # WordLlama calls logging.basicConfig(level=INFO) when imported, after which every library's
    # log lines are printed (bm25s logs each index it builds): the root logger is put back.
    root.handlers[:] = handlers
    root.setLevel(level)
    # WordLlama 0.4 looks for its tokenizer in '<package>/tokenizer/' while its wheel installs it
    # in '<package>/tokenizers/', the layout of its cache folder: so the package is the cache.
    package = Path(next(iter(wordllama.__path__)))
    return wordllama.WordLlama.load(config=MODEL, dim=DIMENSIONS, cache_dir=package, disable_download=True)


def vectors(texts: Sequence[str]) -> np.ndarray:
    """One unit vector (float32) per text, so that the dot product of two is their cosine
    similarity; an empty text is the zero vector, close to nothing."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    found = np.asarray(_model().embed(list(texts), norm=False), dtype=np.float32)
    lengths = np.linalg.norm(found, axis=1, keepdims=True)
    return np.divide(found, lengths, out=np.zeros_like(found), where=lengths > 0)
