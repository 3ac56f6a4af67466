"""Flashcard decks scheduled with FSRS (the `fsrs` library).

Each card's scheduling state lives in the deck component's `user_progress.last_position`:
{"fsrs": {card id: {"card": fsrs Card.to_dict() without its card_id, "rating": last rating 1-4}}}.
The card id is the deck's own (`content.cards[].id`), so fsrs's numeric card_id is not kept; times are
stored to the second and stability/difficulty to 4 decimals, which keeps a 25-card deck near 4 KB, well
inside the 8 KB a resume position may hold.

A review shows the cards that are due first (earliest due first), then the new ones in deck order.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import fsrs

from netplus.progress.schemas import MAX_POSITION_BYTES

SCHEDULER = fsrs.Scheduler()
RATINGS: dict[str, fsrs.Rating] = {"again": fsrs.Rating.Again, "hard": fsrs.Rating.Hard,
                                   "good": fsrs.Rating.Good, "easy": fsrs.Rating.Easy}
RATING_WORDS = {int(rating): word.capitalize() for word, rating in RATINGS.items()}


@dataclass(frozen=True)
class FlashCard:
    id: str
    front: str
    back: str


@dataclass(frozen=True)
class Scheduled:
    card: fsrs.Card
    rating: int


Schedule = dict[str, Scheduled]


def deck_cards(content: dict[str, Any]) -> list[FlashCard]:
    """The deck's cards; entries without an id, a front and a back (hand-edited content) are left out."""
    cards = content.get("cards")
    if not isinstance(cards, list):
        return []
    return [FlashCard(str(c["id"]), str(c["front"]), str(c["back"])) for c in cards
            if isinstance(c, dict) and c.get("id") and c.get("front") and c.get("back")]


def card_to_json(card: fsrs.Card) -> dict[str, Any]:
    data: dict[str, Any] = dict(card.to_dict())
    del data["card_id"]
    for key in ("stability", "difficulty"):
        if data[key] is not None:
            data[key] = round(data[key], 4)
    for key in ("due", "last_review"):
        if data[key] is not None:
            data[key] = datetime.fromisoformat(data[key]).replace(microsecond=0).isoformat()
    return data


def load_schedule(position: Any, cards: list[FlashCard]) -> Schedule:
    """The stored states of this deck's cards; a state that cannot be read counts as a new card."""
    stored = position.get("fsrs") if isinstance(position, dict) else None
    if not isinstance(stored, dict):
        return {}
    schedule: Schedule = {}
    ids = {c.id for c in cards}
    for card_id, entry in stored.items():
        if card_id not in ids or not isinstance(entry, dict):
            continue
        try:
            card = fsrs.Card.from_dict({"card_id": 0} | entry["card"])
            schedule[card_id] = Scheduled(card, int(entry["rating"]))
        except (KeyError, TypeError, ValueError):
            continue
    return schedule


def dump_schedule(schedule: Schedule) -> dict[str, Any]:
    position = {"fsrs": {card_id: {"card": card_to_json(s.card), "rating": s.rating}
                         for card_id, s in schedule.items()}}
    if len(json.dumps(position)) > MAX_POSITION_BYTES:
        raise ValueError("deck too large to keep its schedule")
    return position


def review(schedule: Schedule, card_id: str, rating: fsrs.Rating, now: datetime | None = None) -> Schedule:
    previous = schedule.get(card_id)
    card = previous.card if previous else fsrs.Card(card_id=0)
    reviewed, _log = SCHEDULER.review_card(card, rating, review_datetime=now or datetime.now(UTC))
    return schedule | {card_id: Scheduled(reviewed, int(rating))}


@dataclass(frozen=True)
class DeckState:
    due: list[FlashCard]  # reviewed before and due now, earliest first
    new: list[FlashCard]  # never reviewed, in deck order
    learned: int  # reviewed and not yet due again
    total: int
    next_due: datetime | None  # when the next card not yet due comes back

    @property
    def queue(self) -> list[FlashCard]:
        return self.due + self.new

    @property
    def reviewed(self) -> int:
        return self.total - len(self.new)

    @property
    def percentage(self) -> float:
        return round(100 * self.reviewed / self.total, 2) if self.total else 0.0


def deck_state(cards: list[FlashCard], schedule: Schedule, now: datetime | None = None) -> DeckState:
    moment = now or datetime.now(UTC)
    due = sorted((c for c in cards if c.id in schedule and schedule[c.id].card.due <= moment),
                 key=lambda c: schedule[c.id].card.due)
    later = [schedule[c.id].card.due for c in cards if c.id in schedule and schedule[c.id].card.due > moment]
    new = [c for c in cards if c.id not in schedule]
    return DeckState(due, new, len(later), len(cards), min(later) if later else None)
