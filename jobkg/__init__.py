"""jobkg: a graph knowledge base of a company's job architecture."""

from jobkg.kb import KnowledgeBase

__all__ = ["KnowledgeBase"]
