/*
 * Person suggestions for the quote filters, as progressive enhancement.
 *
 * A form with data-person-suggest="<url>" gets a <datalist> on its person input, filled
 * from that JSON endpoint ({"results": [{"slug", "name", "description"}]}) as the reader
 * types. Picking a suggestion puts the person's slug in the field, which the filter reads
 * exactly; without this script the field still takes a typed name or slug.
 */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_LENGTH = 2;

  function enhance(form) {
    var url = form.getAttribute("data-person-suggest");
    var input = form.querySelector('input[name="person"]');
    if (!url || !input || !window.fetch) {
      return;
    }

    var list = document.createElement("datalist");
    list.id = (input.id || "person") + "-suggestions";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");

    var timer = null;
    var controller = null;
    var lastQuery = "";

    function fill(people) {
      list.replaceChildren();
      people.forEach(function (person) {
        var option = document.createElement("option");
        option.value = person.slug;
        option.label = person.description ? person.name + " — " + person.description : person.name;
        option.textContent = option.label;
        list.appendChild(option);
      });
    }

    function fetchSuggestions(query) {
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var address = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(address, {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          fill(data.results || []);
        })
        .catch(function () {
          /* Aborted or offline: the field still works as plain text. */
        });
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      window.clearTimeout(timer);
      if (query.length < MIN_LENGTH) {
        fill([]);
        return;
      }
      timer = window.setTimeout(function () {
        fetchSuggestions(query);
      }, DELAY_MS);
    });
  }

  function init() {
    document.querySelectorAll("form[data-person-suggest]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
