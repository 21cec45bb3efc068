"""The table of docs/importing.md: what `ietfplan import FILE --meeting 990` does with each
calendar of ../shared/corpus/calendars (as a user would run it: no --timezone, no window).

    python tests/ics_corpus_table.py      # prints the table to paste into docs/importing.md

tests/test_ics_corpus.py checks that the docs hold exactly this table.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "calendars"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
ZONE_NOTE = "the meeting's zone is taken to be"

# Refusals by what their message says, in this order.
REASONS = (
    ("does not say which time zone", "only UTC or floating times: needs --timezone"),
    ("names no IANA time zone", "TZIDs that name no IANA zone (unknown, or only the file's own "
                                "VTIMEZONE): needs --timezone"),
    ("that is not the agenda of one meeting", "events span months: needs --from-date/--to-date"),
    ("no event of the calendar can be imported", "no event can be imported (each one's reason listed)"),
    ("no VEVENT", "no events (only to-dos, time zones or an empty calendar)"),
    ("END:VCALENDAR is missing", "cut short (no END:VCALENDAR)"),
    ("not valid UTF-8", "binary or fuzzed bytes (NUL bytes, not text)"),
    ("NUL byte", "binary or fuzzed bytes (NUL bytes, not text)"),
    ("cannot tell what format", "not a calendar (no BEGIN:VCALENDAR)"),
    ("not a plausible meeting date", "dates no meeting can have (e.g. 2040)"),
    ("none of the calendar's", "no event in the window"),
    ("days from the rest of the agenda", "events weeks apart: needs --from-date/--to-date"),
)


def outcomes() -> dict[str, str]:
    """File (relative to the corpus) → 'ok', 'warnings', 'problems' or a refusal reason."""
    from ietfplan.app import AppContext, Folders
    from ietfplan.app.importing import ImportRequest, import_meeting
    from ietfplan.errors import IetfplanError

    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        env = {**os.environ, "IETFPLAN_HOME": str(Path(tmp) / "home")}
        ctx = AppContext(Folders.from_environ(env), now=NOW)
        for path in sorted(CORPUS.glob("**/*.ics")):
            name = str(path.relative_to(CORPUS))
            out_file = Path(tmp) / (name.replace("/", "_") + ".yaml")
            request = ImportRequest(source=str(path), meeting=990, output=str(out_file))
            try:
                outcome = import_meeting(ctx, request)
            except IetfplanError as exc:
                text = exc.format(context=False)
                out[name] = next((why for pattern, why in REASONS if pattern in text), "other: " + text)
                continue
            if outcome.problems:
                out[name] = "problems"
            elif any(ZONE_NOTE not in w for w in outcome.warnings):
                out[name] = "warnings"
            else:
                out[name] = "ok"
    return out


def table() -> str:
    results = outcomes()
    counts = Counter(results.values())
    imported = counts["ok"] + counts["warnings"] + counts["problems"]
    rows = [
        "| what `ietfplan import FILE --meeting 990` does | files |",
        "|---|---:|",
        f"| imports (exit 0) | {counts['ok'] + counts['warnings']} |",
        f"| … of them with warnings beyond the inferred zone (ends left out, TZIDs read as a "
        f"Windows/Outlook/old name, Latin-1, repeating events' window) | {counts['warnings']} |",
        f"| imports with problems (exit 4: events skipped or a TZID assumed, each listed) | "
        f"{counts['problems']} |",
        f"| refused, nothing written (exit 2) | {len(results) - imported} |",
    ]
    reasons = sorted(((n, why) for why, n in counts.items() if why not in ("ok", "warnings", "problems")),
                     key=lambda pair: (-pair[0], pair[1]))
    rows += [f"| … {why} | {n} |" for n, why in reasons]
    rows.append(f"| all files | {len(results)} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.stdout.write(table())
