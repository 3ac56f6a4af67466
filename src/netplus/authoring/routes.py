"""/api/v1/authoring: components, questions and assessments for instructors and admins."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from netplus.accounts.dependencies import ClientDep, PoolDep, StaffSession
from netplus.authoring import assessments, components, questions
from netplus.authoring.lifecycle import change_state
from netplus.authoring.schemas import (
    AssessmentIn,
    AssessmentOut,
    AssessmentSummary,
    AssessmentType,
    ComponentIn,
    ComponentOut,
    ComponentSummary,
    ComponentType,
    ExamCode,
    QuestionOut,
    QuestionSummary,
    State,
)
from netplus.content.models import Question
from netplus.core.listing import Page, PageParams

router = APIRouter(prefix="/api/v1/authoring", tags=["authoring"])
Move = Literal["publish", "unpublish", "restore"]
StateFilter = Annotated[State | None, Query(description="draft, published or deleted; default: all but deleted")]
Search = Annotated[str | None, Query(max_length=200, description="Words in the title or slug (text for questions)")]
NO_CONTENT = status.HTTP_204_NO_CONTENT


# --- components --------------------------------------------------------------------------------

@router.get("/components")
async def list_components(staff: StaffSession, pool: PoolDep, page: PageParams, state: StateFilter = None,
                          domain: str | None = None, component_type: ComponentType | None = None,
                          q: Search = None) -> Page[ComponentSummary]:
    return await components.list_components(pool, staff, page, state=state, domain=domain,
                                            component_type=component_type, q=q)


@router.post("/components", status_code=status.HTTP_201_CREATED)
async def create_component(body: ComponentIn, staff: StaffSession, pool: PoolDep, client: ClientDep) -> ComponentOut:
    """A new draft; publish it when it is ready."""
    component_id = await components.create_component(pool, staff, client, body)
    return await components.get_component(pool, staff, component_id)


@router.get("/components/{component_id}")
async def get_component(component_id: uuid.UUID, staff: StaffSession, pool: PoolDep) -> ComponentOut:
    return await components.get_component(pool, staff, component_id)


@router.put("/components/{component_id}")
async def replace_component(component_id: uuid.UUID, body: ComponentIn, staff: StaffSession, pool: PoolDep,
                            client: ClientDep) -> ComponentOut:
    await components.replace_component(pool, staff, client, component_id, body)
    return await components.get_component(pool, staff, component_id)


@router.post("/components/{component_id}/{move}")
async def move_component(component_id: uuid.UUID, move: Move, staff: StaffSession, pool: PoolDep,
                         client: ClientDep) -> ComponentOut:
    """Publish, unpublish or restore (a restored component is a draft); doing it twice changes nothing."""
    await change_state(pool, staff, client, components.COMPONENT, resource_id=component_id, action=move)
    return await components.get_component(pool, staff, component_id)


@router.delete("/components/{component_id}", status_code=NO_CONTENT)
async def delete_component(component_id: uuid.UUID, staff: StaffSession, pool: PoolDep, client: ClientDep) -> Response:
    """Soft delete: learners' history keeps pointing at the row; POST .../restore brings it back."""
    await change_state(pool, staff, client, components.COMPONENT, resource_id=component_id, action="delete")
    return Response(status_code=NO_CONTENT)


# --- questions ---------------------------------------------------------------------------------

@router.get("/questions")
async def list_questions(staff: StaffSession, pool: PoolDep, page: PageParams, state: StateFilter = None,
                         domain: str | None = None, question_type: str | None = None, objective: str | None = None,
                         q: Search = None) -> Page[QuestionSummary]:
    return await questions.list_questions(pool, staff, page, state=state, domain=domain,
                                          question_type=question_type, objective=objective, q=q)


@router.post("/questions", status_code=status.HTTP_201_CREATED)
async def create_question(body: Question, staff: StaffSession, pool: PoolDep, client: ClientDep,
                          exam_code: ExamCode = "N10-009") -> QuestionOut:
    """A new draft question in the shape of content/FORMAT.md; its answer must match its options."""
    question_id = await questions.create_question(pool, staff, client, body, exam_code)
    return await questions.get_question(pool, staff, question_id)


@router.get("/questions/{question_id}")
async def get_question(question_id: uuid.UUID, staff: StaffSession, pool: PoolDep) -> QuestionOut:
    return await questions.get_question(pool, staff, question_id)


@router.put("/questions/{question_id}")
async def replace_question(question_id: uuid.UUID, body: Question, staff: StaffSession, pool: PoolDep,
                           client: ClientDep) -> QuestionOut:
    await questions.replace_question(pool, staff, client, question_id, body)
    return await questions.get_question(pool, staff, question_id)


@router.post("/questions/{question_id}/{move}")
async def move_question(question_id: uuid.UUID, move: Move, staff: StaffSession, pool: PoolDep,
                        client: ClientDep) -> QuestionOut:
    """Publish, unpublish (refused while a published assessment uses it) or restore (as a draft)."""
    await change_state(pool, staff, client, questions.QUESTION, resource_id=question_id, action=move)
    return await questions.get_question(pool, staff, question_id)


@router.delete("/questions/{question_id}", status_code=NO_CONTENT)
async def delete_question(question_id: uuid.UUID, staff: StaffSession, pool: PoolDep, client: ClientDep) -> Response:
    """Soft delete, refused while an assessment lists the question."""
    await change_state(pool, staff, client, questions.QUESTION, resource_id=question_id, action="delete")
    return Response(status_code=NO_CONTENT)


# --- assessments -------------------------------------------------------------------------------

@router.get("/assessments")
async def list_assessments(staff: StaffSession, pool: PoolDep, page: PageParams, state: StateFilter = None,
                           assessment_type: AssessmentType | None = None,
                           q: Search = None) -> Page[AssessmentSummary]:
    return await assessments.list_assessments(pool, staff, page, state=state, assessment_type=assessment_type, q=q)


@router.post("/assessments", status_code=status.HTTP_201_CREATED)
async def create_assessment(body: AssessmentIn, staff: StaffSession, pool: PoolDep,
                            client: ClientDep) -> AssessmentOut:
    """A new draft; every question must exist and be published."""
    assessment_id = await assessments.create_assessment(pool, staff, client, body)
    return await assessments.get_assessment(pool, staff, assessment_id)


@router.get("/assessments/{assessment_id}")
async def get_assessment(assessment_id: uuid.UUID, staff: StaffSession, pool: PoolDep) -> AssessmentOut:
    return await assessments.get_assessment(pool, staff, assessment_id)


@router.put("/assessments/{assessment_id}")
async def replace_assessment(assessment_id: uuid.UUID, body: AssessmentIn, staff: StaffSession, pool: PoolDep,
                             client: ClientDep) -> AssessmentOut:
    await assessments.replace_assessment(pool, staff, client, assessment_id, body)
    return await assessments.get_assessment(pool, staff, assessment_id)


@router.post("/assessments/{assessment_id}/{move}")
async def move_assessment(assessment_id: uuid.UUID, move: Move, staff: StaffSession, pool: PoolDep,
                          client: ClientDep) -> AssessmentOut:
    """Publish (needs at least one question, every one published), unpublish, or restore (as a draft)."""
    await change_state(pool, staff, client, assessments.ASSESSMENT, resource_id=assessment_id, action=move)
    return await assessments.get_assessment(pool, staff, assessment_id)


@router.delete("/assessments/{assessment_id}", status_code=NO_CONTENT)
async def delete_assessment(assessment_id: uuid.UUID, staff: StaffSession, pool: PoolDep,
                            client: ClientDep) -> Response:
    """Soft delete: attempts keep pointing at it."""
    await change_state(pool, staff, client, assessments.ASSESSMENT, resource_id=assessment_id, action="delete")
    return Response(status_code=NO_CONTENT)
