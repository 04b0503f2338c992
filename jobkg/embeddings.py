"""Texts as vectors, to compare them by meaning where they share no words ("Frontend Engineer"
and "web developer"). Static word embeddings from WordLlama, whose weights and tokenizer ship
inside its wheel: they are read from there with downloads disabled, so jobkg stays offline by
construction (a missing file is an error, never a download)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import wordllama
from wordllama import WordLlama
from wordllama.inference import WordLlamaInference


@cache
def _model() -> WordLlamaInference:
    # WordLlama 0.4 looks for its tokenizer in '<package>/tokenizer/' while its wheel installs it
    # in '<package>/tokenizers/', the layout of its cache folder: so the package is the cache.
    package = Path(wordllama.__file__).parent
    return WordLlama.load(cache_dir=package, disable_download=True)


def vectors(texts: Sequence[str]) -> np.ndarray:
    """One unit vector (float32) per text, so that the dot product of two is their cosine
    similarity; a text with no known word (an empty title) is the zero vector, close to nothing."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    found = np.asarray(_model().embed(list(texts), norm=False), dtype=np.float32)
    lengths = np.linalg.norm(found, axis=1, keepdims=True)
    return np.divide(found, lengths, out=np.zeros_like(found), where=lengths > 0)
