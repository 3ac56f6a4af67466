"""`netplus content export|import`: question banks to and from Moodle XML, GIFT and CSV."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from netplus.content.interchange import ImportReport, parse_gift, parse_moodle_xml, to_csv, to_gift, to_moodle_xml
from netplus.content.interchange.report import Problem
from netplus.content.models import Question
from netplus.content.pack import read_pack


class ExportFormat(StrEnum):
    moodle_xml = "moodle-xml"
    gift = "gift"
    csv = "csv"


class ImportFormat(StrEnum):
    auto = "auto"
    moodle_xml = "moodle-xml"
    gift = "gift"


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)


def export_command(
    pack: Annotated[Path, typer.Argument(help="An exam folder (holding exam.yaml).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="The format to write.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
) -> None:
    """Write a pack's questions as Moodle XML, GIFT or CSV; what the format cannot carry is reported."""
    read = read_pack(pack)
    if read.problems:
        for p in read.problems:
            typer.echo(str(p), err=True)
        raise typer.Exit(1)
    questions = read.questions
    if fmt is ExportFormat.csv:
        text, problems, written = to_csv(questions), [], len(questions)
    else:
        text, report = (to_moodle_xml if fmt is ExportFormat.moodle_xml else to_gift)(questions)
        problems, written = report.problems, len(report.questions)
    output.write_text(text, encoding="utf-8")
    report_problems(problems)
    typer.echo(f"Wrote {written} of {len(questions)} questions to {output} ({fmt.value}).")


def as_yaml(data: list[dict[str, Any]]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def question_yaml(q: Question) -> dict[str, Any]:
    data = q.model_dump(mode="json", exclude_none=True)
    return {"id": data.pop("id"), "type": data.pop("type"), **data}


def import_command(
    source: Annotated[Path, typer.Argument(help="A Moodle XML (.xml) or GIFT (.gift, .txt) file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="questions.yaml to write.")],
    fmt: Annotated[ImportFormat, typer.Option("--format", help="The format of SOURCE.")] = ImportFormat.auto,
) -> None:
    """Read a question bank into our YAML format. Questions missing what our format requires (an
    explanation, hints, an objective) go to <output>.incomplete.yaml for a teacher to finish."""
    if not source.is_file():
        typer.echo(f"netplus: {source}: no such file", err=True)
        raise typer.Exit(1)
    kind = fmt
    if kind is ImportFormat.auto:
        kind = ImportFormat.moodle_xml if source.suffix.lower() == ".xml" else ImportFormat.gift
    report: ImportReport = (parse_moodle_xml(source.read_bytes(), source.name) if kind is ImportFormat.moodle_xml
                            else parse_gift(source.read_text(encoding="utf-8"), source.name))
    report_problems(report.problems)
    output.write_text(as_yaml([question_yaml(q) for q in report.questions]), encoding="utf-8")
    summary = f"Imported {len(report.questions)} questions into {output}"
    if report.incomplete:
        unfinished = output.with_suffix(".incomplete.yaml")
        unfinished.write_text(as_yaml(report.incomplete), encoding="utf-8")
        summary += f"; {len(report.incomplete)} need completing in {unfinished}"
    # every question not imported has one error; the incomplete ones are kept, the rest skipped
    skipped = len(report.errors) - len(report.incomplete)
    typer.echo(summary + f"; {skipped} skipped (see above).")
    if not report.questions and report.errors:
        raise typer.Exit(1)
