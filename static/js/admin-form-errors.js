/*
 * A form the server sent back with mistakes: focus moves to the first field in error (opening
 * its folded section; for an autocomplete, its search box), or to the error message when the
 * mistake is not one field's, so keyboard and screen reader users start where the problem is
 * rather than at the top of the page. Runs once the page has loaded, after the admin's own
 * scripts (which focus the first field of an empty "add" form and build the autocompletes).
 */
"use strict";

function focusFirstMistake() {
  const main = document.getElementById("content-main");
  const note = main && main.querySelector(".errornote");
  let target = main && main.querySelector("form [aria-invalid='true']");
  if (target) {
    const folded = target.closest("details");
    if (folded) {
      folded.open = true;
    }
    // An autocomplete's <select> is hidden behind the box the user works with.
    const box = target.classList.contains("select2-hidden-accessible") && target.nextElementSibling;
    if (box && box.querySelector(".select2-selection")) {
      target = box.querySelector(".select2-selection");
    }
    if (target.getClientRects().length === 0) {
      target = null;
    }
  }
  if (!target && note) {
    target = note;
    note.setAttribute("tabindex", "-1");
  }
  if (target) {
    target.focus();
  }
}

window.addEventListener("load", () => {
  // The admin builds its autocompletes when jQuery is ready, which may come after "load":
  // queued behind that, the autocomplete's box exists by the time it is looked for.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(focusFirstMistake);
  } else {
    focusFirstMistake();
  }
});
