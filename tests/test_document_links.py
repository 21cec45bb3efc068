"""Re-importing one Datatracker format over another: the formats point at a session's
agenda by different URLs (agenda.csv ``http://www.ietf.org/proceedings/N/agenda/<file>``,
agenda.json ``/meeting/N/materials/<name>-<rev>``, agenda.ics the versionless
``/meeting/N/materials/<name>``); that alone is no change, a different document is.

Which sessions name which document is read from the source files here (csv module,
icalendar), never from the importer.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from ietfplan.load.importers.dtlinks import same_document
from import_helpers import DT

ZONE = "America/Montreal"
CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "calendars"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def csv_agendas(path: Path) -> dict[str, str]:
    """Acronym → the file name of its agenda (agenda_csv's ``uploaded_filename``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["Acronym"]: row["Agenda"].rsplit("/", 1)[1] for row in csv.DictReader(handle)
                if row["Agenda"]}


def ics_agendas(path: Path) -> dict[str, str]:
    """Acronym → the last part of the event's URL (the agenda's document name)."""
    calendar = icalendar.Calendar.from_ical(path.read_text(encoding="utf-8"))
    out = {}
    for event in calendar.walk("VEVENT"):
        if event.get("URL"):
            acronym = str(event["UID"]).split("-", 3)[3]
            out[acronym] = str(event["URL"]).rsplit("/", 1)[1]
    return out


def import_report(source: Path, *extra: str) -> dict[str, Any]:
    r = invoke("import", str(source), "--timezone", ZONE, "--format", "json", *extra)
    assert r.exit_code == 0, r.stderr
    report: dict[str, Any] = json.loads(r.stdout)
    return report


def materials(report: dict[str, Any]) -> dict[str, list[str]]:
    return {c["id"]: c["fields"] for c in report["changes"] if c["change"] == "materials"}


def test_csv_over_ics_and_back_reports_no_agenda_change() -> None:
    # The same document in both files: the csv's file name is the ics's name plus ".txt".
    from_csv, from_ics = csv_agendas(DT / "ietf102-agenda.csv"), ics_agendas(DT / "ietf102-agenda.ics")
    assert from_ics and {a: f"{n}.txt" for a, n in from_ics.items()} == from_csv
    import_report(DT / "ietf102-agenda.ics")
    report = import_report(DT / "ietf102-agenda.csv")
    assert report["previous"] is not None and materials(report) == {}
    assert report["summary"]["materials"] == 0
    report = import_report(DT / "ietf102-agenda.ics")
    assert materials(report) == {}


def test_json_over_csv_reports_no_agenda_change() -> None:
    import_report(DT / "ietf102-agenda.csv")
    report = import_report(DT / "ietf102-agenda.json")
    assert materials(report) == {}


def test_a_versionless_ics_link_is_the_current_revision(tmp_path: Path) -> None:
    """The Datatracker's agenda.ics gives ``get_versionless_href`` (no revision)."""
    versionless = tmp_path / "agenda.ics"
    text = (DT / "ietf102-agenda.ics").read_text(encoding="utf-8")
    names = ics_agendas(DT / "ietf102-agenda.ics")
    for name in names.values():
        assert name.endswith("-00")
        text = text.replace(f"/{name}\n", f"/{name[:-3]}\n")
    versionless.write_text(text, encoding="utf-8")
    assert all(not n.endswith("-00") for n in ics_agendas(versionless).values())
    import_report(DT / "ietf102-agenda.csv")
    assert materials(import_report(versionless)) == {}
    assert materials(import_report(DT / "ietf102-agenda.csv")) == {}


def test_a_new_revision_or_another_document_is_still_reported(tmp_path: Path) -> None:
    import_report(DT / "ietf102-agenda.ics")
    changed = tmp_path / "agenda.csv"
    text = (DT / "ietf102-agenda.csv").read_text(encoding="utf-8")
    agendas = csv_agendas(DT / "ietf102-agenda.csv")
    dmm, dnsop = agendas["dmm"], agendas["dnsop"]
    text = text.replace(dmm, dmm.replace("-00.txt", "-01.txt"))  # a new revision
    text = text.replace(f"http://www.ietf.org/proceedings/102/agenda/{dnsop}",
                        "https://example.org/dnsop-agenda.txt")  # an agenda elsewhere
    changed.write_text(text, encoding="utf-8")
    report = import_report(changed, "--from", "csv")
    with changed.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Acronym"] in ("dmm", "dnsop")]
    # Every session of the two groups (DNSOP meets twice), and no other.
    got = materials(report)
    assert len(got) == len(rows) == 3
    assert {session.split("-")[1] for session in got} == {"dmm", "dnsop"}
    assert all(fields == ["agenda"] for fields in got.values())


# The Datatracker's URL conventions for one document (format strings of
# ietf/settings.py and agenda_csv in ietf/meeting/views.py), for document NAME, revision REV.
CSV_FIELD = "http://www.ietf.org/proceedings/{n}/agenda/{name}-{rev}.txt"
LOCAL_HREF = "https://datatracker.ietf.org/meeting/{n}/materials/{name}-{rev}"
CDN_HREF = "https://www.ietf.org/proceedings/{n}/agenda/{name}-{rev}"
VERSIONLESS = "https://datatracker.ietf.org/meeting/{n}/materials/{name}"


@pytest.mark.parametrize(("old", "new"), [
    (CSV_FIELD, LOCAL_HREF), (CDN_HREF, CSV_FIELD), (VERSIONLESS, CSV_FIELD), (LOCAL_HREF, VERSIONLESS),
])
def test_conventions_of_one_document_are_the_same(old: str, new: str) -> None:
    values = {"n": 115, "name": "agenda-115-satp", "rev": "03"}
    assert same_document(old.format(**values), new.format(**values))
    other_rev = {**values, "rev": "04"}
    if "{rev}" in old and "{rev}" in new:
        assert not same_document(old.format(**values), new.format(**other_rev))
    other_doc = {**values, "name": "agenda-115-alto"}
    assert not same_document(old.format(**values), new.format(**other_doc))
    other_meeting = {**values, "n": 116}
    assert not same_document(old.format(**values), new.format(**other_meeting))


def test_links_off_the_ietf_or_not_to_materials_are_compared_as_written() -> None:
    assert not same_document("https://example.org/meeting/115/materials/agenda-115-satp-03",
                             "https://datatracker.ietf.org/meeting/115/materials/agenda-115-satp-03")
    assert not same_document("https://datatracker.ietf.org/meeting/115/materials/agenda-115-satp",
                             "https://datatracker.ietf.org/meeting/115/session/satp/")
    assert same_document("https://example.org/a", " https://example.org/a")


def test_corpus_agendas_in_csv_convention_are_the_same_documents() -> None:
    """Every document URL of the real agenda.json files, written as agenda.csv writes it
    (``uploaded_filename``: name-rev plus the extension), is the same document."""
    folder = CORPUS / "ietfnext"
    if not folder.is_dir():
        pytest.skip(reason=f"the corpus is not at {folder}")
    seen = 0
    for path in sorted(folder.glob("agenda_1*.json")):
        (entries,) = json.loads(path.read_text(encoding="utf-8")).values()
        for entry in entries:
            for key in ("agenda", "minutes"):
                url = entry.get(key)
                if not isinstance(url, str) or "/materials/" not in url:
                    continue
                number, file_name = url.split("/meeting/", 1)[1].split("/materials/")
                kind = key
                as_csv = f"http://www.ietf.org/proceedings/{number}/{kind}/{file_name}.txt"
                assert same_document(url, as_csv), url
                seen += 1
    assert seen > 100
