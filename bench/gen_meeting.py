"""Write a synthetic meeting file with many sessions (default 40,000; about 4 MB).

Synthetic and deterministic (seeded): the groups are real IETF acronyms but the
sessions are invented, so the file is written to a temporary folder for benches
and never committed.  It uses every way the format lets people write times
(``09.30-11.30``, ``13:30``, ``0930 EDT/UTC-4``, ``start``/``end``), untimed
sessions, ``day:`` instead of ``date:``, explicit topics, drafts and notes, so
the loader's real paths are exercised.

    python bench/gen_meeting.py /tmp/big.yaml [--sessions 40000]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

GROUPS = ["6man", "v6ops", "6lo", "6tisch", "lpwan", "dmm", "homenet", "dnsop", "dprive", "doh", "dane", "roll", "suit", "core", "ace", "t2trg", "lwig", "teep", "tls", "acme", "oauth", "tokbind", "lamps", "sidrops", "idr", "grow", "opsec", "quic", "httpbis", "tsvwg", "ippm", "netconf", "netmod", "opsawg", "lsr", "spring", "bess", "pce", "mpls", "detnet", "cbor", "jose", "cose", "emu", "ipsecme", "rats", "mls", "sacm", "secdispatch", "dispatch", "art", "gendispatch", "iccrg", "maprg", "panrg", "nmrg", "irtfopen", "hrpc"]
WORDS = ["Operations", "Maintenance", "Security", "Routing", "Transport", "Networks", "Constrained", "Devices", "Protocol", "Extensions", "Identity", "Management", "Privacy", "Deployment", "Measurement", "Encoding", "Framework", "Architecture", "Interoperability", "Telemetry", "Firmware", "Updates", "Naming", "Research"]
TIMES = ("09.30-11.30", "09:30-12:00", "13.30-15.00", "13:30-15:30 EDT/UTC-4", "15.50-17.20",
         "15:50-17:50", "18.10-19.10", "0930", "13.30 EDT/UTC-4", "10:00")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
TOPICS = ("iot", "ipv6", "dns", "tls", "bgp", "trust")


def group_names(seed: int, count: int) -> dict[str, str]:
    """``count`` groups, each with one fixed full name as in real agendas.  The first are
    real acronyms, the rest numbered variants (core2, dnsop7): a real meeting has about
    130 groups meeting 1-3 times, so 40,000 sessions need thousands of groups, or every
    'other sessions of the same group' list would have hundreds of entries."""
    rng = random.Random(seed)
    names = {}
    for g in range(count):
        base = GROUPS[g % len(GROUPS)]
        acronym = base if g < len(GROUPS) else f"{base}{g // len(GROUPS)}"
        names[acronym] = " ".join(rng.sample(WORDS, 3))
    return names


def session_yaml(rng: random.Random, i: int, start: date, groups: list[str],
                 names: dict[str, str], days: int) -> str:
    group = rng.choice(groups)
    name = names[group]
    lines = [f"  - group: {group}", f"    name: {name}"]
    offset = rng.randrange(days)
    if days == 7 and i % 7 == 0 and 2 <= offset <= 6:
        lines.append(f"    day: {DAYS[offset - 2]}")
    else:
        lines.append(f"    date: {start + timedelta(days=offset)}")
    kind = i % 10
    if kind == 9:
        pass  # untimed: the source gives only the day
    elif kind == 8:
        lines += ["    start: '14:00'", "    end: 15.30"]
    else:
        lines.append(f"    time: {rng.choice(TIMES)}")
    if i % 5 == 0:
        lines.append(f"    topics: [{rng.choice(TOPICS)}]")
    if i % 11 == 0:
        lines.append(f"    drafts: [draft-ietf-{group}-{rng.choice(WORDS).lower()}-0{i % 10}]")
    if i % 13 == 0:
        lines.append(f"    note: \"[red]synthetic[/] session {i}, 'quoted' & odd: IoT\"")
    return "\n".join(lines) + "\n"


def generate(sessions: int, seed: int = 102, days: int = 31) -> str:
    """A meeting of ``days`` days (the loader allows up to 32): 40,000 sessions in one week
    would put over a thousand sessions in every slot, and every clash list would be huge."""
    rng = random.Random(seed)
    start = date(2018, 7, 14)  # a Saturday; a 7-day meeting has one of each weekday
    head = (
        "# Synthetic meeting for benchmarks (bench/gen_meeting.py); not real data.\n"
        "meeting:\n  number: 999\n  city: Benchville\n  timezone: America/Montreal\n"
        f"  start: {start}\n  end: {start + timedelta(days=days - 1)}\n  default_duration: 1h30m\n"
        "sessions:\n"
    )
    names = group_names(seed, max(len(GROUPS), sessions * 2 // 5))  # 2.5 sessions a group
    groups = list(names)
    return head + "".join(session_yaml(rng, i, start, groups, names, days) for i in range(sessions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="where to write the YAML file")
    parser.add_argument("--sessions", type=int, default=40_000)
    parser.add_argument("--days", type=int, default=31, help="length of the meeting (1-32)")
    args = parser.parse_args()
    with open(args.path, "w", encoding="utf-8") as fh:
        fh.write(generate(args.sessions, days=args.days))


if __name__ == "__main__":
    main()
