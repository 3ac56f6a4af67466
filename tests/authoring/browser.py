"""Reading a page's form as a browser would submit it, so tests can change a few fields and post the rest."""

from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

from tests.web.pages import post_form

Fields = dict[str, list[str]]


class FormReader(HTMLParser):
    """The successful controls of the form with `form_id`: inputs, ticked boxes, selected options, textareas."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.fields: Fields = {}
        self.select: tuple[str, bool] | None = None  # name, multiple
        self.select_first: str | None = None
        self.select_chosen = False
        self.textarea: str | None = None
        self.text = ""
        self.in_option = False
        self.option_value: str | None = None
        self.option_selected = False
        self.option_text = ""

    def add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.add(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "reset"):
                self.add(name, a.get("value", ""))
        elif tag == "select" and name:
            self.select, self.select_first, self.select_chosen = (name, "multiple" in a), None, False
        elif tag == "option" and self.select:
            self.in_option, self.option_text = True, ""
            self.option_value = dict(attrs).get("value")
            self.option_selected = "selected" in a
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text += data
        if self.in_option:
            self.option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "option" and self.select:
            value = self.option_value if self.option_value is not None else self.option_text.strip()
            if self.select_first is None:
                self.select_first = value
            if self.option_selected and (self.select[1] or not self.select_chosen):
                self.add(self.select[0], value)
                self.select_chosen = True
            self.in_option = False
        elif tag == "select" and self.select:
            if not self.select_chosen and not self.select[1] and self.select_first is not None:
                self.add(self.select[0], self.select_first)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.add(self.textarea, self.text.removeprefix("\n"))
            self.textarea = None


def read_form(html: str, form_id: str) -> Fields:
    reader = FormReader(form_id)
    reader.feed(html)
    assert reader.fields, f"no form #{form_id} on the page"
    return reader.fields


def submit(client: TestClient, url: str, fields: Fields, changes: dict[str, Any] | None = None, *,
           action: str = "save") -> Response:
    """Post the form with `changes` applied (a value of None removes the field) and the button `action`."""
    data: dict[str, Any] = dict(fields)
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return post_form(client, url, data | {"action": action})


def resubmit(client: TestClient, url: str, response: Response, form_id: str, changes: dict[str, Any] | None = None,
             *, action: str = "save") -> Response:
    """Post the form of the page `response` showed, as a browser would after the changes."""
    return submit(client, url, read_form(response.text, form_id), changes, action=action)
