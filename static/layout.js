/* Orientation and density on the review page: the compact view (remembered in this browser),
   adjustable version-column widths (remembered per comparison) and the height of the sticky
   bar, which the column headers and scrolling to a row need. Loaded in <head>, not deferred,
   so that a remembered compact view is applied before the first paint; the page works
   without it (wide columns, normal density). */
(function () {
  "use strict";
  var root = document.documentElement;
  var COMPACT_KEY = "workbench.compact";
  var MIN_WEIGHT = 0.3, MAX_WEIGHT = 3;

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  root.classList.add("js");
  if (stored(COMPACT_KEY) === "1") { root.classList.add("compact"); }

  function sticky() { return document.getElementById("review-sticky"); }

  function widthsKey() {
    var bar = sticky();
    return bar ? "workbench.widths." + bar.getAttribute("data-comparison-id") : null;
  }

  function labels() {
    return Array.prototype.map.call(document.querySelectorAll(".grid-head [data-label]"),
      function (span) { return span.getAttribute("data-label"); });
  }

  function readWidths() {
    var key = widthsKey(), raw = key && stored(key);
    try { return raw ? JSON.parse(raw) : {}; } catch (e) { return {}; }
  }

  function clamp(value) { return Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, value)); }

  /* Version columns as fr weights in chain order: a CSS variable on <html>, so that it
     survives every htmx swap of the rows pane. */
  function applyWidths(widths) {
    var names = labels();
    if (!names.length) { return; }
    var custom = names.some(function (name) { return widths[name] && widths[name] !== 1; });
    if (custom) {
      root.style.setProperty("--version-cols", names.map(function (name) {
        return "minmax(0, " + clamp(widths[name] || 1).toFixed(2) + "fr)";
      }).join(" "));
    } else {
      root.style.removeProperty("--version-cols");
    }
    document.querySelectorAll("input[data-column]").forEach(function (input) {
      input.value = String(clamp(widths[input.getAttribute("data-column")] || 1));
    });
  }

  function saveWidths(widths) {
    var key = widthsKey();
    if (key) { store(key, JSON.stringify(widths)); }
    applyWidths(widths);
  }

  function measureSticky() {
    var bar = sticky();
    if (bar) { root.style.setProperty("--sticky-top", bar.offsetHeight + "px"); }
  }

  function showCompact() {
    var on = root.classList.contains("compact");
    var button = document.getElementById("compact-toggle");
    if (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); }
  }

  /* Drag handles between version columns in the header: the boundary follows the pointer. */
  function addHandles() {
    var head = document.querySelector(".grid-head");
    if (!head || head.querySelector(".col-resize")) { return; }
    var spans = head.querySelectorAll("[data-label]");
    for (var i = 0; i < spans.length - 1; i++) {
      var handle = document.createElement("span");
      handle.className = "col-resize";
      handle.setAttribute("data-index", String(i));
      spans[i].appendChild(handle);
    }
  }

  function startDrag(event) {
    var handle = event.target.closest && event.target.closest(".col-resize");
    if (!handle) { return; }
    event.preventDefault();
    var spans = document.querySelectorAll(".grid-head [data-label]");
    var index = Number(handle.getAttribute("data-index"));
    var names = labels();
    var px = Array.prototype.map.call(spans, function (s) { return s.getBoundingClientRect().width; });
    var sum = px.reduce(function (a, b) { return a + b; }, 0) || 1;
    var startX = event.clientX;
    var widths = {};
    function onMove(move) {
      var shift = Math.max(40, px[index] + move.clientX - startX) - px[index];
      if (px[index + 1] - shift < 40) { return; }
      names.forEach(function (name, k) {
        var width = px[k] + (k === index ? shift : (k === index + 1 ? -shift : 0));
        widths[name] = clamp(width / sum * names.length);
      });
      applyWidths(widths);
    }
    function onUp() {
      document.removeEventListener("pointermove", onMove);
      document.removeEventListener("pointerup", onUp);
      root.classList.remove("resizing");
      if (Object.keys(widths).length) { saveWidths(widths); }
    }
    root.classList.add("resizing");
    document.addEventListener("pointermove", onMove);
    document.addEventListener("pointerup", onUp);
  }

  function refresh() {
    addHandles();
    applyWidths(readWidths());
    measureSticky();
    showCompact();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!sticky()) { return; }
    refresh();
    if (window.ResizeObserver) { new ResizeObserver(measureSticky).observe(sticky()); }
    window.addEventListener("resize", measureSticky);
    document.addEventListener("pointerdown", startDrag);
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (target.closest && target.closest("#compact-toggle")) {
        var on = root.classList.toggle("compact");
        store(COMPACT_KEY, on ? "1" : null);
        showCompact();
        measureSticky();
      } else if (target.closest && target.closest("#reset-widths")) {
        saveWidths({});
      }
      var panel = document.querySelector("details.column-widths[open]");
      if (panel && !panel.contains(target)) { panel.open = false; }  // a popover: close outside
    });
    document.addEventListener("input", function (event) {
      var input = event.target;
      if (!input.matches || !input.matches("input[data-column]")) { return; }
      var widths = readWidths();
      widths[input.getAttribute("data-column")] = Number(input.value);
      saveWidths(widths);
    });
  });

  document.addEventListener("htmx:afterSettle", refresh);
  document.addEventListener("htmx:historyRestore", refresh);

  /* A row reached with "go to row" shows all rows: the search box must not claim otherwise. */
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail && event.detail.elt;
    if (form && form.matches && form.matches("form.goto-row") && event.detail.xhr && event.detail.xhr.status < 300) {
      var search = document.getElementById("search");
      if (search) { search.value = ""; }
    }
  });
})();
