// The catalog's viewers: small behaviours on top of forms that already work without script.
// Wired from data- attributes (the Content-Security-Policy forbids inline script).
"use strict";

(function () {
  // Flashcards: "Show answer" is a GET form that reloads the page with the answer shown; with script
  // the answer is shown in place and the focus moves to it, so a screen reader reads it next.
  document.addEventListener("submit", function (event) {
    const form = event.target.closest("form[data-reveal]");
    if (!form) return;
    const back = document.getElementById(form.dataset.reveal);
    const rate = document.getElementById(form.dataset.rate);
    if (!back || !rate) return;
    event.preventDefault();
    back.hidden = false;
    rate.hidden = false;
    back.closest("[data-flashcard]").classList.add("revealed");
    form.hidden = true;
    back.focus();
  });

  // Catalog filters: leave the empty ones (and the default order) out of the request, so the address
  // pushed into the history reads like the links the page itself writes (/catalog?type=lab).
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "catalog-filters") return;
    const data = event.detail.formData;
    Array.from(new Set(data.keys())).forEach(function (key) {
      const values = data.getAll(key);
      if (values.every(function (v) { return v === ""; }) || (key === "sort" && values[0] === "sort_order")) {
        data.delete(key);
      }
    });
  });

  // After htmx replaced a region (and restored the focus it could), put the focus somewhere useful
  // instead of losing it with the button that was pressed.
  document.addEventListener("htmx:afterSettle", function (event) {
    const target = event.detail.target;
    if (!target || !target.id) return;
    let focus = null;
    if (target.id === "deck") {
      focus = document.getElementById("show-answer") || target;
    } else if (target.id === "lab") {
      focus = target.querySelector(".is-wrong input, .is-wrong select") || target.querySelector(".lab-message");
      if (focus && focus.classList.contains("lab-message")) focus.tabIndex = -1;
    } else if (target.id === "results") {
      // a page link was followed: continue reading at the top of the new page, not at the old link
      const from = event.detail.requestConfig && event.detail.requestConfig.elt;
      if (from && from.closest(".pagination")) focus = document.getElementById("results-title");
    } else if (target.id.endsWith("-status")) {
      focus = target.querySelector(".section-done");
    }
    if (focus) focus.focus();
  });

  // Video chapters: a button per chapter moves the player to that time.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-seek]");
    if (!button) return;
    const video = document.getElementById(button.dataset.video);
    if (!video) return;
    video.currentTime = Number(button.dataset.seek) || 0;
    video.focus();
  });

  // The study session ends when the student leaves the page, so its minutes count as study time.
  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (error) {
      return "";
    }
  }
  let ended = false;
  window.addEventListener("pagehide", function () {
    const viewer = document.querySelector("[data-session-end]");
    if (!viewer || ended || !navigator.sendBeacon) return;
    ended = true;
    const data = new FormData();
    data.append("csrf_token", csrfToken());
    navigator.sendBeacon(viewer.dataset.sessionEnd, data);
  });
})();
