"""YAML with line numbers: validation errors point at the line of the offending item or key."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from netplus.content.problems import Problem


class LocatedYaml:
    """A parsed YAML document and its node tree, to find the line of any path into it."""

    def __init__(self, text: str, file: Path, *, line_offset: int = 0) -> None:
        self.file = file
        self.line_offset = line_offset  # lines before `text` in the file (a Markdown front matter)
        self.node = yaml.compose(text, Loader=yaml.SafeLoader)
        self.data: Any = yaml.safe_load(text)

    def line_of(self, path: Sequence[str | int]) -> int:
        """1-based line in the file of the deepest node along `path` that exists."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else 1
        line += self.line_offset
        for step in path:
            child = None
            if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                child = node.value[step]
            elif isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == step), None)
            if child is None:
                break
            node, line = child, child.start_mark.line + 1 + self.line_offset
        return line

    def problems_from(self, error: ValidationError, prefix: Sequence[str | int] = ()) -> list[Problem]:
        found = []
        for e in error.errors():
            loc = [*prefix, *(part for part in e["loc"] if isinstance(part, str | int))]
            # discriminated unions put the type name in loc; it is not a key of the document
            path = [p for p in loc if not (isinstance(p, str) and p in DISCRIMINATOR_TAGS)]
            where = ".".join(str(p) for p in path) or "document"
            found.append(Problem(self.file, self.line_of(path), f"{where}: {e['msg']}"))
        return found


DISCRIMINATOR_TAGS = {"multiple_choice", "multiple_select", "true_false", "fill_blank", "matching", "simulation"}


def read_yaml(file: Path, problems: list[Problem]) -> LocatedYaml | None:
    try:
        return LocatedYaml(file.read_text(encoding="utf-8"), file)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(file, mark.line + 1 if mark else 1, f"not valid YAML: {exc}"))
    except OSError as exc:
        problems.append(Problem(file, 1, f"cannot read: {exc.strerror}"))
    return None


M = TypeVar("M", bound=BaseModel)


def validate_model(doc: LocatedYaml, model: type[M], value: Any, path: Sequence[str | int],
                                 problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        problems.extend(doc.problems_from(exc, path))
        return None
