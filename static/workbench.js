/* Keyboard navigation for the review page (j/k move, a accept, f flag, u undo, / search)
   and small conveniences; everything also works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var currentId = null;

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("article.row")); }

  function current() {
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("article.row") : null;
    return active || (currentId && document.getElementById(currentId)) || null;
  }

  function select(row, focusIt) {
    rows().forEach(function (r) { r.classList.remove("current"); });
    if (!row) { return; }
    row.classList.add("current");
    currentId = row.id;
    if (focusIt !== false) { row.focus({ preventScroll: true }); }
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var index = all.indexOf(current());
    var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + step));
    select(all[next]);
  }

  function clickIn(row, selector) {
    var target = row && row.querySelector(selector);
    if (target && !target.disabled) { target.click(); return true; }
    return false;
  }

  function typing(event) {
    var el = event.target;
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) { return; }
    var row = current();
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": if (!clickIn(row, "[data-key=accept]")) { return; } break;
      case "f":
        if (!row) { return; }
        var details = row.querySelector("details.flag-form");
        if (!details) { return; }
        details.open = true;
        var field = details.querySelector("select, textarea");
        if (field) { field.focus(); }
        break;
      case "u": if (!clickIn(document, "#undo-button")) { return; } break;
      case "/":
        var search = document.getElementById("search");
        if (!search) { return; }
        search.focus();
        break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("article.row");
    if (row) { select(row, false); }
  });

  document.addEventListener("htmx:afterSettle", function () {
    var pane = document.querySelector("[data-focus-row]");
    var wanted = pane ? pane.getAttribute("data-focus-row") : currentId;
    if (pane) { pane.removeAttribute("data-focus-row"); }
    var row = wanted && document.getElementById(wanted);
    if (row && (pane || !document.activeElement || document.activeElement === document.body)) {
      select(row);
    }
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
  });

  document.addEventListener("htmx:historyRestore", function () {
    var wanted = new URLSearchParams(window.location.search).get("filter") || "all";
    document.querySelectorAll("#filters input[name=filter]").forEach(function (input) {
      input.checked = input.value === wanted;
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

  document.addEventListener("DOMContentLoaded", function () {
    var fromHash = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (fromHash && fromHash.matches("article.row")) { select(fromHash); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-autosubmit]")) {
      event.target.form.submit();
    }
  });
})();
