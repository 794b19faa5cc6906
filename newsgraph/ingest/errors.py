"""The fixed vocabulary of ingest failures, and the exception that carries one.

Readers deep inside a format raise :class:`Rejected`; the code that knows the origin and
record number turns it into an :class:`~newsgraph.model.IngestError`. Reasons are short,
stable strings (users filter ``ingest_errors`` by them), so they live here as constants;
the human explanation goes in ``detail``. The meaning of each reason is documented in
:mod:`newsgraph.ingest`.
"""

from __future__ import annotations

NOT_FOUND = "not found"
UNREADABLE = "unreadable"
EMPTY = "empty"
BINARY = "binary file"
UNDECODABLE = "undecodable"
TOO_LARGE = "too large"
LINE_TOO_LONG = "line too long"
UNSUPPORTED = "unsupported format"
NO_TEXT = "no article text found"
MALFORMED_RECORD = "malformed record"
MALFORMED_FILE = "malformed file"
TRUNCATED = "truncated"
CORRUPT = "corrupt"
TOO_LONG = "article too long"
TOO_MANY_RECORDS = "too many records"
TOO_DEEP = "nesting too deep"
NOT_ARTICLE = "not an article"

REASONS = (
    NOT_FOUND,
    UNREADABLE,
    EMPTY,
    BINARY,
    UNDECODABLE,
    TOO_LARGE,
    LINE_TOO_LONG,
    UNSUPPORTED,
    NO_TEXT,
    MALFORMED_RECORD,
    MALFORMED_FILE,
    TRUNCATED,
    CORRUPT,
    TOO_LONG,
    TOO_MANY_RECORDS,
    TOO_DEEP,
    NOT_ARTICLE,
)

#: Reasons that are skips, not failures: a crawl holds images, scripts and style sheets
#: besides its pages. They are recorded like errors (nothing read is lost without a
#: trace) but a run that has only these exits 0.
SKIPS = frozenset({NOT_ARTICLE})


class Rejected(Exception):
    """An input (or one record of it) that cannot become an article."""

    def __init__(self, reason: str, detail: str = "", record: int | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.record = record
