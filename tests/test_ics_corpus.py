"""`ietfplan import` on every real third-party calendar of ../shared/corpus/calendars.

Per file: no internal error; either a clear refusal (an IetfplanError whose message holds
no Python repr) with nothing written, or sessions whose start instants (to the second) are what icalendar
and the calendar's own VTIMEZONE / IANA / Windows names give for the same event, computed
here without the importer; and every TZID that neither a VTIMEZONE nor icalendar resolves
is named in a warning.  In-process (one import per file); test_ics_import.py runs the
command itself for the exit codes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import pytest

from ietfplan.app import AppContext, Folders
from ietfplan.app.importing import ImportOutcome, ImportRequest, import_meeting
from ietfplan.errors import IetfplanError

# icalendar, the oracle here, warns when it reads a vendor-prefixed TZID such as
# "/mozilla.org/20070129_1/America/New_York" as the IANA name at its end; that reading is
# the one compared with, so its warning is not a finding of these tests.
pytestmark = pytest.mark.filterwarnings("ignore:Timezone .* is a globally unique TZID")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "calendars"
FILES = sorted(CORPUS.glob("**/*.ics")) if CORPUS.is_dir() else []
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)  # dates up to five years on are plausible
_REPR = re.compile(r"vText\(|vDDD|b'|\[v[A-Z]|Traceback|<[a-z_.]+ object at|Error\(")
_BLOCK = re.compile(r"^BEGIN:(VEVENT|VTIMEZONE)\s*$(.*?)^END:\1\s*$", re.M | re.S | re.I)


def _corpus_ids() -> list[Any]:
    if not FILES:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{CORPUS} is absent (a clone without ../shared)"))]
    return [pytest.param(f, id=str(f.relative_to(CORPUS))) for f in FILES]


def run(source: Path, **kwargs: object) -> ImportOutcome:
    request = ImportRequest(source=str(source), **kwargs)  # type: ignore[arg-type]
    return import_meeting(AppContext(Folders.from_environ(os.environ), now=NOW), request)


@dataclass
class Expected:
    """What icalendar says about the file's events, by UID."""

    instants: dict[str, set[datetime]] = field(default_factory=dict)  # one-off timed events
    floating: dict[str, set[datetime]] = field(default_factory=dict)  # naive wall clock
    repeating: dict[str, set[tuple[int, int, int]]] = field(default_factory=dict)  # (h, m, s) local
    repeating_zone: dict[str, tzinfo | None] = field(default_factory=dict)
    unresolved: set[str] = field(default_factory=set)  # TZIDs nothing here resolves
    overrides: dict[str, set[datetime]] = field(default_factory=dict)  # RDATE, RECURRENCE-ID starts


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _windows_display(tzid: str) -> tzinfo | None:
    """Outlook's display name through the generated CLDR table (data, not importer code)."""
    from zoneinfo import ZoneInfo

    from ietfplan.load.importers.windows_zones import DISPLAY_NAMES

    label = re.sub(r"^\((?:UTC|GMT)[^)]*\)\s*", "", tzid.strip('"')).replace(" and ", " & ")
    for name, (_, iana, _) in DISPLAY_NAMES.items():
        if label.lower() == name.lower() or label.lower().startswith(name.lower() + ","):
            return ZoneInfo(iana)
    return None


def _oracle(text: str) -> Expected:
    from icalendar import Component
    from icalendar.timezone import tzp

    out = Expected()
    vtimezones: dict[str, tzinfo] = {}
    events: list[Any] = []
    for block in _BLOCK.finditer(text):
        kind = block.group(1).upper()
        body = f"BEGIN:{kind}{block.group(2)}END:{kind}\r\n"
        body = re.sub(r"^BEGIN:VALARM.*?^END:VALARM\s*$\n?", "", body, flags=re.M | re.S)
        try:
            component = Component.from_ical(body)
        except Exception:  # the importer must cope; the oracle just skips it
            continue
        if kind == "VTIMEZONE":
            try:
                tzid = component.get("TZID")
                tzid = str(tzid[0] if isinstance(tzid, list) else tzid)
                vtimezones.setdefault(tzid, component.to_tz(lookup_tzid=False))
            except Exception:
                continue
        else:
            events.append(component)

    def zone(tzid: str) -> tzinfo | None:
        found = vtimezones.get(tzid) or vtimezones.get(tzid.strip('"'))
        if found is None:
            found = tzp.timezone(tzid.strip('"'))
        if found is None:
            found = _windows_display(tzid)
        return found

    for ev in events:
        uid = ev.get("UID")
        start = ev.get("DTSTART")
        if uid is None or start is None or isinstance(start, list) or isinstance(uid, list):
            continue
        try:
            value = start.dt
        except Exception:
            continue
        if not isinstance(value, datetime):
            continue
        tzid = str(start.params.get("TZID", ""))
        naive = value.replace(tzinfo=None)
        where: tzinfo | None
        if value.tzinfo is not None and not tzid:
            where, moment = timezone.utc, value
        elif tzid:
            where = zone(tzid)
            if where is None:
                out.unresolved.add(tzid)
                continue
            moment = naive.replace(tzinfo=where)
        else:
            where, moment = None, naive
        key = str(uid)
        if ev.get("RRULE") is not None or ev.get("RDATE") is not None:
            out.repeating.setdefault(key, set()).add((naive.hour, naive.minute, naive.second))
            out.repeating_zone[key] = where
            rdates = ev.get("RDATE")
            for prop in rdates if isinstance(rdates, list) else [rdates] if rdates is not None else []:
                rzone = zone(str(prop.params["TZID"])) if "TZID" in prop.params else where
                for one in prop.dts:
                    when = one.dt[0] if isinstance(one.dt, tuple) else one.dt
                    if isinstance(when, datetime) and (rzone is not None or when.tzinfo is not None):
                        when = when if when.tzinfo is not None and "TZID" not in prop.params \
                            else when.replace(tzinfo=rzone)
                        out.overrides.setdefault(key, set()).add(when.astimezone(timezone.utc))
        elif where is None:
            out.floating.setdefault(key, set()).add(naive)
        else:
            out.instants.setdefault(key, set()).add(moment.astimezone(timezone.utc))
    for ev in events:  # RECURRENCE-ID overrides: their own times are right too
        uid, start = ev.get("UID"), ev.get("DTSTART")
        if ev.get("RECURRENCE-ID") is None or uid is None or start is None or isinstance(start, list):
            continue
        try:
            value = start.dt
        except Exception:
            continue
        if isinstance(value, datetime) and str(uid) in out.repeating:
            tzid = str(start.params.get("TZID", ""))
            where = zone(tzid) if tzid else (timezone.utc if value.tzinfo else None)
            out.overrides.setdefault(str(uid), set()).add(
                value.replace(tzinfo=where).astimezone(timezone.utc) if where is not None
                else value.replace(tzinfo=None))
    return out


_UID_IN_SOURCE = re.compile(r"\(UID (.*)\)$")


@pytest.mark.parametrize("path", _corpus_ids())
def test_corpus_calendar_imports_right_or_is_refused_clearly(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    try:
        try:
            outcome = run(path, meeting=990, output=str(out))
        except IetfplanError as exc:
            if "does not say which time zone" not in str(exc) and "names no IANA time zone" not in str(exc):
                raise
            outcome = run(path, meeting=990, output=str(out), timezone="UTC")  # then check instants
    except IetfplanError as exc:
        message = exc.format(context=False)
        assert not _REPR.search(message), message
        assert message.strip() and not out.exists()
        return
    assert out.exists()
    for warning in outcome.warnings:
        assert not _REPR.search(warning), warning
    expected = _oracle(_decode(path.read_bytes()))
    joined = "\n".join(outcome.warnings)
    for tzid in expected.unresolved:
        assert f"'{tzid}'" in joined, f"TZID {tzid!r} unresolved without a warning"
    meeting = outcome.meeting
    from zoneinfo import ZoneInfo

    meeting_zone = ZoneInfo(meeting.timezone)
    checked = 0
    for session in meeting.sessions:
        found = _UID_IN_SOURCE.search(session.source)
        if session.start is None or found is None:
            continue
        uid = found.group(1)
        instant = session.start.astimezone(timezone.utc)
        if uid in expected.instants and uid not in expected.repeating:
            assert instant in expected.instants[uid], (uid, instant, expected.instants[uid])
            checked += 1
        elif uid in expected.floating and uid not in expected.repeating:
            wall = session.start.astimezone(meeting_zone).replace(tzinfo=None)
            assert wall in expected.floating[uid], (uid, wall, expected.floating[uid])
            checked += 1
        elif uid in expected.repeating:
            # An occurrence keeps DTSTART's wall-clock time in the event's zone (RFC 5545 3.3.10):
            # some (hour, minute, second) of the event on the session's day or a day next to it, read in
            # that zone (replace, not astimezone: dateutil's fromutc is wrong on odd VTIMEZONEs).
            where = expected.repeating_zone[uid] or meeting_zone
            day = session.start.astimezone(meeting_zone).date()
            candidates = {datetime(d.year, d.month, d.day, h, mi, sec, tzinfo=where).astimezone(timezone.utc)
                          for d in (day - timedelta(days=1), day, day + timedelta(days=1))
                          for h, mi, sec in expected.repeating[uid]}
            moved = expected.overrides.get(uid, set())
            assert instant in candidates or instant in moved or session.start.replace(tzinfo=None) in moved, (
                uid, instant, expected.repeating[uid])
            checked += 1
    timed = [s for s in meeting.sessions if s.start is not None]
    assert checked or not timed or not (expected.instants or expected.floating or expected.repeating)


def test_the_corpus_table_in_docs_is_true() -> None:
    """docs/importing.md's table of corpus results says what an import of each file does now."""
    if not FILES:
        pytest.skip(f"{CORPUS} is absent (a clone without ../shared)")
    from ics_corpus_table import table

    docs = (Path(__file__).resolve().parents[1] / "docs" / "importing.md").read_text(encoding="utf-8")
    assert table() in docs, "run: python tests/ics_corpus_table.py and paste its table into docs/importing.md"
