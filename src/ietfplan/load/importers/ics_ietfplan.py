"""Reading back ietfplan's own .ics export (render/ics.py), so that it imports as the
sessions it was made from.

The export writes ``UID:ietf<n>-<group>-<k>@ietfplan``, ``SUMMARY:<GROUP> — <name> (IETF
<n>)`` (``, time not given`` for all-day events), ``LOCATION:<room>, <city>`` and a
DESCRIPTION of lines: a rescheduled mark, time remarks, ``Topics:``, ``Drafts:``,
``<link>: <url>``, ``Note: …``, ``Source: …`` and ``IETF <n> <city> agenda: <url>``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_UID = re.compile(r"^ietf(\d+)-(.+)@ietfplan$")
_SUMMARY = re.compile(r"^(?P<title>.*?) \(IETF (?P<n>\d+)(?:, time not given)?\)$", re.S)
_LINK = re.compile(r"^([^:\n]+): (\S+://\S+)$")
_SKIP = ("Time not given in the source", "End time not given", "End time estimated", "Topics: ")
RESCHEDULED = "Rescheduled (times as in the latest data)."


@dataclass
class Ours:
    number: int
    group: str
    name: str = ""
    note: str = ""
    source: str = ""
    rescheduled: bool = False
    drafts: tuple[str, ...] = ()
    links: list[tuple[str, str]] = field(default_factory=list)


def our_event(uid: str, summary: str, description: str) -> Ours | None:
    """The session fields of one exported event; None if it is not ietfplan's."""
    uid_match, summary_match = _UID.match(uid), _SUMMARY.match(summary)
    if uid_match is None or summary_match is None or uid_match.group(1) != summary_match.group("n"):
        return None
    acronym, _, name = summary_match.group("title").partition(" — ")
    group = acronym.strip().lower()
    if not uid_match.group(2).startswith(f"{group}-"):
        return None
    out = Ours(int(uid_match.group(1)), group, name.strip())
    lines = description.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line == RESCHEDULED:
            out.rescheduled = True
        elif line.startswith(_SKIP):
            continue
        elif line.startswith("Drafts: "):
            out.drafts = tuple(d.strip() for d in line[8:].split(",") if d.strip())
        elif line.startswith("Note: "):
            note = [line[6:]]
            while index < len(lines) and not lines[index].startswith(
                    ("Source: ", f"IETF {out.number} ")):
                note.append(lines[index])
                index += 1
            out.note = "\n".join(note)
        elif line.startswith("Source: "):
            out.source = line[8:]
        elif line.startswith(f"IETF {out.number}") and " agenda: " in line:
            continue
        elif (link := _LINK.match(line)) is not None:
            out.links.append((link.group(1), link.group(2)))
    return out


def split_rooms(locations: list[str]) -> tuple[str, list[str]]:
    """(city, rooms): the export writes ``room, city``; the city is the common last part."""
    if not locations:
        return "", []
    last = Counter(loc.rsplit(", ", 1)[-1] for loc in locations if loc)
    if not last:
        return "", locations
    city, count = last.most_common(1)[0]
    if count * 2 < len(locations):
        return "", locations
    rooms = ["" if loc == city else loc[: -len(city) - 2] if loc.endswith(", " + city) else loc
             for loc in locations]
    return city, rooms
