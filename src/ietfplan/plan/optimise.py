"""The best clash-free set of sessions for what the user wants (``ietfplan plan``).

Pure: sessions, weights per group and the clash rule in, a plan out; no files, no
clock, no configuration.

The objective, compared lexicographically (docs/plan.md):

1. the sum of the weights of the wanted groups attended at least once, largest first;
2. then the number of sessions attended, most first;
3. then the room changes, fewest first: two consecutive chosen sessions on the same
   day (the meeting's date) in different rooms; a session without a room changes nothing;
4. then the finish, earliest first: the end of the last chosen session (its start when
   no end is known, as for clashes);
5. then, so the same input always gives the same plan, the plan that takes the earliest
   session where two plans first differ (sessions ordered by start, end, group, id).

Two sessions conflict exactly when ``ietfplan clashes`` says they clash: the pairs come
from :func:`ietfplan.plan.clashes.clash_pairs`, over the spans of
:func:`ietfplan.plan.clashes.span_of` (so the meeting's default duration counts the same).

Method: exact branch and bound over the sessions in start order (take or skip each).
Clashes are an interval graph (clashes.py), so with the sessions sorted by start the
ones that clash with a session and start after it come right after it: taking session
``i`` leads to ``nxt[i]``, the first later session that does not clash with it, and
every state is a suffix of the list plus the groups attended.  The first three criteria
are one number, ``score = (weight * M + sessions) * M - room changes`` (``M = size + 1``,
``size`` the number of sessions).
Bounds on the score a suffix can still add:

- cheap: the ``K`` largest weights of the groups not yet attended that have a session in
  the suffix, ``K`` being how many sessions of the suffix fit together (``maxfit``,
  interval scheduling, computed once), and ``maxfit`` more sessions;
- Lagrangian: "a group counts once" is relaxed with a price per session of each group;
  what is left is a longest path along ``nxt`` that also counts room changes (one
  dynamic programme over the suffix).  The prices are tuned once at the root by
  subgradient steps; any prices give a valid bound, good ones a tight one;
- room changes and finish never decrease, so the current values bound them.

A branch is cut when that bound cannot beat the best plan found.  States are also
remembered (suffix, groups attended that still matter, last session's day and room): a
state reached again with a prefix no better than before is cut, because the same
completions add the same amounts.

The search runs twice: first branching the way the relaxed plan suggests, which finds
the best score early (a "dive" along the relaxation gives the first level to reach);
then take-first, cutting below that score and stopping at the first plan that reaches
it, which is the plan rule 5 asks for.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from itertools import pairwise

from ietfplan.model import Meeting, Session
from ietfplan.plan.clashes import Span, clash_pairs, span_of
from ietfplan.zones import DEFAULT_NIGHT, Night, in_night

CANCELLED = "cancelled"
UNTIMED = "time not given, not planned"
NIGHT = "in your night"
NOT_A_SESSION = "not a session (break or registration)"


def room_key(session: Session) -> str:
    return " ".join(session.room.lower().split())


def finish_of(spans: Iterable[Span]) -> datetime | None:
    """When the plan finishes: the latest end (start when no end is known)."""
    reaches = [sp.reach for sp in spans]
    return max(reaches) if reaches else None


class Plan:
    """The chosen spans (in time order) and the objective they reach."""

    __slots__ = ("chosen", "nodes", "room_changes", "sessions", "weight")

    def __init__(self, chosen: list[Span], weight: int, room_changes: int, nodes: int) -> None:
        self.chosen = chosen
        self.weight = weight
        self.sessions = len(chosen)
        self.room_changes = room_changes
        self.nodes = nodes  # branch-and-bound nodes visited (for the benchmark)

    @property
    def finish(self) -> datetime | None:
        return finish_of(self.chosen)

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(sp.session.group for sp in self.chosen))

    @property
    def ids(self) -> list[str]:
        return [sp.session.id for sp in self.chosen]


def _order_key(sp: Span) -> tuple[float, float, str, str]:
    return (sp.start.timestamp(), sp.reach.timestamp(), sp.session.group, sp.session.id)


def solve(items: Sequence[Span], weights: Mapping[str, int], *,
          pairs: Collection[frozenset[str]] | None = None,
          forced: Collection[str] = ()) -> Plan:
    """The optimal plan among ``items`` (spans with distinct session ids).

    ``pairs``: the clashing pairs of ids (default: ``clash_pairs(items)``).  ``forced``:
    ids the plan must contain (they must not clash with each other); the sessions that
    clash with them are left out.
    """
    clashing = clash_pairs(items) if pairs is None else pairs
    forced_ids = set(forced)
    neighbours: dict[str, set[str]] = {}
    for pair in clashing:
        one, other = tuple(pair)
        neighbours.setdefault(one, set()).add(other)
        neighbours.setdefault(other, set()).add(one)
    barred = {other for f in forced_ids for other in neighbours.get(f, ())}
    if barred & forced_ids:
        raise ValueError("forced sessions clash with each other")
    order = sorted((sp for sp in items if sp.session.id not in barred), key=_order_key)
    return _Search(order, weights, neighbours, forced_ids).run()


class _Table:
    """The relaxation's arrays for one set of groups attended, filled from ``low`` on."""

    __slots__ = ("follow", "low", "taking", "top", "top_at")

    def __init__(self, size: int) -> None:
        self.taking = [0.0] * (size + 1)
        self.follow = [-1] * (size + 1)  # the next session on taking[j]'s path (-1: none)
        self.top = [0.0] * (size + 1)  # the best path starting at j or later
        self.top_at = [-1] * (size + 1)  # where it starts
        self.low = size


class _Search:
    """One branch-and-bound run; the arrays are indexed by position in start order.

    Weight, sessions and room changes are bounded together as one number, the score
    ``(weight * M + sessions) * M - room changes`` with ``M = size + 1`` (so comparing
    it is comparing the three criteria in order).
    """

    def __init__(self, order: list[Span], weights: Mapping[str, int],
                 neighbours: Mapping[str, set[str]], forced: set[str]) -> None:
        self.order = order
        size = len(order)
        self.size = size
        self.scale = size + 1
        position = {sp.session.id: i for i, sp in enumerate(order)}
        group_index: dict[str, int] = {}
        for sp in order:
            group_index.setdefault(sp.session.group, len(group_index))
        self.weight = [0] * len(group_index)
        for group, index in group_index.items():
            self.weight[index] = max(0, int(weights.get(group, 0)))
        self.group = [group_index[sp.session.group] for sp in order]
        self.bit = [1 << g for g in self.group]
        # nxt[i]: the first later position clashing with nothing up to i (taking i jumps there)
        self.nxt = [i + 1 for i in range(size)]
        for index, sp in enumerate(order):
            after = [position[o] for o in neighbours.get(sp.session.id, ())
                     if o in position and position[o] > index]
            if after:
                self.nxt[index] = max(after) + 1
        self.forced = [sp.session.id in forced for sp in order]
        self.forced_count = sum(self.forced)
        # maxfit[i]: most sessions of positions i.. that fit together; sufmask: their groups
        self.maxfit = [0] * (size + 1)
        self.sufmask = [0] * (size + 1)
        for index in range(size - 1, -1, -1):
            self.maxfit[index] = max(self.maxfit[index + 1], 1 + self.maxfit[self.nxt[index]])
            self.sufmask[index] = self.sufmask[index + 1] | self.bit[index]
        self.by_weight = sorted(range(len(self.weight)), key=lambda group: -self.weight[group])
        self.reach = [sp.reach.timestamp() for sp in order]
        self.day = [sp.session.date for sp in order]
        self.room = [room_key(sp.session) for sp in order]
        # dayend[j]: the first position on a later day; compat[j]: the later positions of
        # the same day that j can be followed by without a room change
        self.dayend = [size] * size
        for index in range(size - 2, -1, -1):
            self.dayend[index] = (index + 1 if self.day[index + 1] != self.day[index]
                                  else self.dayend[index + 1])
        self.compat = [[k for k in range(self.nxt[j], self.dayend[j])
                        if not self.room[k] or self.room[k] == self.room[j]] for j in range(size)]
        self.nextday = [max(self.nxt[j], self.dayend[j]) for j in range(size)]
        self.tables: dict[int, _Table] = {}  # the relaxation's arrays per set of groups attended
        self.mu = [float(self.scale * w) for w in self.weight]
        self.best: tuple[int, int, int, float] = (-1, -1, 0, 0.0)
        self.found = False  # best is a plan found by the search (not only a target)
        self.best_path: list[int] = []
        self.seen: dict[tuple[int, int, tuple[date, str] | None], tuple[int, int, int, float]] = {}
        self.nodes = 0
        self.path: list[int] = []
        self.guided = False  # branch as the relaxation suggests (else take first)
        self.done = False  # the second pass found its plan

    def run(self) -> Plan:
        if any(self.forced) and not self._forced_reachable():
            raise ValueError("forced sessions clash with each other")
        if self.size:
            self._tune()
            self._dive()
        # 1. the best key: branches in the order the relaxation suggests (finds good plans
        #    early, so the bound cuts more)
        self.guided = True
        self._visit(0, 0, 0, 0, 0, math.inf, -1)
        # 2. the first plan with that key in take-first order (rule 5): only branches
        #    whose bound reaches it, stopping at the first
        self.guided, self.found, self.seen, self.path = False, False, {}, []
        self._visit(0, 0, 0, 0, 0, math.inf, -1)
        chosen = [self.order[i] for i in self.best_path]
        return Plan(chosen, self.best[0], -self.best[2], self.nodes)

    def _forced_reachable(self) -> bool:
        last = -1
        for position, must in enumerate(self.forced):
            if must:
                if last >= 0 and self.nxt[last] > position:
                    return False
                last = position
        return True

    # -- the bound -------------------------------------------------------------------------

    def _relaxed(self, position: int, covered: int, last: int) -> tuple[float, list[int]]:
        """The Lagrangian bound of the score gained from ``position`` on (after ``last``),
        and the path that reaches it.

        The score is ``(weight * M + sessions) * M - room changes``: comparing it is
        comparing the first three criteria in order.  A group's weight counts once however
        many of its sessions are taken; relaxing that with a price ``mu[g]`` per session of
        group g leaves: the part of ``M * w[g]`` not priced in, plus the best path of
        sessions that fit together, each worth ``M * (1 + mu)`` (``M`` when its group is
        attended already), less one per room change — a dynamic programme along ``nxt``
        (``taking[j]``: the best path that starts by taking j; ``top[t]``: the best start at
        t or later).  Any ``mu`` between 0 and ``M * w[g]`` gives an upper bound; ``_tune``
        picks good ones once, at the root.
        """
        nxt, group, mu, bit, scale = self.nxt, self.group, self.mu, self.bit, self.scale
        room, compat = self.room, self.compat
        # taking[j] and top[j] (j >= position) depend only on the groups attended and the
        # prices, so the arrays are kept per set of groups attended and extended downwards
        # when asked for an earlier position (a skipped session reuses its parent's arrays)
        table = self.tables.get(covered)
        if table is None:
            if len(self.tables) > 20_000:
                self.tables.clear()
            table = _Table(self.size)
            self.tables[covered] = table
        taking, follow, top, top_at = table.taking, table.follow, table.top, table.top_at
        for here in range(table.low - 1, position - 1, -1):
            after, nextday = nxt[here], self.nextday[here]
            if not room[here]:
                rest, at = top[after], top_at[after]
            else:
                rest, at = top[after] - 1.0, top_at[after]
                if top[nextday] > rest:
                    rest, at = top[nextday], top_at[nextday]
                for follower in compat[here]:
                    if taking[follower] > rest:
                        rest, at = taking[follower], follower
            if rest < 0.0:
                rest, at = 0.0, -1
            taking[here] = (1.0 if covered & bit[here] else 1.0 + mu[group[here]]) * scale + rest
            follow[here] = at
            if taking[here] > top[here + 1]:
                top[here], top_at[here] = taking[here], here
            else:
                top[here], top_at[here] = top[here + 1], top_at[here + 1]
        if position < table.low:
            table.low = position
        dayend = self.dayend
        if last >= 0 and room[last]:
            start, first = top[position] - 1.0, top_at[position]
            nextday = max(position, dayend[last])
            if top[nextday] > start:
                start, first = top[nextday], top_at[nextday]
            for follower in compat[last]:
                if follower >= position and taking[follower] > start:
                    start, first = taking[follower], follower
        else:
            start, first = top[position], top_at[position]
        if start < 0.0:
            start, first = 0.0, -1
        priced = 0.0
        open_groups = self.sufmask[position] & ~covered
        for group_index, price in enumerate(mu):
            if open_groups >> group_index & 1:
                priced += scale * self.weight[group_index] - price
        path: list[int] = []
        while first >= 0:
            path.append(first)
            first = follow[first]
        return start + priced * scale, path

    def _tune(self, rounds: int = 150) -> None:
        """Subgradient steps on ``mu`` at the root, keeping the prices with the lowest
        bound.  Polyak steps towards the best plan seen so far, shortened (halved) after
        a few rounds without a lower bound.  Each relaxed path is a real plan; the best
        of them is the level the search starts from."""
        target = -math.inf
        best_bound = math.inf
        best_mu = list(self.mu)
        factor, stale = 1.0, 0
        for _ in range(rounds):
            bound, path = self._relaxed(0, 0, -1)
            key = self._key(path)
            if key > self.best and self._valid(path):
                self.best = key
                target = self._score(key)
            if bound < best_bound - 1e-9:
                best_bound, best_mu, stale = bound, list(self.mu), 0
            else:
                stale += 1
                if stale >= 4:
                    factor, stale = factor / 2, 0
            if best_bound - target < 1.0 or factor < 1e-3:  # reached: nothing scores better
                break
            taken = [0] * len(self.mu)
            for position in path:
                taken[self.group[position]] += 1
            # d bound / d mu[g] = M * (sessions of g taken - 1)
            grad = [(taken[g] - 1) * self.scale for g in range(len(self.mu))]
            norm = sum(x * x for x in grad)
            if norm == 0:
                break
            aim = target if target > -math.inf else 0.95 * bound  # no plan seen yet
            step = factor * (bound - aim) / norm
            self.mu = [min(self.scale * w, max(0.0, m - step * d))
                       for m, d, w in zip(self.mu, grad, self.weight, strict=True)]
            self.tables.clear()
        self.mu = best_mu
        self.tables.clear()

    def _dive(self) -> None:
        """A good plan to start from: follow the relaxed path one session at a time,
        solving the relaxation again after each (a group once attended is then worth
        only its session), and keep the result as the level to reach if it is better."""
        path: list[int] = []
        covered, last, position = 0, -1, 0
        while position < self.size:
            _, ahead = self._relaxed(position, covered, last)
            if not ahead:
                break
            chosen = ahead[0]
            path.append(chosen)
            covered |= self.bit[chosen]
            last, position = chosen, self.nxt[chosen]
        key = self._key(path)
        if key > self.best and self._valid(path):
            self.best = key

    def _valid(self, path: Sequence[int]) -> bool:
        """Whether a relaxed path takes every forced session (else it is no plan here)."""
        return self.forced_count == sum(1 for j in path if self.forced[j])

    def _key(self, path: Sequence[int]) -> tuple[int, int, int, float]:
        groups: set[int] = set()
        changes = 0
        for before, after in pairwise(path):
            if (self.room[before] and self.room[after] and self.day[before] == self.day[after]
                    and self.room[before] != self.room[after]):
                changes += 1
        for position in path:
            groups.add(self.group[position])
        finish = max((self.reach[j] for j in path), default=-math.inf)
        return (sum(self.weight[g] for g in groups), len(path), -changes, -finish)

    # -- the search ------------------------------------------------------------------------

    def _score(self, key: tuple[int, int, int, float]) -> int:
        """(weight, sessions, -room changes) as one number, compared in the same order."""
        return (key[0] * self.scale + key[1]) * self.scale + key[2]

    def _cut(self, score: int, neg_finish: float) -> bool:
        """Whether nothing under a node with this optimistic score and finish can replace
        the best: a plan found by the search is replaced only by a strictly better one (so
        the first found in take-first order wins ties); a target from ``_tune`` is only a
        level to reach."""
        bound = (score, neg_finish)
        best = (self._score(self.best), self.best[3])
        return bound <= best if self.found else bound < best

    def _visit(self, position: int, covered: int, weight: int, count: int, changes: int,
               neg_finish: float, last: int) -> None:
        """Positions ``position``.. are still free (clash with nothing chosen)."""
        if self.done:
            return
        self.nodes += 1
        if position >= self.size:
            key = (weight, count, -changes, neg_finish)
            if key > self.best or (not self.found and key == self.best):
                self.best = key
                self.best_path = list(self.path)
                self.found = True
                self.done = not self.guided
            return
        scale = self.scale
        # cheap bound first: the K largest weights still open, K = maxfit[position]
        gain = self._weight_bound(position, covered)
        score = ((weight + gain) * scale + count + self.maxfit[position]) * scale - changes
        if self._cut(score, neg_finish):
            return
        relaxed, ahead = self._relaxed(position, covered, last)
        now = (weight * scale + count) * scale - changes
        if self._cut(min(score, now + math.floor(relaxed + 1e-6)), neg_finish):
            return
        context = (self.day[last], self.room[last]) if last >= 0 and self.room[last] else None
        state = (position, covered & self.sufmask[position], context)
        prefix = (weight, count, -changes, neg_finish)
        seen = self.seen.get(state)
        if seen is not None and seen >= prefix:
            return
        self.seen[state] = prefix
        skip_first = (self.guided and not self.forced[position]
                      and (not ahead or ahead[0] != position))
        if skip_first:
            self._visit(position + 1, covered, weight, count, changes, neg_finish, last)
        # take the session at ``position``
        bit = self.bit[position]
        change = 1 if (last >= 0 and self.room[position] and self.room[last]
                       and self.day[position] == self.day[last]
                       and self.room[position] != self.room[last]) else 0
        self.path.append(position)
        self._visit(self.nxt[position], covered | bit,
                    weight + (0 if covered & bit else self.weight[self.group[position]]),
                    count + 1, changes + change, min(neg_finish, -self.reach[position]), position)
        self.path.pop()
        # or skip it (never a forced session)
        if not self.forced[position] and not skip_first:
            self._visit(position + 1, covered, weight, count, changes, neg_finish, last)

    def _weight_bound(self, position: int, covered: int) -> int:
        """The K largest weights still to gain, K = maxfit[position]."""
        open_groups = self.sufmask[position] & ~covered
        room = self.maxfit[position]
        total = 0
        for group_index in self.by_weight:
            if room == 0:
                break
            if open_groups >> group_index & 1:
                total += self.weight[group_index]
                room -= 1
        return total


# --- what the planner considers -------------------------------------------------------------


class Candidates:
    """The sessions of the wanted groups, split into what can be planned and what not."""

    __slots__ = ("eligible", "excluded", "open_end")

    def __init__(self) -> None:
        self.eligible: list[Span] = []
        self.excluded: list[tuple[Session, str]] = []  # (session, why: CANCELLED, UNTIMED, NIGHT...)
        self.open_end: list[Span] = []  # eligible, judged against the night by their start only


def candidates(meeting: Meeting, groups: Collection[str], *, night: Night | None = None,
               zone: tzinfo | None = None, allowed: Collection[str] | None = None) -> Candidates:
    """Every session of ``groups`` in ``meeting``: eligible spans, and the excluded ones.

    With ``night`` (wall-clock hours in ``zone``, default the meeting's zone) a session
    whose clash span touches the night is excluded.  The span is the one clashes use:
    the session's end, else the meeting's default duration, else only its start, so a
    session with a start but no end is judged by its start (and listed in ``open_end``).
    ``allowed``: only these session ids (planning from picks), when given.
    """
    out = Candidates()
    wanted = set(groups)
    night_zone = zone if zone is not None else meeting.tz
    for session in meeting.sessions:
        if session.group not in wanted or (allowed is not None and session.id not in allowed):
            continue
        if session.status == CANCELLED:
            out.excluded.append((session, CANCELLED))
            continue
        if session.start is None:
            out.excluded.append((session, UNTIMED))
            continue
        sp = span_of(session, meeting.default_duration)
        if sp is None:
            out.excluded.append((session, NOT_A_SESSION))
            continue
        if night is not None and in_night(sp.start, sp.end, night_zone, night):
            out.excluded.append((session, NIGHT))
            continue
        out.eligible.append(sp)
        if sp.end is None and night is not None:
            out.open_end.append(sp)
    return out


# --- why a group is missed, what the other options cost --------------------------------------


class Missed:
    """A wanted group the plan does not attend, and why."""

    __slots__ = ("blocked_by", "clashing", "excluded", "group", "weight")

    def __init__(self, group: str, weight: int) -> None:
        self.group = group
        self.weight = weight
        self.excluded: list[tuple[Session, str]] = []  # its sessions that could not be planned
        self.clashing: list[tuple[Session, list[Session]]] = []  # its sessions, and the chosen ones they clash with
        self.blocked_by: list[Session] = []  # the chosen sessions in the way (time order)


def missed(cands: Candidates, weights: Mapping[str, int], plan: Plan,
           pairs: Collection[frozenset[str]], all_groups: Sequence[str]) -> list[Missed]:
    """For each wanted group (``all_groups``, in order) not in ``plan``: why."""
    attended = set(plan.groups)
    chosen = {sp.session.id: sp.session for sp in plan.chosen}
    out: list[Missed] = []
    for group in all_groups:
        if group in attended:
            continue
        item = Missed(group, weights.get(group, 0))
        item.excluded = [(s, why) for s, why in cands.excluded if s.group == group]
        blockers: dict[str, Session] = {}
        for sp in cands.eligible:
            if sp.session.group != group:
                continue
            against = [c for cid, c in chosen.items() if frozenset((cid, sp.session.id)) in pairs]
            item.clashing.append((sp.session, against))
            blockers.update((c.id, c) for c in against)
        item.blocked_by = sorted(blockers.values(), key=_session_order)
        out.append(item)
    return out


def _session_order(session: Session) -> tuple[float, str, str]:
    return (session.start.timestamp() if session.start else math.inf, session.group, session.id)


class Alternative:
    """Taking ``option`` (which clashes with ``instead_of`` in the plan): the best plan then."""

    __slots__ = ("instead_of", "option", "plan")

    def __init__(self, option: Session, instead_of: list[Session], plan: Plan) -> None:
        self.option = option
        self.instead_of = instead_of
        self.plan = plan


def plans_with_left_out(cands: Candidates, weights: Mapping[str, int], plan: Plan,
                     pairs: Collection[frozenset[str]],
                     solver: Callable[..., Plan] = solve) -> list[Alternative]:
    """For each eligible session left out because it clashes with chosen ones: the best
    plan that takes it (so what choosing it instead would cost)."""
    chosen = {sp.session.id: sp.session for sp in plan.chosen}
    out: list[Alternative] = []
    for sp in sorted(cands.eligible, key=_order_key):
        sid = sp.session.id
        if sid in chosen:
            continue
        against = [c for cid, c in chosen.items() if frozenset((cid, sid)) in pairs]
        if not against:
            continue
        other = solver(cands.eligible, weights, pairs=pairs, forced=(sid,))
        out.append(Alternative(sp.session, sorted(against, key=_session_order), other))
    return out


class PlanReport:
    """Everything `ietfplan plan` shows: the plan, why groups are missed, what was left out."""

    __slots__ = ("alternatives", "candidates", "meeting", "missed", "night", "plan",
                 "shown_night", "title", "weights", "zone")

    def __init__(self, meeting: Meeting, title: str, weights: Mapping[str, int],
                 cands: Candidates, plan: Plan, missed: list[Missed], zone: tzinfo,
                 night: Night | None, alternatives: list[Alternative] | None = None,
                 shown_night: Night = DEFAULT_NIGHT) -> None:
        self.meeting = meeting
        self.title = title  # what was planned for ('topic iot, HOMENET=2')
        self.weights = dict(weights)
        self.candidates = cands
        self.plan = plan
        self.missed = missed
        self.zone = zone  # the user's zone (the meeting's when none is set)
        self.night = night  # the hours outside --awake, in ``zone``; None without --awake
        self.alternatives = alternatives  # with --explain
        self.shown_night = shown_night  # the user's night hours for the heading (no --awake)


def make_report(meeting: Meeting, title: str, weights: Mapping[str, int], *, zone: tzinfo,
                night: Night | None = None, allowed: Collection[str] | None = None,
                explain: bool = False, shown_night: Night = DEFAULT_NIGHT) -> PlanReport:
    """Plan for ``weights`` (group -> weight) in ``meeting``: candidates, the optimal
    plan, the missed groups and (``explain``) the cost of each alternative."""
    cands = candidates(meeting, list(weights), night=night, zone=zone, allowed=allowed)
    pairs = clash_pairs(cands.eligible)
    plan = solve(cands.eligible, weights, pairs=pairs)
    gone = missed(cands, weights, plan, pairs, list(weights))
    alts = plans_with_left_out(cands, weights, plan, pairs) if explain else None
    return PlanReport(meeting, title, weights, cands, plan, gone, zone, night, alts, shown_night)
