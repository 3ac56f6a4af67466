"""GIFT import and export: the documentation's examples map to our types, unsupported questions are
reported by position and line, escapes survive, and our questions (with the fields GIFT lacks, kept in
the `// netplus:` comment) survive export -> import unchanged."""


import pytest

from netplus.content.interchange import parse_gift, to_gift
from netplus.content.interchange.report import ImportReport
from netplus.content.models import Matching, Question
from tests.content.samples import DATA, load_real, load_samples

EXAMPLES = DATA / "gift_examples.gift"
QUESTIONS_IN_EXAMPLES = 21  # blank-line separated blocks that hold a question (not comments or $CATEGORY)




@pytest.fixture(scope="module")
def examples() -> ImportReport:
    return parse_gift(EXAMPLES.read_text(), EXAMPLES.name)


def incomplete_at(report: ImportReport, index: int) -> dict[str, object]:
    """The mapped fields of the incomplete question at position `index` (1-based) in the file."""
    incomplete_indexes = [p.location.index for p in report.errors if "incomplete" in p.message]
    return report.incomplete[incomplete_indexes.index(index)]


@pytest.mark.parametrize(("index", "kind", "question", "answer"), [
    (1, "multiple_choice", "Which port does SSH listen on by default?", "c"),
    (2, "multiple_choice", "SSH normally listens on TCP port ____ on a server.", "b"),
    (3, "multiple_choice", "Which layer of the OSI model routes packets between networks?", "b"),
    (4, "fill_blank", "What does DNS stand for? ____", ["Domain Name System", "Domain Name Service"]),
    (5, "fill_blank", "The IPv4 loopback network is 127.0.0.0/____.", ["8", "/8"]),
    (6, "true_false", "DNS only ever uses UDP.", False),
    (7, "true_false", "Telnet sends credentials in clear text.", True),
    (8, "true_false", "HTTPS uses TCP 443 by default.", True),
    (9, "matching", "Match each service with its port.", {"l1": "r1", "l2": "r2", "l3": "r3"}),
    (14, "multiple_choice", "Which port does Kerberos use?", "b"),
    (15, "multiple_choice", "Which ports does a DHCP server use?", "c"),
    (16, "multiple_select", "Which two protocols encrypt remote management sessions?", ["a", "b"]),
    (17, "multiple_choice", "Which protocol secures **web** traffic?", "a"),
    (18, "multiple_choice", "Which record maps a name to an IPv6 address?", "a"),
    (19, "multiple_choice", "Which of these is NOT a control character in GIFT?", "f"),
])
def test_documentation_examples_map_to_our_types_and_answers(examples: ImportReport, index: int, kind: str,
                                                             question: str, answer: object) -> None:
    raw = incomplete_at(examples, index)
    assert (raw["type"], raw["question"], raw["answer"]) == (kind, question, answer)
    assert raw["hints"] == [] and raw["objectives"] == []  # GIFT has neither: nothing is invented


def test_escaped_control_characters_are_plain_text(examples: ImportReport) -> None:
    options = incomplete_at(examples, 19)["options"]
    assert isinstance(options, list) and [o["text"] for o in options] == ["~", "=", "#", "{", "}", "\\"]


def test_general_feedback_becomes_the_explanation(examples: ImportReport) -> None:
    assert incomplete_at(examples, 14)["explanation"] == "Kerberos authentication uses port 88."
    matching = incomplete_at(examples, 9)
    assert isinstance(matching["right"], list) and [r["text"] for r in matching["right"]] == ["22", "53", "443"]


def test_the_netplus_comment_completes_a_question(examples: ImportReport) -> None:
    [question] = examples.questions
    assert question.id == "n10-009-1.4-q001" and question.type == "multiple_choice" and question.answer == "b"
    assert (question.objectives, question.difficulty, question.points) == (["1.4"], "beginner", 2)
    assert question.hints == ["The secure variant has its own port."]
    assert question.explanation.startswith("LDAP over TLS uses TCP 636")


def test_a_broken_netplus_comment_is_reported_field_by_field(examples: ImportReport) -> None:
    broken = [p.message for p in examples.problems if p.location.name == "Broken meta"]
    assert any("'colour'" in m for m in broken) and any("'expert'" in m for m in broken)
    assert any("dropped ['d']" in m for m in broken) and any("missing explanation" in m for m in broken)
    assert incomplete_at(examples, 21)["objectives"] == ["1.4", "1.5"]


def test_every_question_in_the_file_is_imported_or_reported(examples: ImportReport) -> None:
    assert len(examples.questions) + len(examples.errors) == QUESTIONS_IN_EXAMPLES
    assert sorted(p.location.index or 0 for p in examples.errors) == [
        i for i in range(1, QUESTIONS_IN_EXAMPLES + 1) if i != 20]


@pytest.mark.parametrize(("index", "what"), [
    (10, "numerical"), (11, "numerical"), (12, "essay"), (13, "description"),
])
def test_unsupported_questions_are_reported_where_they_start(examples: ImportReport, index: int, what: str) -> None:
    [problem] = [p for p in examples.errors if p.location.index == index]
    assert what in problem.message and "not supported" in problem.message
    assert problem.location.line is not None
    assert not EXAMPLES.read_text().splitlines()[problem.location.line - 1].startswith("//")


def test_problems_point_at_the_line_where_the_question_starts(examples: ImportReport) -> None:
    lines = EXAMPLES.read_text().splitlines()
    [kerberos] = [p for p in examples.errors if p.location.name == "Kerberos port"]
    assert kerberos.location.line == lines.index("::Kerberos port::Which port does Kerberos use? {") + 1
    assert any(p.severity == "note" and "category" in p.message for p in examples.problems)
    assert any("partial credit dropped" in p.message and "67 only" in p.message for p in examples.problems)
    assert any("true/false feedback dropped" in p.message for p in examples.problems)


@pytest.mark.parametrize("question", [q for q in load_samples() if q.type != "simulation"], ids=lambda q: q.id)
def test_every_supported_type_round_trips(question: Question) -> None:
    text, exported = to_gift([question])
    assert exported.questions == [question] and exported.problems == []
    back = parse_gift(text, "round-trip.gift")
    assert back.problems == []
    assert back.questions == [question]


def test_special_characters_are_escaped_on_export() -> None:
    [question] = [q for q in load_samples() if q.id == "sample-mc-specials"]
    text, _ = to_gift([question])
    body = text.split("\n", 1)[1]
    for escaped in ("\\=", "\\#", "\\{", "\\}", "\\~", "\\:", "\\\\", "\\n"):
        assert escaped in body
    assert "\n\n" not in text.strip()  # a blank line would end the question
    assert parse_gift(text, "x.gift").questions == [question]


def test_the_netplus_comment_carries_what_gift_cannot() -> None:
    [question] = [q for q in load_samples() if q.id == "sample-ms"]
    first_line = to_gift([question])[0].splitlines()[0]
    assert first_line == ('// netplus: {"objectives": ["2.1"], "difficulty": "advanced", "hints": ["RIP counts hops.", '
                          '"A static route is not a protocol.", "Three are dynamic and modern."], "points": 3}')


def test_questions_gift_cannot_say_are_reported_and_skipped() -> None:
    [matching] = [q for q in load_samples() if isinstance(q, Matching)]
    arrow = matching.model_copy(update={"left": [matching.left[0].model_copy(update={"text": "A -> B"}),
                                                 *matching.left[1:]]})
    samples = [*load_samples(), arrow]
    text, report = to_gift(samples)
    assert [(p.location.name, p.severity) for p in report.problems] == [("sample-simulation", "error"),
                                                                       ("sample-matching", "error")]
    assert "simulation" in report.problems[0].message and "'->'" in report.problems[1].message
    assert len(report.questions) == len(samples) - 2 and "sample-simulation" not in text


def test_unbalanced_braces_are_reported() -> None:
    report = parse_gift("// a comment\nWhich port is SSH? {=22\n", "broken.gift")
    [problem] = report.problems
    assert problem.severity == "error" and "braces" in problem.message and problem.location.line == 2


def test_real_questions_round_trip() -> None:
    real = load_real()
    supported = [q for q in real if q.type != "simulation"]
    text, exported = to_gift(real)
    assert [p.location.name for p in exported.problems] == [q.id for q in real if q.type == "simulation"]
    back = parse_gift(text, "real.gift")
    assert back.problems == []
    assert back.questions == supported


def test_category_and_stray_netplus_comments_are_reported() -> None:
    text = '// netplus: {"objectives": ["1.4"]}\n\n$CATEGORY: tcp\nIs SSH on TCP 22?{T####Yes.}\n'
    report = parse_gift(text, "lenient.gift")
    assert [(p.location.line, p.severity) for p in report.problems[:2]] == [(1, "warning"), (3, "note")]
    [question] = report.incomplete
    assert question["answer"] is True and question["explanation"] == "Yes."
    assert report.errors[0].location.line == 4


def test_outer_spaces_gift_trims_are_a_warning_not_a_skip() -> None:
    [fill] = [q for q in load_samples() if q.id == "sample-fill-end"]
    spaced = fill.model_copy(update={"answer": [" SSH "]})
    _, report = to_gift([spaced])
    [problem] = report.problems
    assert report.questions == [spaced] and problem.severity == "warning" and "' SSH '" in problem.message
