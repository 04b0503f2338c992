"""Result rows as a table people read: labels instead of IRIs where a label column names the
same thing, column names in words, empty cells instead of "None", yes/no instead of booleans.
The CLI and the app show tables this way; JSON, CSV and downloads keep the raw rows."""

from __future__ import annotations

from collections.abc import Sequence

Row = dict[str, object]
LABEL_SUFFIXES = ("_label", "_title", "_text")


def is_iri(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://", "urn:")) and " " not in value


def readable(rows: Sequence[Row], columns: Sequence[str] | None = None, iris: bool = False) -> list[Row]:
    """The rows as a screen shows them. An IRI column with a label beside it (`report` and
    `report_label`) shows the label under the IRI column's name. IRI columns themselves come
    last, named "… (IRI)", with iris=True, or when the rows have nothing else to show."""
    names = list(columns if columns is not None else (rows[0].keys() if rows else []))
    iri_columns = [
        n
        for n in names
        if any(r.get(n) is not None for r in rows) and all(r.get(n) is None or is_iri(r.get(n)) for r in rows)
    ]
    shown_as: dict[str, str] = {}
    for name in names:
        base = next((name[: -len(s)] for s in LABEL_SUFFIXES if name.endswith(s)), None)
        if base and (base in iri_columns or base not in names):
            shown_as[name] = _words(base)
        elif name not in iri_columns:
            shown_as[name] = _words(name)
    if iris or not shown_as:
        shown_as.update({n: f"{_words(n)} (IRI)" for n in iri_columns})
    return [{shown: _cell(row.get(name)) for name, shown in shown_as.items()} for row in rows]


def _words(name: str) -> str:
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
