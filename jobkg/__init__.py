"""jobkg: a graph knowledge base of a company's job architecture.

``from jobkg import KnowledgeBase`` is the front door. It is imported on first use, so that
the lower layers (``jobkg.ontology``, ``jobkg.ingest``, ``jobkg.queries``) can import
``jobkg.errors`` without loading the facade above them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobkg.kb import KnowledgeBase

__all__ = ["KnowledgeBase"]


def __getattr__(name: str) -> Any:
    if name == "KnowledgeBase":
        from jobkg.kb import KnowledgeBase

        return KnowledgeBase
    raise AttributeError(f"module 'jobkg' has no attribute {name!r}")
