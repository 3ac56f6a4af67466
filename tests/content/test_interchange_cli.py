"""`netplus content export|import` from the command line: files written, problems reported."""

from pathlib import Path

import yaml
from typer.testing import CliRunner

from netplus.cli import app

PACK = Path(__file__).resolve().parents[2] / "content" / "N10-009"
DATA = Path(__file__).parent / "data"
runner = CliRunner()


def test_export_then_import_gives_back_the_pack_questions(tmp_path: Path) -> None:
    exported = tmp_path / "bank.xml"
    result = runner.invoke(app, ["content", "export", str(PACK), "--format", "moodle-xml", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    assert "Wrote 394 of 420 questions" in result.output
    assert result.output.count("Moodle has no question type for 'simulation'") == 26  # reported, not dropped
    imported = tmp_path / "questions.yaml"
    back = runner.invoke(app, ["content", "import", str(exported), "-o", str(imported)])
    assert back.exit_code == 0, back.output
    assert "Imported 394 questions" in back.output and "0 skipped" in back.output
    questions = yaml.safe_load(imported.read_text())
    originals = {q["id"]: q for f in PACK.glob("*/*/questions.yaml") for q in yaml.safe_load(f.read_text())}
    for q in questions:
        assert q["answer"] == originals[q["id"]]["answer"]
        assert q["type"] == originals[q["id"]]["type"]


def test_csv_export_carries_every_question(tmp_path: Path) -> None:
    out = tmp_path / "bank.csv"
    result = runner.invoke(app, ["content", "export", str(PACK), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0 and "Wrote 420 of 420" in result.output


def test_import_reports_what_it_could_not_map(tmp_path: Path) -> None:
    out = tmp_path / "q.yaml"
    result = runner.invoke(app, ["content", "import", str(DATA / "moodle_examples.xml"), "-o", str(out)])
    assert result.exit_code == 0
    assert "'description' is not supported" in result.output and "'ddwtos' is not supported" in result.output
    assert (tmp_path / "q.incomplete.yaml").exists()


def test_import_of_a_missing_file_fails_clearly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["content", "import", str(tmp_path / "nope.gift"), "-o", str(tmp_path / "q.yaml")])
    assert result.exit_code == 1 and "no such file" in result.output
