"""Reading components (lesson, reading, study guide): the body cut into sections, and where the reader is.

A body is cut at its level-2 headings ("## "), outside fenced code, so each section can be linked from
the table of contents and marked read on its own. The reader's place is kept in
`user_progress.last_position` as {"read": [section indexes], "section": the index to resume at}.
"""

import re
from dataclasses import dataclass
from typing import Any

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
SECTION_HEADING = re.compile(r"^ {0,3}## +(.+?)(?: +#+)? *$")
TITLE_HEADING = re.compile(r"^ {0,3}# +(.+?)(?: +#+)? *$")
INLINE_MARKS = re.compile(r"[*`]|\[|\]\([^)]*\)")
TOC_FROM_SECTIONS = 3  # a table of contents is shown for bodies with at least this many sections


@dataclass(frozen=True)
class Section:
    index: int
    title: str  # plain text, for the table of contents
    markdown: str

    @property
    def anchor(self) -> str:
        return f"section-{self.index + 1}"


def plain(heading: str) -> str:
    """Heading text without the Markdown marks that would show literally in the table of contents."""
    return INLINE_MARKS.sub("", heading).strip() or "Untitled section"


def split_sections(body: str) -> list[Section]:
    chunks: list[tuple[str | None, list[str]]] = [(None, [])]
    fence: str | None = None
    for line in body.splitlines():
        marker = FENCE.match(line)
        if fence is not None:
            if marker and marker[1][0] == fence[0] and len(marker[1]) >= len(fence):
                fence = None
        elif marker:
            fence = marker[1]
        elif found := SECTION_HEADING.match(line):
            chunks.append((found[1], []))
        chunks[-1][1].append(line)
    sections: list[Section] = []
    for heading, lines in chunks:
        text = "\n".join(lines).strip()
        if not text:
            continue
        title = heading
        if title is None:  # what comes before the first "##": the introduction, named by its "#" title
            first = TITLE_HEADING.match(lines[0]) if lines else None
            title = first[1] if first else "Introduction"
        sections.append(Section(len(sections), plain(title), text + "\n"))
    return sections


@dataclass(frozen=True)
class ReadingPlace:
    read: frozenset[int]
    resume: int | None  # index of the section to continue at, when the reader has been here before

    def percentage(self, total: int) -> float:
        return round(100 * len(self.read) / total, 2) if total else 0.0

    def position(self) -> dict[str, Any]:
        return {"read": sorted(self.read), "section": self.resume}


def reading_place(position: Any, total: int) -> ReadingPlace:
    """The reader's place from a stored position, ignoring anything that does not fit this body."""
    if not isinstance(position, dict):
        return ReadingPlace(frozenset(), None)
    read = position.get("read")
    indexes = frozenset(i for i in read if isinstance(i, int) and 0 <= i < total) if isinstance(read, list) else \
        frozenset()
    section = position.get("section")
    resume = section if isinstance(section, int) and 0 <= section < total else None
    return ReadingPlace(indexes, resume)


def mark_read(place: ReadingPlace, index: int, total: int) -> ReadingPlace:
    """Section `index` read; the reader continues at the next section not yet read (or stays at the last)."""
    read = place.read | {index}
    following = [i for i in range(index + 1, total) if i not in read]
    return ReadingPlace(read, following[0] if following else index)
