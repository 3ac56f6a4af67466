"""The N10-009 pack as CI sees it: complete, consistent, no duplicates, ports right; and the
validator's reports name the file and line of each problem."""

import shutil
import socket
from collections import Counter
from pathlib import Path

import pytest
import yaml

from netplus.content.checks import check_pack, check_ports, check_uniqueness
from netplus.content.pack import Pack, read_pack
from netplus.content.ports_check import check_text, known_ports

PACK = Path(__file__).resolve().parents[2] / "content" / "N10-009"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return read_pack(PACK)


def test_the_whole_pack_validates(pack: Pack) -> None:
    assert [str(p) for p in check_pack(pack)] == []


def test_every_objective_is_covered(pack: Pack) -> None:
    assert pack.exam is not None
    assert [o.ref.code for o in pack.objectives] == [o.code for d in pack.exam.domains for o in d.objectives]
    assert len(pack.objectives) == 25
    for o in pack.objectives:
        assert o.lesson is not None and len(o.lesson.body.split()) >= 600, o.ref.code
        assert o.deck is not None and len(o.deck.cards) >= 10, o.ref.code
        assert len(o.questions) >= 12, o.ref.code
        assert o.objective is not None and o.objective.topics, o.ref.code
    assert len(pack.questions) >= 400
    sims = Counter(o.domain.code for o in pack.objectives for q in o.questions if q.type == "simulation")
    assert set(sims) == {"1.0", "2.0", "3.0", "4.0", "5.0"}
    assert {q.type for q in pack.questions} == {
        "multiple_choice", "multiple_select", "true_false", "fill_blank", "matching", "simulation"}


def test_every_question_explains_and_hints(pack: Pack) -> None:
    """Choice questions explain the distractors too, which takes more words than a fill-in's answer."""
    for q in pack.questions:
        minimum = 25 if q.type in ("multiple_choice", "multiple_select", "matching", "simulation") else 10
        assert len(q.explanation.split()) >= minimum, q.id
        assert 1 <= len(q.hints) <= 3, q.id


def test_no_duplicate_questions(pack: Pack) -> None:
    assert check_uniqueness(pack) == []
    assert len({q.id for q in pack.questions}) == len(pack.questions)


def test_ports_in_the_content_agree_with_the_services_database(pack: Pack) -> None:
    assert check_ports(pack) == []
    assert known_ports("HTTPS") == {socket.getservbyname("https", "tcp")}


def test_the_port_check_catches_a_wrong_pairing() -> None:
    text = "Use SSH (TCP 23) here.\nHTTPS port 443 is fine.\nTCP 3389 (RDP) too.\nDNS uses UDP 54."
    found = check_text(Path("lesson.md"), text)
    assert [(p.line, p.message.split(";")[0]) for p in found] == [
        (1, "SSH is paired with port 23"), (4, "DNS is paired with port 54")]


@pytest.fixture
def broken_pack(tmp_path: Path) -> Path:
    copy = tmp_path / "N10-009"
    shutil.copytree(PACK, copy)
    return copy


def test_problems_name_their_file_and_line(broken_pack: Path) -> None:
    questions = next(broken_pack.glob("1.0-*/1.4-*/questions.yaml"))
    lines = questions.read_text().splitlines()
    answer_line = next(i for i, line in enumerate(lines, start=1) if line.strip().startswith("answer:"))
    lines[answer_line - 1] = lines[answer_line - 1].split("answer:")[0] + "answer: zz"
    questions.write_text("\n".join(lines) + "\n")
    (next(broken_pack.glob("5.0-*/5.1-*")) / "flashcards.yaml").unlink()
    found = [str(p) for p in check_pack(read_pack(broken_pack))]
    assert any(p.startswith(f"{questions}:") and "answer 'zz' is not one of the options" in p for p in found), found
    located = next(p for p in found if "zz" in p)
    item_line = int(located.split(":")[1])
    assert item_line <= answer_line and lines[item_line - 1].lstrip().startswith("- id:")
    assert any(p.endswith("flashcards.yaml:1: missing file") for p in found)


def test_invalid_yaml_is_located(broken_pack: Path) -> None:
    deck = next(broken_pack.glob("2.0-*/2.1-*/flashcards.yaml"))
    deck.write_text(deck.read_text() + "  - id: [unclosed\n")
    found = check_pack(read_pack(broken_pack))
    assert any(p.file == deck and "not valid YAML" in p.message and p.line > 1 for p in found)


def test_a_duplicate_question_is_reported(broken_pack: Path) -> None:
    target = next(broken_pack.glob("3.0-*/3.1-*/questions.yaml"))
    original = yaml.safe_load(next(broken_pack.glob("3.0-*/3.2-*/questions.yaml")).read_text())[0]
    copy = original | {"id": "n10-009-3.1-q901", "objectives": ["3.1"]}
    target.write_text(target.read_text() + yaml.safe_dump([copy], sort_keys=False))
    found = [p.message for p in check_pack(read_pack(broken_pack))]
    assert found == [f"{original['id']} asks the same as n10-009-3.1-q901"]  # 3.1 is read first
