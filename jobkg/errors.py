"""Every error jobkg reports to a person: one root, one class per kind, one exit status per kind.

The CLI prints any ``JobkgError`` as one line on stderr and exits with the kind's status; the
app shows the same line. Anything else escaping is a bug (the CLI says so and exits 70).
Errors that carry data from a higher layer (an unresolved name's candidates) subclass a kind
where that data lives, so this module imports nothing of jobkg's.
"""

from __future__ import annotations


class JobkgError(Exception):
    """Root of every error jobkg reports as one line, without a traceback."""

    kind = "error"
    exit_status = 1


class UsageError(JobkgError):
    """A command was called wrongly: an unknown query, format or parameter, a missing option."""

    kind = "usage"
    exit_status = 2


class PageError(JobkgError):
    """A page or KB file cannot be read at all; in a build the other pages still ingest."""

    kind = "page"
    exit_status = 1

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class SourceError(JobkgError):
    """A source given to a build does not exist or holds no pages."""

    kind = "page"
    exit_status = 1


class KbFileError(JobkgError):
    """A KB file cannot be read (missing, truncated, not RDF, no jobkg graph)."""

    kind = "page"
    exit_status = 1


class OntologyError(JobkgError):
    """The ontology or its reasoner cannot do what was asked (an unknown engine, an axiom it
    does not implement). A shipped ontology never raises this; an edited one may."""

    kind = "ontology"
    exit_status = 4


class ProfileError(UsageError):
    """A page-layout profile (.toml) with a section or key jobkg does not know."""


class UnknownEngineError(UsageError):
    """No reasoner has that name."""


class UnsupportedAxiomError(OntologyError):
    """The ontology states an axiom the jobkg reasoner does not apply."""


class QueryError(JobkgError):
    """A query could not be answered: a syntax error, a name that matches no role, a refused query."""

    kind = "query"
    exit_status = 1


class CatalogError(QueryError):
    """A .rq file's header is malformed (the catalog test catches it before a release)."""


class CheckFileError(CatalogError):
    """A structural check file (ontology/checks/ or a company's own) that cannot be used."""


class UnknownQueryError(UsageError):
    """No canned query has that name; the message lists the known ones."""


class ParamError(UsageError):
    """A query parameter is missing, unknown or of the wrong type."""


class ForbiddenQueryError(QueryError):
    """The read-only editor refuses updates and federated queries."""


class QueryTimeoutError(QueryError):
    """A query ran longer than the editor allows."""


class EndpointError(JobkgError):
    """A SPARQL endpoint is unreachable, refused the request, or timed out."""

    kind = "endpoint"
    exit_status = 3


class UploadError(JobkgError):
    """An uploaded file is refused (too large, not a page, an unsafe archive)."""

    kind = "upload"
    exit_status = 1


class UnknownFormatError(UsageError):
    """No export format has that name; the message lists the known ones."""


ERROR_KINDS: tuple[type[JobkgError], ...] = (
    UsageError,
    PageError,
    OntologyError,
    QueryError,
    EndpointError,
    UploadError,
)
"""The kinds, in the order the README's exit-status table lists them."""


class SourceRefusedError(UsageError):
    """The app was asked (by a URL) to open a source its server does not serve."""

    def __init__(self, source: tuple[str, str], served: list[str]) -> None:
        self.source = source
        super().__init__(
            f"this server does not serve {source[0]} {source[1]}; it serves: {'; '.join(served)} "
            "(start it with `jobkg app SOURCE` to serve another, or --any-source on a machine only you use)"
        )
