/* Keyboard triage on the review page (partials/_key_help.html lists the keys).
   j/k, n/p (flagged) and x/X (critical) move within the page when they can and otherwise ask
   the server for the page that holds the next row (review.jump), so they cross pages; a row
   reached is focused and scrolled into view below the sticky bar. The search term is marked
   in the rows. Everything here is a convenience: the page works without it. */
(function () {
  "use strict";

  var currentId = null;

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("article.row")); }

  function strings() { return document.getElementById("key-strings"); }

  function current() {
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("article.row") : null;
    return active || (currentId && document.getElementById(currentId)) || null;
  }

  /* The bottom edge of whatever stays stuck at the top (toolbar, filters, column headers). */
  function stickyBottom() {
    var bottom = 0;
    document.querySelectorAll("#review-sticky, .review-sticky, .filters, .grid-head, .toolbar")
      .forEach(function (el) {
        var style = window.getComputedStyle(el);
        if (style.position !== "sticky" && style.position !== "fixed") { return; }
        if (style.top === "auto") { return; }
        bottom = Math.max(bottom, (parseFloat(style.top) || 0) + el.offsetHeight);
      });
    return bottom;
  }

  /* Scroll ``row`` into view below the sticky bar: at the top when ``toTop``, else nearest. */
  function reveal(row, toTop) {
    var top = stickyBottom() + 6;
    var bottom = window.innerHeight - 6;
    var rect = row.getBoundingClientRect();
    if (!toTop && rect.top >= top && rect.bottom <= bottom) { return; }
    var delta = (toTop || rect.top < top || rect.height > bottom - top)
      ? rect.top - top : rect.bottom - bottom;
    window.scrollBy({ top: delta, left: 0, behavior: "instant" });
  }

  function select(row, options) {
    options = options || {};
    rows().forEach(function (r) { r.classList.remove("current"); });
    if (!row) { return; }
    row.classList.add("current");
    currentId = row.id;
    if (options.focus !== false) { row.focus({ preventScroll: true }); }
    if (options.scroll !== false) { reveal(row, options.top); }
  }

  function say(text) {
    var message = document.getElementById("status-message");
    if (!message || !text) { return; }
    message.textContent = text;
    fade();
  }

  function fade() {
    var message = document.getElementById("status-message");
    if (!message || message.querySelector("[role=alert]")) { return; }
    var shown = message.textContent;
    window.setTimeout(function () {
      if (message.textContent === shown) { message.textContent = ""; }
    }, 4000);
  }

  /* Ask the server for the page holding the next (previous) row of kind ``to`` after ``from``. */
  function jump(to, forward, from) {
    var holder = strings();
    if (!holder || !window.htmx) { return null; }
    var params = new URLSearchParams(window.location.search);
    ["offset", "to", "dir", "after"].forEach(function (name) { params.delete(name); });
    params.set("to", to);
    params.set("dir", forward ? "next" : "prev");
    if (from && from.hasAttribute("data-pos")) { params.set("after", from.getAttribute("data-pos")); }
    var url = holder.getAttribute("data-jump-url") + "?" + params.toString();
    return window.htmx.ajax("GET", url, { target: "#rows-pane", swap: "innerHTML" }).then(fade);
  }

  function matches(row, to) {
    if (to === "flagged") { return row.hasAttribute("data-flagged"); }
    if (to === "critical") { return row.getAttribute("data-worst") === "critical"; }
    return true;
  }

  /* The next row of a kind on this page, else on the next page that has one. */
  function go(to, forward, from) {
    var all = rows();
    if (!all.length) { return jump(to, forward, null); }
    var start = from || current();
    var index = start ? all.indexOf(document.getElementById(start.id)) : -1;
    if (index < 0) { index = forward ? -1 : all.length; }
    for (var i = index + (forward ? 1 : -1); i >= 0 && i < all.length; i += forward ? 1 : -1) {
      if (matches(all[i], to)) { select(all[i]); return null; }
    }
    return jump(to, forward, all[forward ? all.length - 1 : 0]);
  }

  /* Accept the current row and move on at once; at the end of a page, once it is saved. */
  function accept(row) {
    var button = row.querySelector("[data-key=accept]");
    if (!button || !window.htmx) {
      if (!button) { go("row", true, row); }  // accepted already: just move on
      return;
    }
    var form = button.form;
    var saved = window.htmx.ajax("POST", form.getAttribute("action"),
      { source: form, target: "#" + row.id, swap: "outerHTML" });
    var all = rows();
    var next = all[all.indexOf(row) + 1];
    if (next) {
      select(next);
    } else {
      saved.then(function () { go("row", true, document.getElementById(row.id)); });
    }
  }

  function openForm(row, selector, field) {
    var details = row.querySelector(selector);
    if (!details) { return false; }
    details.open = true;
    var input = details.querySelector(field);
    if (input) { input.focus(); }
    return true;
  }

  function clickIn(scope, selector) {
    var target = scope && scope.querySelector(selector);
    if (target && !target.disabled) { target.click(); return true; }
    return false;
  }

  function typing(event) {
    var el = event.target;
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  /* The key as on a Latin layout: j is j also when a Russian layout is active. */
  function keyOf(event) {
    var key = event.key || "";
    if (key.length === 1 && /[^\x00-\x7f]/.test(key) && /^Key[A-Z]$/.test(event.code || "")) {
      var letter = event.code.slice(3).toLowerCase();
      return event.shiftKey ? letter.toUpperCase() : letter;
    }
    return key;
  }

  function help() { return document.getElementById("key-help"); }

  function openHelp() {
    var dialog = help();
    if (dialog && !dialog.open) { dialog.showModal(); }
  }

  /* Ctrl+Enter saves a row's open form; Esc closes it and goes back to the row. */
  function formKeys(event) {
    var form = event.target.closest && event.target.closest("article.row form");
    if (!form) { return false; }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
      return true;
    }
    if (event.key === "Escape") {
      var details = form.closest("details");
      if (details) { details.open = false; }
      select(form.closest("article.row"), { scroll: false });
      event.preventDefault();
      return true;
    }
    return false;
  }

  var needsRow = { a: 1, f: 1, c: 1, m: 1, s: 1, S: 1 };

  document.addEventListener("keydown", function (event) {
    if (formKeys(event)) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) { return; }
    var key = keyOf(event);
    var dialog = help();
    if (dialog && dialog.open) { return; }  // the dialog closes with Esc or its button
    if (!document.getElementById("rows-pane")) { return; }
    var row = current();
    if (needsRow[key] && !row) {
      var holder = strings();
      say(holder && holder.getAttribute("data-no-row"));
      event.preventDefault();
      return;
    }
    switch (key) {
      case "j": go("row", true); break;
      case "k": go("row", false); break;
      case "n": go("flagged", true); break;
      case "p": go("flagged", false); break;
      case "x": go("critical", true); break;
      case "X": go("critical", false); break;
      case "a": accept(row); break;
      case "f": openForm(row, "details.flag-form", "select, textarea"); break;
      case "c": openForm(row, "details.comment-form", "textarea"); break;
      case "m": clickIn(row, "[data-key=merge]"); break;
      case "s":
        if (!clickIn(row, "[data-key=split]")) {
          var texts = strings();
          say(texts && texts.getAttribute("data-no-split"));
        }
        break;
      case "S": openForm(row, "details.align-form", "select, [data-key=merge]"); break;
      case "u": if (!clickIn(document, "#undo-button")) { return; } break;
      case "U": if (!clickIn(document, "#redo-button")) { return; } break;
      case "/":
        var search = document.getElementById("search");
        if (!search) { return; }
        search.focus();
        break;
      case "?": openHelp(); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#key-help-open")) { openHelp(); return; }
    var row = event.target.closest && event.target.closest("article.row");
    if (row) { select(row, { focus: false, scroll: false }); }
  });

  document.addEventListener("close", function (event) {
    if (event.target === help()) {
      var row = current();
      if (row) { row.focus({ preventScroll: true }); }
    }
  }, true);

  /* The search term, marked in the rows' texts (inside drift marks too). */
  function markSearch() {
    var holder = document.getElementById("rows");
    var needle = holder ? (holder.getAttribute("data-search") || "").trim().toLowerCase() : "";
    if (!needle) { return; }
    holder.querySelectorAll(".cell:not([data-searched])").forEach(function (cell) {
      cell.setAttribute("data-searched", "");
      var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) { nodes.push(walker.currentNode); }
      nodes.forEach(function (node) {
        var text = node.nodeValue, lower = text.toLowerCase(), at = lower.indexOf(needle);
        if (at < 0) { return; }
        var pieces = document.createDocumentFragment(), cursor = 0;
        while (at >= 0) {
          pieces.appendChild(document.createTextNode(text.slice(cursor, at)));
          var mark = document.createElement("mark");
          mark.className = "search-hit";
          mark.textContent = text.slice(at, at + needle.length);
          pieces.appendChild(mark);
          cursor = at + needle.length;
          at = lower.indexOf(needle, cursor);
        }
        pieces.appendChild(document.createTextNode(text.slice(cursor)));
        node.parentNode.replaceChild(pieces, node);
      });
    });
  }

  /* After a swap: the row the server named (a jump, merge, split) is focused at the top;
     otherwise the current row keeps the focus it lost when it was re-rendered. */
  document.addEventListener("htmx:afterSettle", function () {
    var holder = document.querySelector("[data-focus-row]");
    var wanted = holder ? holder.getAttribute("data-focus-row") : currentId;
    if (holder) { holder.removeAttribute("data-focus-row"); }
    var row = wanted && document.getElementById(wanted);
    if (row && holder) {
      select(row, { top: true });
    } else if (row && (!document.activeElement || document.activeElement === document.body)) {
      select(row, { scroll: false });
    }
    markSearch();
  });

  function fromHash() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target && target.matches("article.row")) { select(target, { top: true }); }
  }

  document.addEventListener("DOMContentLoaded", function () { markSearch(); fromHash(); });
  window.addEventListener("load", fromHash);  // fonts and layout settled: place it again
})();
