// The instructor's editors: Enter in a search box of a picker presses that picker's button, not the
// form's first button (which saves). Without this script, Enter saves, as in any form.
"use strict";

(function () {
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) return;
    const input = event.target.closest && event.target.closest("input[data-enter-presses]");
    if (!input) return;
    const button = document.getElementById(input.dataset.enterPresses);
    if (!button) return;
    event.preventDefault();
    button.click();
  });
})();
