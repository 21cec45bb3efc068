"""Importing a 2,000-session agenda: time against a plain read of the same file.

    .venv/bin/python bench/import_bench.py [--sessions 2000] [--repeat 5]

Writes a synthetic agenda.json and agenda.csv (Datatracker layout) and a calendar of as
many events as Outlook writes it (Windows zone IDs and display names as TZIDs, a
VTIMEZONE, every tenth event repeating daily with an EXDATE) to a temp folder, then times
(best of --repeat): a plain ``json.load`` / ``csv.reader`` / ``icalendar`` parse of the
file, and the full ``ietfplan import`` (read, parse, build, write YAML, load it back,
compare with the previous version).  Target: the import under 1 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

ZONE_OFFSET = timedelta(hours=-4)  # the synthetic meeting is in America/Montreal in July


def make_sessions(n: int) -> list[dict[str, object]]:
    out = []
    groups = max(1, n // 5)
    day0 = datetime(2018, 7, 14, 8, 0)
    for i in range(n):
        local = day0 + timedelta(days=i % 7, minutes=30 * ((i // 7) % 28))
        out.append({
            "objtype": "session", "id": 100000 + i, "session_id": 200000 + i, "is_bof": False,
            "group": {"acronym": f"wg{i % groups}", "name": f"Working Group {i % groups}", "type": "wg",
                      "state": "active", "parent": ("int", "ops", "sec", "rtg", "art")[i % 5]},
            "name": f"Working Group {i % groups}",
            "start": (local - ZONE_OFFSET).replace(tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration": "1:30:00", "location": f"Room {i % 40}", "status": "sched",
            "modified": "2018-07-10T12:00:00Z",
            "agenda": f"https://datatracker.ietf.org/meeting/150/materials/agenda-150-wg{i % groups}-00",
        })
    return out


def write_files(folder: Path, n: int) -> tuple[Path, Path]:
    sessions = make_sessions(n)
    js = folder / "agenda.json"
    js.write_text(json.dumps({"150": sessions}, indent=2, sort_keys=True), encoding="utf-8")
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL)
    w.writerow(["Date", "Start", "End", "Session", "Room", "Area", "Acronym", "Type", "Description",
                "Session ID", "Agenda", "Slides"])
    for s in sessions:
        start = datetime.strptime(str(s["start"]), "%Y-%m-%dT%H:%M:%SZ") + ZONE_OFFSET
        end = start + timedelta(minutes=90)
        g = s["group"]
        assert isinstance(g, dict)
        w.writerow([f"{start:%Y-%m-%d}", f"{start:%H%M}", f"{end:%H%M}", "Session", s["location"],
                    str(g["parent"]).upper(), g["acronym"], "WG", g["name"], s["session_id"],
                    f"http://www.ietf.org/proceedings/150/agenda/agenda-150-{g['acronym']}-00.txt", ""])
    cs = folder / "agenda.csv"
    cs.write_text(buf.getvalue(), encoding="utf-8")
    return js, cs


def write_calendar(folder: Path, n: int) -> Path:
    """``n`` VEVENTs the way Outlook/Exchange write them, in the meeting's week."""
    zones = ("Eastern Standard Time", '"(UTC-05:00) Eastern Time (US & Canada)"', "America/Montreal")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
             "BEGIN:VTIMEZONE", "TZID:Eastern Standard Time", "BEGIN:STANDARD", "DTSTART:16011104T020000",
             "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
             "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:16010311T020000",
             "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
             "END:DAYLIGHT", "END:VTIMEZONE"]
    day0 = datetime(2018, 7, 14, 8, 0)
    for i in range(n):
        local = day0 + timedelta(days=i % 7, minutes=30 * ((i // 7) % 28))
        tzid = zones[i % 3]
        lines += ["BEGIN:VEVENT", f"UID:{i:06d}-bench@example.org", f"SUMMARY:wg{i % 400} - Working Group {i % 400}",
                  f"DTSTART;TZID={tzid}:{local:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID={tzid}:{local + timedelta(minutes=90):%Y%m%dT%H%M%S}",
                  f"LOCATION:Room {i % 40}", "STATUS:CONFIRMED", "DESCRIPTION:Agenda: https://example.org/a\\nBring ideas",
                  "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "END:VALARM"]
        if i % 10 == 0:
            lines += ["RRULE:FREQ=DAILY;COUNT=3", f"EXDATE;TZID={tzid}:{local + timedelta(days=1):%Y%m%dT%H%M%S}"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path = folder / "outlook.ics"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def main() -> None:
    from common import best_time  # here: tests load this module for its calendar alone

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["IETFPLAN_HOME"] = str(folder / "home")
        from ietfplan.app import AppContext, Folders
        from ietfplan.app.importing import ImportRequest, import_meeting

        js, cs = write_files(folder, args.sessions)
        ics = write_calendar(folder, args.sessions)
        now = datetime(2018, 7, 1, tzinfo=timezone.utc)

        def context() -> AppContext:  # a fresh one per run: nothing parsed is kept between runs
            return AppContext(Folders.from_environ(os.environ), now=now)

        def plain_json() -> object:
            with open(js, encoding="utf-8") as fh:
                return json.load(fh)

        def plain_csv() -> object:
            with open(cs, encoding="utf-8", newline="") as fh:
                return list(csv.reader(fh))

        def plain_ics() -> object:
            from icalendar import Calendar

            return Calendar.from_ical(ics.read_text(encoding="utf-8"))

        def importer(src: Path, fmt: str) -> Callable[[], object]:
            def go() -> object:
                out = folder / f"out-{fmt}.yaml"
                out.unlink(missing_ok=True)
                request = ImportRequest(str(src), output=str(out), timezone="America/Montreal", fmt=fmt,
                                        meeting=150 if fmt == "ics" else None)
                return import_meeting(context(), request)
            return go

        def reimport(src: Path) -> Callable[[], object]:
            def go() -> object:  # into an existing file: load the old one, compare, keep .bak
                request = ImportRequest(str(src), output=str(folder / "re.yaml"), timezone="America/Montreal")
                return import_meeting(context(), request)
            go()
            return go

        print(f"{args.sessions} sessions; {js.stat().st_size // 1024} KB json, {cs.stat().st_size // 1024} KB csv, "
              f"{ics.stat().st_size // 1024} KB ics; "
              f"best of {args.repeat}")
        rows = [
            ("agenda.json", best_time(plain_json, args.repeat), best_time(importer(js, "json"), args.repeat)),
            ("agenda.csv", best_time(plain_csv, args.repeat), best_time(importer(cs, "csv"), args.repeat)),
            ("Outlook .ics", best_time(plain_ics, args.repeat), best_time(importer(ics, "ics"), args.repeat)),
            ("agenda.json re-import", best_time(plain_json, args.repeat), best_time(reimport(js), args.repeat)),
        ]
        print(f"{'source':<24}{'plain read':>12}{'import':>10}{'ratio':>8}")
        for name, base, full in rows:
            ratio = f"{full / base:.1f}x" if full < 10 * base else f"{full / base:.0f}x"
            print(f"{name:<24}{base * 1000:>10.1f}ms{full * 1000:>8.0f}ms{ratio:>8}"
                  + ("" if full < 1.0 else "   OVER 1 s"))


if __name__ == "__main__":
    main()
