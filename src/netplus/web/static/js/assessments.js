// The assessment runner's behaviours beyond htmx: the navigator open on wide screens, answers saved after
// a pause in typing, and order fields whose items move up and down with buttons. Every page works
// without this file: the navigator opens by its summary, forms post, order fields have position selects.
"use strict";

(function () {
  const WIDE = window.matchMedia("(min-width: 60rem)");
  const TYPING_PAUSE_MS = 1200;

  function openNavigator(root) {
    root.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      if (WIDE.matches) details.open = true;
    });
  }

  // Text answers are saved once typing pauses, not only when the field loses focus: htmx listens for
  // the "autosave" event on the form (hx-trigger="change, autosave").
  const timers = new WeakMap();
  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "text") return;
    const form = input.closest("form[data-autosave]");
    if (!form) return;
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () {
      form.dispatchEvent(new Event("autosave", { bubbles: true }));
    }, TYPING_PAUSE_MS));
  });

  // Order fields: the buttons move an item; the hidden position selects follow the visible order, so the
  // form (and the htmx save it triggers with a change event) sends exactly what the student sees.
  function renumber(list) {
    const items = Array.from(list.querySelectorAll(".order-item"));
    items.forEach(function (item, index) {
      const select = item.querySelector("select[data-position]");
      if (select) select.value = String(index + 1);
      const up = item.querySelector('[data-move="up"]');
      const down = item.querySelector('[data-move="down"]');
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === items.length - 1;
    });
    return items;
  }

  function enhanceOrderLists(root) {
    root.querySelectorAll("ol[data-order-list]:not(.enhanced)").forEach(function (list) {
      list.classList.add("enhanced");
      list.querySelectorAll(".order-buttons").forEach(function (buttons) { buttons.hidden = false; });
      renumber(list);
    });
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-move]");
    if (!button) return;
    const item = button.closest(".order-item");
    const list = item && item.closest("ol[data-order-list]");
    if (!list) return;
    const up = button.dataset.move === "up";
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    if (up) list.insertBefore(item, sibling); else list.insertBefore(sibling, item);
    const items = renumber(list);
    const position = items.indexOf(item) + 1;
    list.querySelectorAll(".order-item.moved").forEach(function (el) { el.classList.remove("moved"); });
    item.classList.add("moved");
    // Keep the focus on the moved item's button; at either end, on the one that can still move it.
    const again = item.querySelector('[data-move="' + (up ? "up" : "down") + '"]');
    const other = item.querySelector('[data-move="' + (up ? "down" : "up") + '"]');
    (again && !again.disabled ? again : other).focus();
    const announcer = document.getElementById(list.dataset.announce || "");
    if (announcer) {
      announcer.textContent = "“" + item.dataset.item + "” moved to position " + position + " of " + items.length + ".";
    }
    const select = item.querySelector("select[data-position]");
    if (select) select.dispatchEvent(new Event("change", { bubbles: true }));
  });

  function init(root) {
    openNavigator(root);
    enhanceOrderLists(root);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
