"""Each importer on fixtures that follow the Datatracker's own code (see fixtures READMEs)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ietfplan.load.importers import parse_source
from ietfplan.load.importers.detect import detect
from import_helpers import DT, ISOC, by_group, local, run


def test_agenda_json_becomes_sessions_in_the_meeting_zone(tmp_path):
    m = run(DT / "ietf102-agenda.json", output=str(tmp_path / "m.yaml")).meeting
    g = by_group(m)
    assert m.number == 102 and m.timezone == "America/Montreal" and m.city == "Montreal"
    assert local(g["dmm"][0]) == "2018-07-17 09:30-12:00"  # 13:30Z + 2:30:00
    assert g["dmm"][0].room == "Van Horne" and g["dmm"][0].area == "int"
    assert g["dmm"][0].name == "Distributed Mobility Management"
    assert g["dmm"][0].start.utcoffset() == timedelta(hours=-4)
    # 01:00Z on the 20th is still Thursday the 19th in Montreal
    assert g["t2trg"][0].date.isoformat() == "2018-07-19" and local(g["t2trg"][0]).endswith("21:00-22:30")
    assert [local(s) for s in g["dnsop"]] == ["2018-07-18 09:30-12:00", "2018-07-19 18:10-19:10"]


def test_agenda_json_keeps_kinds_statuses_links_and_source(tmp_path):
    m = run(DT / "ietf102-agenda.json", output=str(tmp_path / "m.yaml")).meeting
    g = by_group(m)
    assert g["ietf"][0].kind == "plenary" and g["ietf"][0].name == "IETF 102 Plenary"
    assert g["rtg"][0].kind == "office-hours"
    assert g["hackathon"][0].kind == "other"
    assert g["sidrops"][0].status == "cancelled"
    assert g["lpwan"][0].status == "rescheduled" and "Moved to Friday morning" in g["lpwan"][0].note
    assert g["6man"][0].link_map["agenda"].endswith("agenda-102-6man-00")
    assert all(s.kind == "session" for grp in ("6man", "dmm", "t2trg") for s in g[grp])
    for s in m.sessions:
        assert "Datatracker agenda.json" in s.source and "ietf102-agenda.json" in s.source
    assert "(session 27004)" in g["dmm"][0].source


def test_local_and_utc_csv_give_the_same_times(tmp_path):
    a = run(DT / "ietf102-agenda.csv", output=str(tmp_path / "a.yaml")).meeting
    b = run(DT / "ietf102-agenda-utc.csv", output=str(tmp_path / "b.yaml")).meeting
    key = lambda m: sorted((s.group, s.start, s.end, s.room, s.kind) for s in m.sessions)  # noqa: E731
    assert key(a) == key(b)
    g = by_group(a)
    assert local(g["t2trg"][0]) == "2018-07-19 21:00-22:30"
    assert local(g["hackathon"][0]) == "2018-07-14 09:00-22:00"  # 1300-0200 UTC in the utc file


def test_csv_row_shapes_give_kinds(tmp_path):
    g = by_group(run(DT / "ietf102-agenda.csv", output=str(tmp_path / "m.yaml")).meeting)
    assert g["break"][0].kind == "break" and g["break"][0].name == "Afternoon Beverage Break"
    assert g["break"][0].room == "Palais Foyer"
    assert g["registration"][0].kind == "registration"
    assert g["ietf"][0].kind == "plenary"
    assert g["rtg"][0].kind == "office-hours"
    assert g["hackathon"][0].kind == "other"
    assert g["dmm"][0].kind == "session" and g["dmm"][0].area == "int"


def test_csv_takes_the_meeting_number_from_the_agenda_links(tmp_path):
    assert run(DT / "ietf102-agenda.csv", output=str(tmp_path / "m.yaml")).meeting.number == 102


def test_datatracker_ics(tmp_path):
    out = run(DT / "ietf102-agenda.ics", output=str(tmp_path / "m.yaml"))
    g = by_group(out.meeting)
    assert out.fmt == "Datatracker agenda.ics" and out.meeting.timezone == "America/Montreal"
    assert local(g["dmm"][0]) == "2018-07-17 09:30-12:00" and g["dmm"][0].room == "Van Horne"
    assert g["dmm"][0].name == "Distributed Mobility Management"
    assert g["sidrops"][0].status == "cancelled"
    lpwan = g["lpwan"][0]
    assert lpwan.status == "rescheduled" and lpwan.name == "IPv6 over Low Power Wide-Area Networks"
    assert "RESCHEDULED TO FRIDAY 09:30-11:30".lower() in lpwan.note.lower()
    assert "Moved to Friday morning" in lpwan.note
    assert g["break"][0].kind == "break" and g["registration"][0].kind == "registration"
    assert g["ietf"][0].kind == "plenary" and g["rtg"][0].kind == "office-hours"
    assert g["dmm"][0].link_map["session-materials"].endswith("/meeting/102/session/dmm/")
    assert "UID ietf-102-" in g["dmm"][0].source


def test_the_three_datatracker_formats_agree_on_working_group_sessions(tmp_path):
    metas = [run(DT / f, output=str(tmp_path / f"{f}.yaml")).meeting
             for f in ("ietf102-agenda.json", "ietf102-agenda.csv", "ietf102-agenda.ics")]

    def wg(m):
        return sorted((s.group, s.start, s.end, s.room, s.name) for s in m.sessions if s.kind == "session"
                      and s.group not in ("hackathon",))

    assert wg(metas[0]) == wg(metas[1]) == wg(metas[2])


def test_generic_calendar_utc_floating_tzid_and_all_day(tmp_path):
    ics = tmp_path / "colleague.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:DNSOP - Domain Name System Operations\r\n"
        "DTSTART:20180718T133000Z\r\nDTEND:20180718T160000Z\r\nLOCATION:Centre Ville\r\n"
        "DESCRIPTION:bring coffee\\, and questions\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Lunch with Ana\r\n"
        "DTSTART:20180718T120000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c\r\nSUMMARY:tls - Transport Layer Security\r\n"
        "DTSTART;TZID=Europe/London:20180719T180000\r\nDTEND;TZID=Europe/London:20180719T193000\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:d\r\nSUMMARY:Hackdemo day\r\nDTSTART;VALUE=DATE:20180720\r\n"
        "DTEND;VALUE=DATE:20180721\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    m = run(ics, meeting=102, output=str(tmp_path / "m.yaml")).meeting  # zone: the known IETF 102
    g = by_group(m)
    assert local(g["dnsop"][0]) == "2018-07-18 09:30-12:00" and g["dnsop"][0].note == "bring coffee, and questions"
    assert local(g["lunch-with-ana"][0]) == "2018-07-18 12:00-13:00"  # floating: meeting wall clock
    assert local(g["tls"][0]) == "2018-07-19 13:00-14:30"  # 18:00 BST is 13:00 EDT
    hack = g["hackdemo-day"][0]
    assert hack.start is None and hack.date.isoformat() == "2018-07-20"


def test_ics_without_a_meeting_number_needs_meeting(tmp_path):
    from ietfplan.errors import UsageError

    ics = tmp_path / "x.ics"
    ics.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:x\n"
                   "DTSTART:20180718T133000Z\nEND:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    with pytest.raises(UsageError, match="does not say which meeting") as exc:
        run(ics, output=str(tmp_path / "m.yaml"))
    assert "--meeting" in exc.value.problems[0].hint


def test_old_datatracker_ics_with_a_city_tzid(tmp_path):
    """Older agenda.ics templates named the VTIMEZONE after the city and used
    UID:ietf-<n>-<acronym>-<ordinality>."""
    ics = tmp_path / "old.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:PUBLISH\nBEGIN:VTIMEZONE\nTZID:Montreal\n"
        "BEGIN:STANDARD\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0400\nTZNAME:Montreal\n"
        "DTSTART:19700101T000000\nEND:STANDARD\nEND:VTIMEZONE\n"
        "BEGIN:VEVENT\nUID:ietf-102-dmm-1\nSUMMARY:DMM - Distributed Mobility Management\n"
        "LOCATION:Van Horne\nSTATUS:TENTATIVE\nCLASS:PUBLIC\n"
        'DTSTART;TZID="Montreal":20180717T093000\nDTEND;TZID="Montreal":20180717T120000\n'
        "DTSTAMP:20180701T120000Z\nEND:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    m = run(ics, output=str(tmp_path / "m.yaml")).meeting
    assert m.number == 102 and m.timezone == "America/Montreal"
    (dmm,) = m.sessions
    assert (dmm.group, local(dmm), dmm.status) == ("dmm", "2018-07-17 09:30-12:00", "tentative")


def test_isoc_post_excerpt(tmp_path):
    out = run(ISOC / "ietf102-hot-topics.txt", output=str(tmp_path / "m.yaml"))
    (dmm,) = out.meeting.sessions
    assert out.meeting.number == 102  # "IETF 102" in the post
    assert (dmm.group, dmm.name, dmm.room, local(dmm)) == (
        "dmm", "Distributed Mobility Management", "Van Horne", "2018-07-17 09:30-12:00")
    assert "ISOC-style session list" in dmm.source and "line 13" in dmm.source


def test_isoc_list_without_a_known_zone_uses_the_label_offset(tmp_path):
    text = (ISOC / "ietf102-week.txt").read_text(encoding="utf-8").replace("102", "150")
    src = tmp_path / "week.txt"
    src.write_text(text, encoding="utf-8")
    out = run(src, output=str(tmp_path / "m.yaml"))
    assert out.meeting.timezone == "Etc/GMT+4"
    assert any("--timezone" in w for w in out.warnings)
    g = by_group(out.meeting)
    assert g["sidrops"][0].room == "" and local(g["sidrops"][0]) == "2018-07-16 13:30-15:30"
    assert g["v6ops"][0].end is None and g["v6ops"][0].room == "Centre Ville"
    with_zone = run(src, output=str(tmp_path / "z.yaml"), timezone="America/Montreal").meeting
    assert with_zone.timezone == "America/Montreal" and local(by_group(with_zone)["dmm"][0]).endswith("09:30-12:00")


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("x", '{"102": []}', "json"),
    ("x", "\ufeffBEGIN:VCALENDAR\r\n", "ics"),
    ("agenda.csv", '"Date","Start","End","Session"\r\n', "csv"),
    ("https://datatracker.ietf.org/meeting/102/agenda-utc.csv", '"Date","Start","End"\r\n', "csv-utc"),
    ("notes", "Tuesday, 17 July 2018\n  • Foo (foo) @ 09.30 UTC-4\n", "text"),
    ("odd.csv", "Day,Begin,Finish,Name\n", "csv"),
])
def test_detect_by_content(name, text, expected):
    assert detect(text, name, name) == expected


def test_parse_source_refuses_an_unknown_format():
    from ietfplan.errors import UsageError

    with pytest.raises(UsageError, match="unknown format 'yaml'"):
        parse_source("", "x", "yaml")


def test_ietfplan_export_format_is_read_back(tmp_path):
    """The shape render/ics.py writes (UID, SUMMARY, 'room, city', DESCRIPTION lines)."""
    ics = tmp_path / "mine.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ietfplan//ietfplan 0.1.0//EN\r\n"
        "BEGIN:VEVENT\r\nUID:ietf102-dmm-1@ietfplan\r\n"
        "SUMMARY:DMM — Distributed Mobility Management (IETF 102)\r\n"
        "DTSTART;TZID=America/Montreal:20180717T093000\r\nDTEND;TZID=America/Montreal:20180717T120000\r\n"
        "LOCATION:Van Horne\\, Montreal\r\n"
        "DESCRIPTION:Rescheduled (times as in the latest data).\\nTopics: ipv6\\nDrafts: draft-a\\, draft-b\\n"
        "agenda: https://example.org/a\\nNote: two\\nlines\\nSource: ISOC blog\\n"
        "IETF 102 Montreal agenda: https://datatracker.ietf.org/meeting/102/agenda/\r\n"
        "STATUS:CONFIRMED\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:ietf102-tls-1@ietfplan\r\nSUMMARY:TLS (IETF 102\\, time not given)\r\n"
        "DTSTART;VALUE=DATE:20180716\r\nDTEND;VALUE=DATE:20180717\r\nLOCATION:Montreal\r\n"
        "STATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    m = run(ics, output=str(tmp_path / "m.yaml")).meeting
    g = by_group(m)
    dmm, tls = g["dmm"][0], g["tls"][0]
    assert (dmm.name, dmm.room, dmm.status, dmm.drafts) == (
        "Distributed Mobility Management", "Van Horne", "rescheduled", ("draft-a", "draft-b"))
    assert dmm.note == "two\nlines" and dmm.links == (("agenda", "https://example.org/a"),)
    assert dmm.source.startswith("ISOC blog (via ietfplan's .ics export")
    assert local(dmm) == "2018-07-17 09:30-12:00"
    assert (tls.name, tls.room, tls.start, tls.status) == ("", "", None, "cancelled")
    assert m.city == "Montreal"
