"""Write a data folder of many imported-looking meetings (for the store benchmarks).

Each meeting is a five-day week (Monday to Friday) of about 240 sessions in 10-12
parallel tracks, 4-5 slots a day, written by ``load/dump.py`` exactly as ``ietfplan
import`` writes a meeting file.  Synthetic and deterministic (seeded): the groups are
real IETF acronyms (so ``--topic iot`` finds some) but the sessions are invented.

    python bench/gen_folder.py /tmp/meetings [--meetings 160] [--sessions 240]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from gen_meeting import GROUPS, WORDS

from ietfplan.load.dump import dump_meeting
from ietfplan.model import Meeting, Session
from ietfplan.zones import get_zone, localize

PLACES = (("Montreal", "CA", "America/Montreal"), ("London", "GB", "Europe/London"),
          ("Prague", "CZ", "Europe/Prague"), ("Singapore", "SG", "Asia/Singapore"),
          ("Yokohama", "JP", "Asia/Tokyo"), ("San Francisco", "US", "America/Los_Angeles"),
          ("Vancouver", "CA", "America/Vancouver"), ("Bangkok", "TH", "Asia/Bangkok"),
          ("Madrid", "ES", "Europe/Madrid"), ("Brisbane", "AU", "Australia/Brisbane"))
SLOTS = ((9, 30, 120), (13, 30, 90), (15, 20, 90), (17, 10, 60), (18, 20, 60))
# Meeting N starts 17 weeks after meeting N-1, on a Saturday; 102 on the real IETF 102's
# first day (14 July 2018), so the bundled meetings' dates and IETFPLAN_NOW fit both.
FIRST = date(2018, 7, 14) - timedelta(weeks=17 * 101)


def meeting_start(number: int) -> date:
    return FIRST + timedelta(weeks=17 * (number - 1))


def make_meeting(number: int, sessions: int = 240, seed: int = 13) -> Meeting:
    rng = random.Random(seed * 100_003 + number)
    city, country, zone_name = PLACES[number % len(PLACES)]
    zone = get_zone(zone_name)
    start = meeting_start(number)
    tracks = rng.randint(10, 12)
    out: list[Session] = []
    days = [start + timedelta(days=2 + d) for d in range(5)]  # Monday .. Friday
    i = 0
    while i < sessions:
        day = days[(i // (tracks * len(SLOTS))) % len(days)]
        hour, minute, length = SLOTS[(i // tracks) % len(SLOTS)]
        group = rng.choice(GROUPS)
        begin = localize(datetime(day.year, day.month, day.day, hour, minute), zone)[0]
        out.append(Session(meeting=number, id="", group=group, date=day, start=begin,
                           end=begin + timedelta(minutes=length),
                           name=" ".join(rng.sample(WORDS, 3)), room=f"Room {i % tracks + 1}"))
        i += 1
    return Meeting(number=number, city=city, country=country, timezone=zone_name, start=start,
                   end=start + timedelta(days=6), sessions=tuple(out))


def write_folder(folder: Path, meetings: int, sessions: int = 240, first: int = 1) -> list[Path]:
    """``meetings`` files ``ietf<N>.yaml`` for N = first, first + 1, ..."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(first, first + meetings):
        path = folder / f"ietf{number}.yaml"
        path.write_text(dump_meeting(make_meeting(number, sessions),
                                     "Synthetic meeting for benchmarks (bench/gen_folder.py)."),
                        encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--meetings", type=int, default=160)
    parser.add_argument("--sessions", type=int, default=240)
    args = parser.parse_args()
    write_folder(args.folder, args.meetings, args.sessions)


if __name__ == "__main__":
    main()
