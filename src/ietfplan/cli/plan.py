"""plan: the best clash-free set of sessions for the groups you want (docs/plan.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from ietfplan.cli.common import (
    JsonOpt,
    MeetingOpt,
    TopicOpt,
    TzOpt,
    context,
    handle_errors,
    listify,
    note,
    one_meeting,
)  # fmt: skip
from ietfplan.cli.declare import App, Option
from ietfplan.cli.filtering import ReportFormat, ReportFormatOpt, write_report
from ietfplan.errors import UsageError
from ietfplan.load.catalog import Catalog
from ietfplan.model import Meeting
from ietfplan.plan import picks as store
from ietfplan.plan.select import resolve_groups, resolve_topics
from ietfplan.zones import Night

if TYPE_CHECKING:
    from datetime import tzinfo

    from ietfplan.plan.optimise import PlanReport

WantOpt = Annotated[list[str] | None, Option(
    "--want", "-w", metavar="GROUP[=WEIGHT]",
    help="A group you want to attend, with how much it matters (dnsop=3; default 1); "
         "repeatable.", show_default=False)]
PlanFileOpt = Annotated[str | None, Option(
    "--file", "-f", metavar="PATH", help="Meeting YAML file instead of the bundled data.",
    show_default=False)]
AwakeOpt = Annotated[str | None, Option(
    "--awake", metavar="HH:MM-HH:MM",
    help="Only sessions inside these hours (in --tz, else your configured zone, else the "
         "meeting's): 07:00-23:00.", show_default=False)]
ApplyOpt = Annotated[bool, Option(
    "--apply", help="Make the plan your picks for the meeting (the old ones are kept; "
    "`ietfplan pick undo` puts them back).")]
ExplainOpt = Annotated[bool, Option(
    "--explain", help="Also say what each left-out alternative would have cost.")]


def parse_awake(text: str) -> Night:
    """``07:00-23:00`` → the night outside it, (23:00, 07:00); UsageError if malformed."""
    from ietfplan.timefmt import parse_clock

    first, sep, second = text.replace("–", "-").partition("-")
    try:
        if not sep:
            raise ValueError(f"'{text}' is not a range of hours")
        start, end = parse_clock(first), parse_clock(second)
    except ValueError as exc:
        raise UsageError(f"--awake {text}: {exc}",
                         hint="write the hours you are awake like 07:00-23:00") from None
    if start == end:
        raise UsageError(f"--awake {text}: the two times must differ",
                         hint="write the hours you are awake like 07:00-23:00")
    return end, start


def parse_wants(wants: list[str], meeting: Meeting) -> dict[str, int]:
    """``dnsop=3`` ``lpwan`` → {group: weight}; did-you-mean for an unknown group."""
    out: dict[str, int] = {}
    given: list[str] = []
    for raw in listify(wants):
        name, sep, weight = raw.partition("=")
        if not name.strip():
            raise UsageError(f"--want '{raw}' names no group", hint="write it like dnsop or dnsop=3")
        given.append(name.strip())
        out[name.strip().lower()] = store.parse_weight(weight) if sep else 1
    resolve_groups(given, [meeting])  # did-you-mean, exit 2
    return out


def topic_groups(catalog: Catalog, topics: list[str], meeting: Meeting) -> dict[str, list[str]]:
    """Each topic key → the groups of ``meeting`` with a session on it (as `agenda --topic`)."""
    out: dict[str, list[str]] = {}
    for key in resolve_topics(listify(topics), catalog.topics):
        out[key] = list(dict.fromkeys(s.group for s in meeting.sessions if key in s.topics))
    return out


@handle_errors
def plan(
    want: WantOpt = None,
    topic: TopicOpt = None,
    meeting: MeetingOpt = None,
    file: PlanFileOpt = None,
    tz: TzOpt = None,
    awake: AwakeOpt = None,
    fmt: ReportFormatOpt = ReportFormat.table,
    as_json: JsonOpt = False,
    apply: ApplyOpt = False,
    explain: ExplainOpt = False,
) -> None:
    """The best clash-free set of sessions for the groups you want (--want, --topic, else
    your picks): most weight attended, then most sessions, fewest room changes, earliest
    finish.  Exact, not a guess."""
    from ietfplan.plan.optimise import make_report
    from ietfplan.zones import resolve_display_zone

    ctx = context()
    catalog = ctx.catalog
    chosen_meeting = one_meeting(meeting, file)
    night = parse_awake(awake) if awake is not None else None
    weights: dict[str, int] = {}
    allowed: set[str] | None = None
    title: list[str] = []
    if want or topic:
        wanted = parse_wants(want or [], chosen_meeting)
        empty: list[str] = []
        for key, groups in topic_groups(catalog, topic or [], chosen_meeting).items():
            if not groups:
                empty.append(f"no group of topic '{key}' meets at {chosen_meeting.title}")
            for group in groups:
                weights.setdefault(group, 1)
            title.append(f"topic {key}")
        weights.update(wanted)
        title += [f"{group.upper()}={w}" if w != 1 else group.upper() for group, w in wanted.items()]
        if not weights:
            raise UsageError(f"nothing to plan: no group of {', '.join(title)} meets at "
                             f"{chosen_meeting.title}",
                             hint="try another topic, or name groups with --want")
        for message in empty:
            note(message)
    else:
        picks = store.load(ctx.folders.picks, chosen_meeting.number)
        weights, allowed = picks.wanted(chosen_meeting)
        if not weights:
            raise UsageError(f"nothing to plan for {chosen_meeting.title}: no --want, no --topic "
                             "and no picks",
                             hint=f"e.g. ietfplan plan -m {chosen_meeting.number} --want dnsop=3 "
                             "--topic iot"
                             + _topic_hint(catalog))
        title.append("your picks")
    zone = resolve_display_zone(tz) if tz is not None else ctx.prefs.zone_for(chosen_meeting.number)
    shown = zone if zone is not None else chosen_meeting.tz
    report = make_report(chosen_meeting, ", ".join(title), weights, zone=shown, night=night,
                         allowed=allowed, explain=explain, shown_night=ctx.prefs.night)
    from ietfplan.render import planreport as render

    json_out = as_json or fmt is ReportFormat.json
    write_report(fmt, as_json, json_text=lambda: render.render_plan_json(report),
                 markdown_text=lambda: render.render_plan_markdown(report),
                 table=lambda console: render.render_plan_table(report, console))
    if apply:
        _apply(chosen_meeting, report, shown, json_out)


def _topic_hint(catalog: Catalog) -> str:
    return "; topics: " + ", ".join(t.key for t in catalog.topics.topics)


def _apply(meeting: Meeting, report: PlanReport, zone: tzinfo, quiet: bool) -> None:
    """The plan becomes the meeting's picks (session by session); the weights stay."""
    from ietfplan.render.planreport import change_lines

    new = store.Picks(meeting.number, sessions=report.plan.ids,
                      weights={g: w for g, w in report.weights.items() if w != 1})
    before = store.replace(context().folders.picks, meeting.number, new)
    lines = change_lines(before.resolve(meeting), new.resolve(meeting), zone)
    lines.append(f"Your picks for {meeting.title} are now this plan; `ietfplan pick undo -m {meeting.number}` "
                 "puts the old ones back.")
    from ietfplan.safe import clean

    for line in lines:
        if quiet:
            note(line)
        else:
            print(clean(line))


def register(app: App) -> None:
    app.command()(plan)
