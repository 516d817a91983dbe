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

  // Idempotency-Key: one key per user action. The same action sent again before any answer
  // came back (a timeout, a dropped connection, a second click) reuses the key, so the
  // server answers it once and replays that answer instead of writing twice.
  var pendingKeys = {};

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function actionOf(detail) {
    var params = detail.parameters;
    var fields = [];
    if (params && typeof params.forEach === "function") {
      params.forEach(function (value, name) { fields.push(name + "=" + value); });
    } else if (params) {
      Object.keys(params).forEach(function (name) { fields.push(name + "=" + params[name]); });
    }
    return detail.verb + " " + detail.path + "?" + fields.sort().join("&");
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (!detail.verb || detail.verb.toLowerCase() === "get") { return; }
    var action = actionOf(detail);
    var key = pendingKeys[action] || newKey();
    pendingKeys[action] = key;
    detail.headers["Idempotency-Key"] = key;
    if (detail.elt) { detail.elt.setAttribute("data-idempotency-action", action); }
  });

  // A busy server (503) aims its notice at the page's notice area (HX-Retarget): show it.
  // Other 503 answers (the start-up page) are not swapped into a part of the page.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.status === 503 && xhr.getResponseHeader("HX-Retarget")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var xhr = event.detail.xhr;
    var action = elt && elt.getAttribute("data-idempotency-action");
    if (action && xhr && xhr.status > 0) { delete pendingKeys[action]; }  // answered
  });
})();
