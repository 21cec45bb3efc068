"""Importers: Datatracker agenda.json / agenda.csv / agenda-utc.csv / agenda.ics, any
RFC 5545 calendar, ISOC-style session lists → a Draft (see common.py).

``parse_source`` picks the importer; ``run.import_meeting`` does the whole import.
Each importer module is small and imported only when its format is used.
"""

from __future__ import annotations

from ietfplan.load.importers.common import Draft, SourceEntry


def parse_source(text: str, origin: str, fmt: str) -> Draft:
    """The Draft of ``text`` in format ``fmt`` (one of detect.SOURCE_FORMATS)."""
    if fmt == "json":
        from ietfplan.load.importers import datatracker_json

        return datatracker_json.parse(text, origin)
    if fmt in ("csv", "csv-utc"):
        from ietfplan.load.importers import datatracker_csv

        return datatracker_csv.parse(text, origin, utc=fmt == "csv-utc")
    if fmt == "ics":
        from ietfplan.load.importers import ics

        return ics.parse(text, origin)
    if fmt == "text":
        from ietfplan.load.importers import isoc_text

        return isoc_text.parse(text, origin)
    from ietfplan.errors import UsageError
    from ietfplan.load.importers.detect import SOURCE_FORMATS
    from ietfplan.suggest import hint_for

    raise UsageError(f"unknown format '{fmt}'", hint=hint_for(fmt, SOURCE_FORMATS, "format"))


__all__ = ["Draft", "SourceEntry", "parse_source"]
