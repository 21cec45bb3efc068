"""What repeats across the sessions of one meeting file, computed once per distinct value.

A meeting has a few dozen distinct slot times and a few hundred groups; 40,000 sessions
would otherwise parse and localize the same times 40,000 times (pytz's localize was the
costliest step of loading: docs/performance.md).  Errors are remembered as their messages
and raised again, so every session still gets its own problem with its own position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta, tzinfo
from typing import TypeVar

from ietfplan import timefmt
from ietfplan.model import TopicIndex
from ietfplan.model import _keyword_re as keyword_re  # the very rule classify uses
from ietfplan.zones import Reading, readings, to_zone

Parsed = TypeVar("Parsed")
_NONE: frozenset[int] = frozenset()


class Memo:
    """Results that repeat across sessions (the same times, days, groups), computed once.

    A meeting has a few dozen distinct slot times; 40,000 sessions would otherwise
    parse and localize them 40,000 times (pytz's localize is the costliest step).
    """

    def __init__(self) -> None:
        self.ranges: dict[str, tuple[time, time | None, str] | str] = {}
        self.read: dict[datetime, tuple[bool, tuple[Reading, ...]]] = {}
        self.topics: dict[tuple[str, str, tuple[str, ...]], tuple[str, ...]] = {}
        self.by_group_hits: dict[tuple[str, frozenset[int]], tuple[str, ...]] = {}
        self.labels: dict[str, list[tuple[str, tuple[int, ...]]] | str] = {}
        self.ends: dict[datetime, datetime] = {}
        self.texts: dict[str, frozenset[int]] = {}  # topics by keyword, per text
        self.shared_texts: dict[str, str] = {}  # each text that repeats, as one object
        self._keywords_of: TopicIndex | None = None
        self._keywords: list[tuple[int, str, str | None]] = []  # topic index, keyword, lowered
        self._any: re.Pattern[str] | None = None

    def estimated_end(self, start: datetime, duration: timedelta, zone: tzinfo) -> datetime:
        got = self.ends.get(start)
        if got is None:
            got = self.ends[start] = to_zone(start + duration, zone)
        return got

    def time_range(self, raw: str) -> tuple[time, time | None, str]:
        return _or_raise(self.ranges, raw, _session_range)

    def readings(self, naive: datetime, zone: tzinfo) -> tuple[bool, tuple[Reading, ...]]:
        got = self.read.get(naive)
        if got is None:
            got = self.read[naive] = readings(naive, zone)
        return got

    def classify(self, topics: TopicIndex, group: str, name: str, drafts: tuple[str, ...]
                 ) -> tuple[str, ...]:
        """``topics.classify(group, name, *drafts)``, with each text's keyword matches
        computed once per distinct text (names and drafts repeat across groups)."""
        key = (group, name, drafts)
        got = self.topics.get(key)
        if got is None:
            hits = self._text_topics(topics, name)
            for draft in drafts:
                hits = hits | self._text_topics(topics, draft)
            by_group = (group, hits)  # names differ more than what they match
            got = self.by_group_hits.get(by_group)
            if got is None:
                lowered = group.lower()
                got = self.by_group_hits[by_group] = tuple(
                    t.key for i, t in enumerate(topics.topics) if lowered in t.groups or i in hits)
            self.topics[key] = got
        return got

    def _text_topics(self, topics: TopicIndex, text: str) -> frozenset[int]:
        """The indices of the topics with a keyword found in ``text`` (as TopicIndex.classify).

        For ASCII text and keyword, a case-insensitive match implies the lowercased
        keyword is a substring of the lowercased text, so most regex searches are skipped;
        other text is always searched (re's case-insensitive matching of non-ASCII
        characters is wider than ``str.lower``).
        """
        if self._keywords_of is not topics:
            self._keywords_of = topics
            self.texts.clear()
            self.by_group_hits.clear()  # the hits are indices into this topic index
            self._keywords = [(i, k, k.lower() if k.isascii() else None)
                              for i, t in enumerate(topics.topics) for k in t.keywords]
            lows = [k_low for _, _, k_low in self._keywords if k_low is not None]
            # One search for "is any keyword in there at all": most texts have none.
            self._any = (re.compile("|".join(map(re.escape, lows)))
                         if lows and len(lows) == len(self._keywords) else None)
        got = self.texts.get(text)
        if got is None:
            low = text.lower() if text.isascii() else None
            if low is not None and self._any is not None and self._any.search(low) is None:
                got = self.texts[text] = _NONE
            else:
                got = self.texts[text] = frozenset(
                    i for i, k, k_low in self._keywords
                    if (low is None or k_low is None or k_low in low)
                    and keyword_re(k).search(text) is not None)
        return got

    def label_offsets(self, label: str) -> list[tuple[str, tuple[int, ...]]]:
        return _or_raise(self.labels, label, timefmt.label_offsets)


def _session_range(raw: str) -> tuple[time, time | None, str]:
    """A session's ``time:``, ``start:`` or ``end:``: clock times may have seconds."""
    return timefmt.parse_time_range(raw, seconds=True)


def _or_raise(table: dict[str, Parsed | str], raw: str, parse: Callable[[str], Parsed]) -> Parsed:
    """``parse(raw)`` once per distinct ``raw``; a ValueError is remembered as its message."""
    got = table.get(raw)
    if got is None:
        try:
            got = parse(raw)
        except ValueError as exc:
            got = str(exc)
        table[raw] = got
    if isinstance(got, str):
        raise ValueError(got)
    return got
