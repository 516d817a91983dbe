/* Small conveniences on every page (notices, filter history, auto-submitting selects);
   the review page's keys are in static/keys.js. Everything also works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Keyboard triage, the current row and scrolling to a row: static/keys.js (review page).

  document.addEventListener("htmx:afterSettle", function () {
    var message = document.getElementById("status-message");
    // A refused action's reason stays until closed or the next action; other messages fade.
    if (message && message.textContent.trim() && !message.querySelector("[role=alert]")) {
      window.setTimeout(function () { message.textContent = ""; }, 4000);
    }
  });

  // htmx's history snapshot is the DOM's HTML: write what the filter form shows into its
  // attributes first, and after Back make the pills agree with the URL being shown.
  document.addEventListener("htmx:beforeHistorySave", function () {
    document.querySelectorAll("#filters input").forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { input.setAttribute("checked", ""); } else { input.removeAttribute("checked"); }
      } else {
        input.setAttribute("value", input.value);
      }
    });
    document.querySelectorAll("#filters select option").forEach(function (option) {
      if (option.selected) { option.setAttribute("selected", ""); } else { option.removeAttribute("selected"); }
    });
  });

  document.addEventListener("htmx:historyRestore", function () {
    var wanted = new URLSearchParams(window.location.search).get("filter") || "all";
    document.querySelectorAll("#filters input[name=filter]").forEach(function (input) {
      input.checked = input.value === wanted;
    });
    var shown = new URLSearchParams(window.location.search);
    document.querySelectorAll("#filters select[name^=signal]").forEach(function (select) {
      select.value = shown.get(select.name) || "";
    });
  });

  document.addEventListener("htmx:beforeRequest", function () {
    var message = document.getElementById("status-message");
    if (message && message.querySelector("[role=alert]")) { message.textContent = ""; }
  });

  document.addEventListener("click", function (event) {
    var close = event.target.closest && event.target.closest("[data-dismiss-notice]");
    if (close) {
      var message = document.getElementById("status-message");
      if (message) { message.textContent = ""; }
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-autosubmit]")) {
      event.target.form.submit();
    }
  });
})();
