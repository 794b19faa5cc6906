"""CSV and TSV exports: a header row naming the fields, then one article per row.

Rows are streamed line by line (see :mod:`newsgraph.ingest.lines`); a quoted field may
span lines, so a row's ``raw`` is the exact lines it was read from and its record number
is the line it starts on (the header is line 1). The CSV delimiter is the one of
``, ; TAB |`` that occurs most in the header line: spreadsheet exports in much of
Europe use semicolons. A file whose header has no text column is one error, not one per
row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from newsgraph.ingest.build import Context, Item
from newsgraph.ingest.decode import peek
from newsgraph.ingest.errors import MALFORMED_RECORD, NO_TEXT, Rejected
from newsgraph.ingest.lines import Line, lines
from newsgraph.ingest.sources import Input

_DELIMITERS = ",;\t|"


def read_csv(inp: Input, ctx: Context) -> Iterator[Item]:
    header = peek(inp.head).split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=header.count)
    yield from _rows(inp, ctx, delimiter if header.count(delimiter) else ",", "csv")


def read_tsv(inp: Input, ctx: Context) -> Iterator[Item]:
    yield from _rows(inp, ctx, "\t", "tsv")


def _rows(inp: Input, ctx: Context, delimiter: str, format: str) -> Iterator[Item]:
    limit = ctx.settings.limits.max_line_bytes
    csv.field_size_limit(max(csv.field_size_limit(), limit))
    pending: list[Item] = []
    taken: list[Line] = []

    def feed() -> Iterator[str]:
        for line in lines(inp, limit):
            if isinstance(line, Rejected):
                pending.append(ctx.error(line.reason, line.detail, line.record))
            else:
                taken.append(line)
                yield line.text

    reader = csv.reader(feed(), delimiter=delimiter)
    header: list[str] | None = None
    while True:
        try:
            row = next(reader)
            failure = None
        except StopIteration:
            break
        except csv.Error as exc:
            row, failure = [], str(exc)
        yield from pending
        pending.clear()
        number = taken[0].number if taken else reader.line_num
        raw = "".join(line.text for line in taken)
        encoding = taken[0].encoding if taken else None
        taken.clear()
        if failure:
            yield ctx.error(MALFORMED_RECORD, f"unreadable row: {failure}", number)
        elif not any(cell.strip() for cell in row):
            continue
        elif header is None:
            header = [name.strip().lstrip("\ufeff") for name in row]
            _check_header(header, ctx)
        elif len(row) != len(header):
            detail = f"{len(row)} fields where the header has {len(header)}"
            yield ctx.error(MALFORMED_RECORD, detail, number)
        else:
            fields = dict(zip(header, row, strict=True))
            yield ctx.record_article(
                fields, raw.rstrip("\r\n"), format=format, record=number, encoding=encoding
            )
    yield from pending


def _check_header(header: list[str], ctx: Context) -> None:
    names = {name.lower() for name in header}
    wanted = ctx.fields.names["text"]
    if not names.intersection(wanted):
        raise Rejected(
            NO_TEXT,
            f"no text column among {', '.join(header)}; expected one of {', '.join(wanted)} "
            "(map one with --field text=NAME)",
        )
