/*
 * The review queue's speaker boxes are autocompletes (select2), which announce a new choice
 * through jQuery only. Django's actions script listens for the browser's own "change" event to
 * warn before an action drops unsaved edits in the list: without this, choosing a speaker and
 * then running "Accept" accepted the quote without that speaker, and said nothing.
 */
"use strict";

window.addEventListener("load", () => {
  if (!(window.django && window.django.jQuery)) {
    return;
  }
  window.django.jQuery("#result_list").on("select2:select select2:unselect select2:clear", "select", (event) => {
    event.target.dispatchEvent(new Event("change", { bubbles: true }));
  });
});
