"""What each viewer's template needs, built from the component's content and the student's progress.

Content comes from the pack or from authors, so each builder tolerates a missing or odd field and
shows what it can rather than failing the page.
"""

from datetime import UTC, datetime
from typing import Any

from netplus.catalog import flashcards, labs
from netplus.catalog.reading import TOC_FROM_SECTIONS, reading_place, split_sections
from netplus.progress.schemas import ProgressOut


def reading_context(detail: dict[str, Any], progress: ProgressOut) -> dict[str, Any]:
    body = detail["content"].get("body")
    sections = split_sections(body) if isinstance(body, str) else []
    place = reading_place(progress.last_position, len(sections))
    return {"sections": sections, "place": place, "show_toc": len(sections) >= TOC_FROM_SECTIONS,
            "resume": sections[place.resume] if place.resume is not None and place.resume not in place.read else None}


def clock(seconds: Any) -> str:
    """Seconds as m:ss (or h:mm:ss)."""
    total = int(seconds) if isinstance(seconds, int | float) and seconds >= 0 else 0
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def same_origin_url(value: Any) -> str | None:
    """Only a video file on this site is embedded (the CSP allows media from 'self' alone)."""
    if isinstance(value, str) and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return None


def video_context(detail: dict[str, Any]) -> dict[str, Any]:
    content = detail["content"]
    chapters = [{"title": str(c.get("title") or "Chapter"), "at": clock(c.get("at_seconds")),
                 "seconds": int(c.get("at_seconds") or 0)}
                for c in content.get("chapters") or [] if isinstance(c, dict)]
    transcript = content.get("transcript")
    return {"video_url": same_origin_url(content.get("url")), "chapters": chapters,
            "duration": clock(content["duration_seconds"]) if content.get("duration_seconds") else None,
            "transcript": transcript if isinstance(transcript, str) else None}


def deck_context(detail: dict[str, Any], progress: ProgressOut, *, reveal: str | None = None,
                 message: str | None = None) -> dict[str, Any]:
    cards = flashcards.deck_cards(detail["content"])
    schedule = flashcards.load_schedule(progress.last_position, cards)
    state = flashcards.deck_state(cards, schedule)
    current = state.queue[0] if state.queue else None
    last = schedule.get(current.id) if current else None
    return {"cards": cards, "deck": state, "current": current, "revealed": bool(current and reveal == current.id),
            "last_rating": flashcards.RATING_WORDS.get(last.rating) if last else None,
            "ratings": [(word, word.capitalize()) for word in flashcards.RATINGS], "deck_message": message,
            "next_due": until(state.next_due) if state.next_due else None}


def until(moment: datetime, now: datetime | None = None) -> str:
    """When a card comes back, in words: "in 9 minutes", "in 3 hours", "in 4 days"."""
    minutes = max(1, round((moment - (now or datetime.now(UTC))).total_seconds() / 60))
    for size, unit in ((1440, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size:
            count = round(minutes / size)
            return f"in {count} {unit}{'s' if count != 1 else ''}"
    return "in a minute"


def lab_context(detail: dict[str, Any], progress: ProgressOut, state: labs.LabState | None = None) -> dict[str, Any]:
    lab_tasks = labs.tasks(detail["content"])
    state = state or labs.lab_state(progress.last_position, lab_tasks)
    all_right = state.all_right(lab_tasks)
    show_solution = all_right or state.solution_shown
    return {"tasks": [labs.public(t) for t in lab_tasks], "lab": state, "all_right": all_right,
            "right_count": len(state.right), "solutions": {t["id"]: labs.solution(t) for t in lab_tasks}
            if show_solution else {}, "instructions": detail["content"].get("instructions")}
