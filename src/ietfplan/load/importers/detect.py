"""Which format a source is in: from its content first, its name second."""

from __future__ import annotations

import re

from ietfplan.errors import DataError

SOURCE_FORMATS = ("json", "csv", "csv-utc", "ics", "text")
_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<!--)", re.I)
_CSV_HEADER = re.compile(r'^\ufeff?"?Date"?\s*,\s*"?Start"?\s*,', re.I)


def is_html(text: str) -> bool:
    return bool(_HTML.match(text[:512]))


def html_error(origin: str) -> DataError:
    return DataError(
        "this is a web page (HTML), not an agenda",
        path=origin,
        hint="use the agenda's data address, e.g. https://datatracker.ietf.org/meeting/102/agenda.json "
             "(or agenda.csv, agenda-utc.csv, agenda.ics)",
    )


def detect(text: str, name: str, origin: str) -> str:
    """One of SOURCE_FORMATS; DataError when the content is HTML or nothing known."""
    head = text.lstrip("\ufeff \t\r\n")[:512]
    if is_html(head):
        raise html_error(origin)
    lowered = name.lower()
    if head.startswith(("{", "[")):
        return "json"
    if head.upper().startswith("BEGIN:VCALENDAR"):
        return "ics"
    csv = "csv-utc" if "utc" in lowered.rsplit("/", 1)[-1] else "csv"
    if _CSV_HEADER.match(head):
        return csv
    from ietfplan.load.importers.isoc_text import looks_like

    if looks_like(text):
        return "text"
    if head.split("\n", 1)[0].count(",") >= 3:  # a CSV header, if not the Datatracker's
        return csv
    by_name = {".json": "json", ".ics": "ics", ".ical": "ics", ".ifb": "ics", ".csv": "csv"}
    guess = next((f for ext, f in by_name.items() if lowered.split("?", 1)[0].endswith(ext)), None)
    hint = "say which with --from json, csv, csv-utc, ics or text"
    if guess:
        hint = f"the name says {guess}, but the content does not look like it; {hint}"
    raise DataError("cannot tell what format this is (not agenda.json, agenda.csv, .ics or an "
                    "ISOC-style session list)", path=origin, line=1, column=1, hint=hint)
