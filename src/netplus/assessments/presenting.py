"""Small pieces of presentation the assessment templates share: question text with its blank, the
"choose N" of a multiple-select question, durations and labels in words."""

import re
from typing import Any

from markupsafe import Markup

from netplus.assessments.answer_text import answer_lines
from netplus.assessments.schemas import AttemptOut, QuestionOut
from netplus.web.markdown import render_markdown

BLANK = "____"
BLANK_SLOT = "NETPLUSBLANKSLOT"  # survives Markdown untouched; "____" itself would read as emphasis
BLANK_HTML = Markup('<span class="blank"><span class="visually-hidden">(blank)</span></span>')
CHOOSE = re.compile(r"\(\s*choose\s+(\w+)\s*\.?\s*\)", re.IGNORECASE)

TYPE_LABELS = {"multiple_choice": "Multiple choice", "multiple_select": "Multiple select",
               "true_false": "True or false", "fill_blank": "Fill in the blank", "matching": "Matching",
               "simulation": "Performance-based"}
STATUS_WORDS = {"in_progress": "In progress", "completed": "Completed", "timed_out": "Time ran out",
                "abandoned": "Abandoned"}
# The groups of /exams, in this order.
GROUPS = (("practice_exam", "Practice exams", "Full exam conditions, scored on the 100-900 scale (720 passes)."),
          ("quiz", "Quizzes", "Timed quizzes on one domain or topic."),
          ("checkpoint", "Objective checkpoints", "Short checks after each objective: are you ready to move on?"),
          ("final_exam", "Final exams", "The course's final assessments."))


BLOCK_START = re.compile(r"^\s*([-*+>#|]|\d+[.)]\s|```|~~~)|^( {4}|\t)")


def unwrapped(text: str | None) -> str:
    """Text with its paragraphs' hard line breaks joined, so wrapped source lines read as one paragraph
    (the Markdown filter keeps every line break). Code fences, lists, quotes and tables are left as written."""
    lines: list[str] = []
    fenced = False
    for line in (text or "").splitlines():
        starts_block = bool(BLOCK_START.match(line))
        joinable = (lines and lines[-1].strip() and line.strip() and not fenced and not starts_block
                    and not BLOCK_START.match(lines[-1]))
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if joinable:
            lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines)


def prose_html(text: str | None) -> Markup:
    return render_markdown(unwrapped(text))


def question_html(question: QuestionOut) -> Markup:
    """The question text as sanitized HTML; a fill-in question shows its blank where the answer goes."""
    if question.type != "fill_blank":
        return prose_html(question.text)
    html = render_markdown(unwrapped(question.text).replace(BLANK, BLANK_SLOT, 1))
    return Markup(html.replace(BLANK_SLOT, BLANK_HTML))  # noqa: S704 - sanitized HTML plus a fixed span


def choose_hint(question: QuestionOut) -> str:
    found = CHOOSE.search(question.text)
    return f"Choose {found.group(1).lower()}." if found else "Choose every answer that applies."


def duration(seconds: int | None) -> str:
    if seconds is None:
        return "\u2013"
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def clock(seconds: int | None) -> str:
    """The countdown's text before the script takes over (and without it): m:ss or h:mm:ss."""
    hours, rest = divmod(max(seconds or 0, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def minutes(value: int | None) -> str:
    return "Untimed" if value is None else f"{value} min"


def counts(attempt: AttemptOut) -> dict[str, int]:
    answered = sum(q.response.answer is not None for q in attempt.questions)
    return {"total": len(attempt.questions), "answered": answered, "unanswered": len(attempt.questions) - answered,
            "flagged": sum(q.response.flagged_for_review for q in attempt.questions)}


def helpers() -> dict[str, Any]:
    """What every assessment template may call."""
    return {"question_html": question_html, "prose_html": prose_html, "choose_hint": choose_hint,
            "duration": duration, "clock": clock, "minutes": minutes, "answer_lines": answer_lines,
            "type_labels": TYPE_LABELS, "status_words": STATUS_WORDS}
