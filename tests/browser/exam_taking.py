"""Answering a question of any type in the runner, the way a student does: with its own control."""

from playwright.sync_api import Page


def answer_current_question(page: Page, n: int) -> str:
    """Give some answer to question `n` (the one shown) with whatever control its type has; returns the type."""
    q = f"#q{n}-"
    if page.locator(f"{q}tf-true").count():
        page.locator(f"{q}tf-false").check()
        return "true_false"
    options = page.locator(f"[id^='q{n}-opt-']")
    if options.count():
        if options.first.get_attribute("type") == "radio":
            options.nth(1).check()
            return "multiple_choice"
        options.nth(0).check()
        options.nth(2).check()
        return "multiple_select"
    if page.locator(f"{q}answer").count():
        page.locator(f"{q}answer").fill("12")
        return "fill_blank"
    matches = page.locator(f"select[id^='q{n}-match-']")
    if matches.count():
        for i in range(matches.count()):
            matches.nth(i).select_option(index=(i % 3) + 1)
        return "matching"
    fields = page.locator(f"[id^='q{n}-field-']")
    for i in range(fields.count()):
        field = fields.nth(i)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(index=1)
        else:
            field.fill("172.16.40.0/25")
    order = page.locator("ol[data-order-list] li.order-item")
    if order.count():
        order.first.get_by_role("button", name="Down").click()  # moved by keyboard-usable buttons
    return "simulation"
