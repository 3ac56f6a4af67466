"""Reading HTML forms into the service's Pydantic models, and their errors back onto the fields.

A form that fails is shown again with what was typed and each error beside its field; nothing is
saved until every field is right (the models are the same ones the API validates with).
"""

from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from netplus.core.problems import Problem

M = TypeVar("M", bound=BaseModel)
FieldErrors = dict[str, str]


async def form_values(request: Request) -> dict[str, Any]:
    """The submitted fields; a field sent several times (checkboxes, multi-selects) becomes a list."""
    form = await request.form()
    values: dict[str, Any] = {}
    for key in form:
        if key == "csrf_token":
            continue
        items = [v for v in form.getlist(key) if isinstance(v, str)]
        values[key] = items if len(items) > 1 else (items[0] if items else "")
    return values


def validation_errors(exc: ValidationError, messages: dict[str, str] | None = None) -> FieldErrors:
    """Pydantic's errors by field; `messages` replaces the terse ones ("should match pattern ...") per field."""
    errors: FieldErrors = {}
    for error in exc.errors():
        name = ".".join(str(p) for p in error["loc"]) or "form"
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "missing" or (error["type"] == "string_too_short" and error.get("input") == ""):
            message = "This field is required."
        elif messages and name in messages:
            message = messages[name]
        errors.setdefault(name, message[0].upper() + message[1:] if message else "Invalid value.")
    return errors


def problem_errors(problem: Problem, default_field: str = "form") -> FieldErrors:
    """A service's refusal, per field when it names them, else as a message for the whole form."""
    errors: FieldErrors = {}
    for error in problem.errors:
        errors.setdefault(error.get("field") or default_field, error.get("message") or problem.detail or "")
    if not errors:
        errors[default_field] = problem.detail or problem.title
    return errors


def parse(model: type[M], data: dict[str, Any], messages: dict[str, str] | None = None,
          ) -> tuple[M | None, FieldErrors]:
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        return None, validation_errors(exc, messages)


def only(values: dict[str, Any], *names: str) -> dict[str, Any]:
    """The named fields (missing ones as empty): the service models refuse fields they do not know."""
    return {name: values.get(name, "") for name in names}


def checkbox(values: dict[str, Any], name: str) -> bool:
    """An HTML checkbox sends its value when ticked and nothing at all when not."""
    return name in values and values[name] not in ("", "false", "off", "0")


def as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]
