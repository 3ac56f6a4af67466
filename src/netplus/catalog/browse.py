"""The catalog page's filters: its query string read into a CatalogQuery, keeping what was chosen.

The filter form is a GET form, so every filter is in the URL and a page can be bookmarked or shared.
A value the catalog does not know (an old link, a hand-edited address) is left out with a note saying
so, rather than failing the whole page.
"""

from dataclasses import dataclass, field
from typing import Any, get_args
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from netplus.catalog.reference import Domain
from netplus.catalog.schemas import ComponentType, Difficulty, Sort
from netplus.catalog.service import CatalogQuery
from netplus.progress.schemas import ProgressStatus

PAGE_SIZE = 20
MAX_SEARCH = 200
MAX_CURSOR = 2000

TYPE_LABELS: dict[str, str] = {
    "lesson": "Lesson", "reading": "Reading", "study_guide": "Study guide", "video": "Video",
    "flashcard": "Flashcards", "lab": "Lab", "simulation": "Simulation", "quiz": "Quiz",
    "assessment": "Checkpoint", "practice_exam": "Practice exam"}
TYPE_ICONS: dict[str, str] = {
    "lesson": "book-open", "reading": "file-text", "study_guide": "notebook-pen", "video": "video",
    "flashcard": "layers", "lab": "flask-conical", "simulation": "monitor-cog", "quiz": "clipboard-check",
    "assessment": "circle-check", "practice_exam": "graduation-cap"}
STATUS_LABELS: dict[str, str] = {"not_started": "Not started", "in_progress": "In progress",
                                 "completed": "Completed", "mastered": "Mastered"}
DIFFICULTY_LABELS: dict[str, str] = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}
SORT_LABELS: dict[str, str] = {"sort_order": "Exam order", "title": "Title (A to Z)", "newest": "Newest first",
                               "rating": "Best rated", "difficulty": "Easiest first"}
assert set(TYPE_LABELS) == set(get_args(ComponentType))
assert set(DIFFICULTY_LABELS) == set(get_args(Difficulty))
assert set(STATUS_LABELS) == set(get_args(ProgressStatus))
assert set(SORT_LABELS) == set(get_args(Sort))

FILTERS = ("q", "domain", "objective", "type", "difficulty", "status", "sort")


@dataclass
class Browse:
    query: CatalogQuery
    picked: dict[str, list[str]]  # per filter, the values kept (a link may repeat a filter)
    notes: list[str] = field(default_factory=list)

    @property
    def values(self) -> dict[str, str]:
        """What the form shows as chosen: its selects hold one value each."""
        return {name: values[0] if values else "" for name, values in self.picked.items()}

    def url(self, cursor: str | None = None) -> str:
        params = [(k, v) for k, values in self.picked.items() for v in values
                  if v and not (k == "sort" and v == "sort_order")]
        if cursor:
            params.append(("cursor", cursor))
        return "/catalog" + (f"?{urlencode(params)}" if params else "")

    @property
    def filtered(self) -> bool:
        return any(values for name, values in self.picked.items() if name != "sort")


def chosen(params: QueryParams, name: str, allowed: dict[str, str], what: str, notes: list[str]) -> list[str]:
    """The values of a repeatable filter that the catalog knows; the others are noted and dropped."""
    values = [v for v in params.getlist(name) if v != ""]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        notes.append(f"Ignored the unknown {what} “{unknown[0][:40]}”.")
    return [v for v in values if v in allowed]


def browse_query(params: QueryParams, outline: list[Domain]) -> Browse:
    notes: list[str] = []
    domains = {d.code: d.name for d in outline}
    objectives = {o.code: o.title for d in outline for o in d.objectives}
    picked: dict[str, list[str]] = {
        "domain": chosen(params, "domain", domains, "domain", notes),
        "objective": chosen(params, "objective", objectives, "objective", notes),
        "type": chosen(params, "type", TYPE_LABELS, "type", notes),
        "difficulty": chosen(params, "difficulty", DIFFICULTY_LABELS, "difficulty", notes),
        "status": chosen(params, "status", STATUS_LABELS, "progress status", notes),
    }
    sort = (chosen(params, "sort", SORT_LABELS, "sort order", notes) or ["sort_order"])[0]
    q = " ".join(params.get("q", "").split())
    if len(q) > MAX_SEARCH:
        q = q[:MAX_SEARCH]
        notes.append(f"The search was shortened to its first {MAX_SEARCH} characters.")
    cursor = params.get("cursor") or None
    if cursor and len(cursor) > MAX_CURSOR:
        cursor = None
        notes.append("That page link is not valid, so the list starts from the first page.")
    exam = outline[0].exam_code if outline else None
    query = CatalogQuery(domains=picked["domain"] or None, objectives=picked["objective"] or None,
                         types=picked["type"] or None, difficulties=picked["difficulty"] or None,
                         statuses=picked["status"] or None, exam_code=exam, q=q or None, sort=sort,
                         limit=PAGE_SIZE, cursor=cursor)
    return Browse(query, {"q": [q] if q else [], **picked, "sort": [sort]}, notes)


def options(labels: dict[str, str], any_label: str) -> list[tuple[str, str]]:
    return [("", any_label), *labels.items()]


def filter_options(outline: list[Domain]) -> dict[str, Any]:
    """The choices of each select in the filter form (objectives grouped by domain)."""
    return {
        "domain": [("", "All domains")] + [(d.code, f"{d.code} {d.name}") for d in outline],
        "objective_groups": [(f"{d.code} {d.name}", [(o.code, f"{o.code} {o.title}") for o in d.objectives])
                             for d in outline],
        "type": options(TYPE_LABELS, "All types"),
        "difficulty": options(DIFFICULTY_LABELS, "Any difficulty"),
        "status": options(STATUS_LABELS, "Any progress"),
        "sort": list(SORT_LABELS.items()),
    }


# The words and icons every catalog template uses for types, progress and difficulty.
LABELS: dict[str, Any] = {"type_labels": TYPE_LABELS, "type_icons": TYPE_ICONS, "status_labels": STATUS_LABELS,
                          "difficulty_labels": DIFFICULTY_LABELS}
