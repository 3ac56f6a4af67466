// NetPlus pages: small behaviours that htmx does not cover. No inline script exists anywhere (the
// Content-Security-Policy forbids it), so everything is wired here from data- attributes.
"use strict";

(function () {
  // <form data-confirm="Really?"> and <button data-confirm>: ask before a destructive action.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    const submitter = event.submitter;
    const message = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // <button data-toggle="id">: shows or hides the element with that id, keeping aria-expanded true.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-toggle]");
    if (!button) return;
    const target = document.getElementById(button.dataset.toggle);
    if (!target) return;
    const open = target.hidden;
    target.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open && button.dataset.focus) {
      const focusTarget = document.getElementById(button.dataset.focus);
      if (focusTarget) focusTarget.focus();
    }
  });

  // A countdown to a deadline the server set: <time data-deadline="ISO" data-server-now="ISO">.
  // The server's clock is the reference, so a wrong clock on the device does not change the time left,
  // and a reload shows the same time left because the deadline comes from the server each time.
  function startCountdown(el) {
    const deadline = Date.parse(el.dataset.deadline);
    const skew = Date.parse(el.dataset.serverNow) - Date.now();
    const announcer = document.getElementById(el.dataset.announce || "");
    const announced = new Set();
    function tick() {
      const left = Math.max(0, Math.round((deadline - (Date.now() + skew)) / 1000));
      const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      el.textContent = (h ? h + ":" + String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
      el.dateTime = "PT" + left + "S";
      el.classList.toggle("low", left <= 300);
      for (const mark of [600, 300, 60]) {
        if (left <= mark && left > mark - 5 && !announced.has(mark) && announcer) {
          announced.add(mark);
          announcer.textContent = Math.round(mark / 60) + (mark === 60 ? " minute" : " minutes") + " left.";
        }
      }
      if (left === 0) {
        clearInterval(timer);
        const form = document.getElementById(el.dataset.expireForm || "");
        if (form) form.requestSubmit(); else window.location.reload();
      }
    }
    const timer = setInterval(tick, 1000);
    tick();
  }

  function init(root) {
    root.querySelectorAll("time[data-deadline]:not([data-started])").forEach(function (el) {
      el.dataset.started = "1";
      startCountdown(el);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
