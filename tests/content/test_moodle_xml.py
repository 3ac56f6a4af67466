"""Moodle XML import and export: the documentation's question types map to ours, nothing is dropped
silently, hostile XML is refused with a report, and our questions survive export -> import unchanged."""


import defusedxml.ElementTree as SafeET
import pytest

from netplus.content.interchange import parse_moodle_xml, to_moodle_xml
from netplus.content.interchange.report import ImportReport
from netplus.content.models import Matching, MultipleChoice, Question
from tests.content.samples import DATA, load_real, load_samples

EXAMPLES = DATA / "moodle_examples.xml"




@pytest.fixture(scope="module")
def examples() -> ImportReport:
    return parse_moodle_xml(EXAMPLES.read_bytes(), EXAMPLES.name)


def messages(report: ImportReport, name: str | None) -> list[str]:
    return [p.message for p in report.problems if p.location.name == name]


def test_documentation_examples_map_to_our_types_and_answers(examples: ImportReport) -> None:
    by_id = {q.id: q for q in examples.questions}
    assert sorted(by_id) == ["ldaps-port", "loopback-prefix", "ports-to-services",
                             "routing-protocols-partial-credit", "secure-management-protocols"]
    ldaps = by_id["ldaps-port"]
    assert ldaps.type == "multiple_choice" and ldaps.answer == "b"
    assert [o.text for o in ldaps.options] == ["TCP 389", "TCP 636", "UDP 161"]
    assert ldaps.question == "Which port does LDAPS use by default?\n\nChoose one."
    assert ldaps.explanation == "LDAP over TLS uses TCP 636.\n389 is plain LDAP."
    assert ldaps.objectives == ["1.4"] and ldaps.difficulty == "beginner" and ldaps.points == 2
    assert len(ldaps.hints) == 3
    assert by_id["secure-management-protocols"].type == "multiple_select"
    assert by_id["secure-management-protocols"].answer == ["a", "c"]
    loopback = by_id["loopback-prefix"]
    assert loopback.type == "fill_blank" and loopback.answer == ["8", "/8"]
    assert loopback.question.endswith(" ____") and loopback.difficulty == "intermediate"
    ports = by_id["ports-to-services"]
    assert isinstance(ports, Matching)
    assert {ports.left[int(lid[1:]) - 1].text: next(r.text for r in ports.right if r.id == rid)
            for lid, rid in ports.answer.items()} == {"SSH": "22", "DNS": "53", "HTTPS": "443"}
    assert [r.text for r in ports.right] == ["22", "53", "443", "23"]


def test_questions_lacking_required_content_wait_in_incomplete_without_invented_content(
        examples: ImportReport) -> None:
    tf, nameless = examples.incomplete
    assert tf["type"] == "true_false" and tf["answer"] is False and tf["hints"] == [] and tf["objectives"] == []
    assert nameless["type"] == "multiple_choice" and nameless["explanation"] == ""
    assert nameless["id"].startswith("q-")
    assert any("missing hints, objectives" in m for m in messages(examples, "DNS transport (False)"))
    assert any("missing explanation, hints, objectives" in p.message for p in examples.errors if p.location.index == 7)


def test_every_question_in_the_file_is_imported_or_reported(examples: ImportReport) -> None:
    in_file = [q for q in SafeET.fromstring(EXAMPLES.read_bytes()).findall("question") if q.get("type") != "category"]
    assert len(examples.questions) + len(examples.errors) == len(in_file) == 12
    assert len({p.location.index for p in examples.errors}) == len(examples.errors)


@pytest.mark.parametrize(("name", "moodle_type"), [
    ("Explain subnetting", "essay"), ("Hosts in a /26", "numerical"), ("Cloze ports", "cloze"),
    ("Section intro", "description"), ("Drag the protocol", "ddwtos"),
])
def test_unsupported_types_are_reported_by_name_and_type(examples: ImportReport, name: str, moodle_type: str) -> None:
    [problem] = [p for p in examples.errors if p.location.name == name]
    assert f"{moodle_type!r} is not supported" in problem.message


def test_lost_parts_are_reported_not_dropped_silently(examples: ImportReport) -> None:
    ldaps = messages(examples, "LDAPS port")
    assert any("'week-3'" in m for m in ldaps)
    assert any("dropped ['It ends in 6.']" in m for m in ldaps)
    assert any("per-answer feedback dropped" in m and "TCP 389" in m for m in ldaps)
    routing = messages(examples, "Routing protocols (partial credit)")
    assert any("not 'all right options equal'" in m for m in routing)
    assert any("'N10-008:2.2' names an objective of another exam" in m for m in routing)
    assert any("'difficulty:beginner' is an unknown or second difficulty" in m for m in routing)
    loopback = messages(examples, "Loopback prefix")
    assert any("'255.0.0.0'" in m for m in loopback) and any("case-sensitively" in m for m in loopback)
    [blank_note] = [p for p in examples.problems if "appended '____'" in p.message]
    assert blank_note.severity == "note"
    nameless = [p.message for p in examples.problems if p.location.index == 7]
    assert any("star.png" in m for m in nameless) and any("star topology" in m for m in nameless)
    assert any("category" in p.message and p.severity == "note" for p in examples.problems)


def test_problems_point_at_the_line_where_the_question_starts(examples: ImportReport) -> None:
    lines = EXAMPLES.read_text().splitlines()
    located = [p for p in examples.problems if p.location.index is not None]
    assert located and all(p.location.line and lines[p.location.line - 1].lstrip().startswith("<question")
                           for p in located)
    assert str(located[0].location).startswith("moodle_examples.xml:")


@pytest.mark.parametrize("question", [q for q in load_samples() if q.type != "simulation"], ids=lambda q: q.id)
def test_every_supported_type_round_trips(question: Question) -> None:
    xml, exported = to_moodle_xml([question])
    assert exported.questions == [question] and exported.problems == []
    back = parse_moodle_xml(xml, "round-trip.xml")
    assert back.problems == []
    assert back.questions == [question]


def test_simulation_export_is_reported_and_skipped() -> None:
    samples = load_samples()
    xml, report = to_moodle_xml(samples)
    [problem] = report.problems
    assert problem.severity == "error" and problem.location.name == "sample-simulation"
    assert "simulation" in problem.message and "sample-simulation" not in xml
    assert len(report.questions) == len(samples) - 1


def test_export_writes_what_moodle_can_carry() -> None:
    [question] = [q for q in load_samples() if q.id == "sample-ms"]
    element = SafeET.fromstring(to_moodle_xml([question])[0]).find("question")
    assert element is not None and element.get("type") == "multichoice"
    assert element.findtext("name/text") == "sample-ms" and element.findtext("single") == "false"
    assert element.findtext("defaultgrade") == "3"
    assert [a.get("fraction") for a in element.findall("answer")] == ["33.33333", "-100", "33.33333", "33.33333",
                                                                       "-100"]
    assert [t.findtext("text") for t in element.findall("tags/tag")] == ["2.1", "difficulty:advanced"]
    assert len(element.findall("hint")) == 3 and element.findtext("generalfeedback/text")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE quiz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz><question type="truefalse"><name><text>&lol3;</text></name></question></quiz>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><name><text>&secret;</text></name></question></quiz>
"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY, BILLION_LAUGHS.encode()],
                         ids=["billion-laughs", "external-entity", "billion-laughs-bytes"])
def test_hostile_xml_is_refused_with_a_reported_problem(document: str | bytes) -> None:
    report = parse_moodle_xml(document, "evil.xml")
    assert report.questions == [] and report.incomplete == []
    [problem] = report.problems
    assert problem.severity == "error" and "refused" in problem.message and problem.location.source == "evil.xml"


@pytest.mark.parametrize(("document", "expected"), [
    ("<quiz><question>", "refused"), ("<html><body/></html>", "<html>"),
])
def test_broken_or_foreign_documents_are_reported(document: str, expected: str) -> None:
    [problem] = parse_moodle_xml(document, "bad.xml").problems
    assert problem.severity == "error" and expected in problem.message


def test_names_become_unique_ids_and_nameless_questions_get_a_stable_hash() -> None:
    question = ("<question type='truefalse'><name><text>{}</text></name><questiontext format='plain_text'>"
                "<text>Same text</text></questiontext><answer fraction='100'><text>true</text></answer>"
                "<answer fraction='0'><text>false</text></answer></question>")
    document = "<quiz>" + "".join(question.format(n) for n in ["Q 1", "Q 1", ""]) + "</quiz>"
    first, second = parse_moodle_xml(document, "a.xml"), parse_moodle_xml(document, "b.xml")
    assert [d["id"] for d in first.incomplete][:2] == ["q-1", "q-1-2"]
    assert first.incomplete[2]["id"] == second.incomplete[2]["id"]
    assert any("renamed to 'q-1-2'" in p.message for p in first.problems)


def test_real_questions_round_trip() -> None:
    real = load_real()
    supported = [q for q in real if q.type != "simulation"]
    assert {q.type for q in supported} == {"multiple_choice", "multiple_select", "true_false", "fill_blank",
                                           "matching"}
    xml, exported = to_moodle_xml(real)
    assert [p.location.name for p in exported.problems] == [q.id for q in real if q.type == "simulation"]
    back = parse_moodle_xml(xml, "real.xml")
    assert back.problems == []
    assert back.questions == supported
    assert any(isinstance(q, MultipleChoice) for q in back.questions)
