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


def carried_links(draft: Draft) -> frozenset[str] | None:
    """The kinds of link (``dtlinks.link_kind``) a session of ``draft``'s format can have,
    as its importer module declares them (``LINKS``, by format name); None when it can have
    any: ietfplan's own .ics export gives back every link it wrote, and a format no module
    declares is taken as it is."""
    if any(item.ours for item in draft.items):
        return None
    from ietfplan.load.importers import datatracker_csv, datatracker_json, ics, isoc_text

    declared: dict[str, frozenset[str]] = {
        **datatracker_json.LINKS, **datatracker_csv.LINKS, **ics.LINKS, **isoc_text.LINKS}
    return declared.get(draft.fmt)


__all__ = ["Draft", "SourceEntry", "carried_links", "parse_source"]
