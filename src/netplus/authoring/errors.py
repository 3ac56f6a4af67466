"""The database's refusals of an author's write, as problems that name the field to fix.

The database keeps the content rules (constraints, and deferred triggers for the array references);
this module only translates its answers. A refusal rolls the whole transaction back: nothing is written.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psycopg
from psycopg import errors, sql

from netplus.core.pool import AsyncConn
from netplus.core.problems import Problem

CYCLE = ("These prerequisites would form a cycle: the component would require itself, directly or through "
         "the components it requires.")

# Constraints (and unique indexes) checked at each statement: status, field, message.
BY_CONSTRAINT: dict[str, tuple[int, str, str]] = {
    "learning_components_slug_key": (409, "slug", "That slug is taken; deleted components keep theirs."),
    "assessments_slug_key": (409, "slug", "That slug is taken; deleted assessments keep theirs."),
    "question_bank_pkey": (409, "id", "A question with this id exists already; give this one another id."),
    "question_bank_answer_matches_options": (422, "answer", "The correct answer does not match the options."),
    "assessments_published_has_questions": (422, "question_ids", "A published assessment needs a question."),
    "learning_components_no_self_prerequisite": (422, "prerequisites", "A component cannot require itself."),
    "assessments_component_id_fkey": (422, "component_id", "There is no component with this id."),
    "learning_components_exam_code_fkey": (422, "exam_code", "There is no exam with this code."),
    "question_bank_exam_code_fkey": (422, "exam_code", "There is no exam with this code."),
    "assessments_exam_code_fkey": (422, "exam_code", "There is no exam with this code."),
}

CHECK_VIOLATION, FOREIGN_KEY_VIOLATION, UNIQUE_VIOLATION = "23514", "23503", "23505"

# Deferred constraint triggers, by name and SQLSTATE: the field, and our message (None: the trigger's own
# sentence, which names the unknown id or code).
DEFERRED: dict[str, dict[str, tuple[str, str | None]]] = {
    "learning_components_prerequisites": {CHECK_VIOLATION: ("prerequisites", CYCLE),
                                          FOREIGN_KEY_VIOLATION: ("prerequisites", None)},
    "learning_components_exam_objectives": {FOREIGN_KEY_VIOLATION: ("comptia_objectives", None)},
    "question_bank_exam_objectives": {FOREIGN_KEY_VIOLATION: ("objectives", None)},
    "assessments_question_ids": {UNIQUE_VIOLATION: ("question_ids", "A question is listed twice."),
                                 FOREIGN_KEY_VIOLATION: ("question_ids", None)},
}


def refused(status: int, field: str, message: str) -> Problem:
    title = "Conflict" if status == 409 else "Invalid request"
    return Problem(status, title, message, [{"field": field, "message": message}])


@asynccontextmanager
async def refusals() -> AsyncIterator[None]:
    """Around a transaction: a write the database refuses becomes a problem naming the field."""
    try:
        yield
    except errors.IntegrityError as exc:
        known = BY_CONSTRAINT.get(exc.diag.constraint_name or "")
        if known is None:
            raise
        raise refused(*known) from None


async def check_deferred(conn: AsyncConn, *triggers: str) -> None:
    """Run deferred constraint triggers now instead of at commit, so a refusal names its rule.

    The same triggers would refuse the commit; running them here (SET CONSTRAINTS ... IMMEDIATE)
    tells which one did, and the problem raised rolls the transaction back.
    """
    for trigger in triggers:
        try:
            await conn.execute(sql.SQL("SET CONSTRAINTS {} IMMEDIATE").format(sql.Identifier(trigger)))
        except psycopg.Error as exc:
            known = DEFERRED[trigger].get(exc.sqlstate or "")
            if known is None:
                raise
            field, message = known
            raise refused(422, field, message or exc.diag.message_primary or "Refused.") from None
