/* The edition's one script: interface language, view and reading switches, landing on
   a linked unit, card behaviour (mouse, keyboard, touch).
   Everything works without it except choosing the interface language, remembering the
   switches, highlighting a link's counterpart and closing cards with Escape; it loads
   nothing and talks to no server. */
(function () {
  "use strict";

  var html = document.documentElement;
  html.classList.add("js");
  // Switch name -> allowed values; the first is the default. Stored per browser, so a
  // reader's choice holds on reload and across the edition's documents.
  var SWITCHES = {
    view: ["parallel", "original", "translation"],
    reading: ["corr", "sic"]
  };

  function stored(name) {
    try { return window.localStorage.getItem("edition." + name); } catch (e) { return null; }
  }
  function store(name, value) {
    try { window.localStorage.setItem("edition." + name, value); } catch (e) { /* private mode */ }
  }

  function apply(name, value) {
    html.setAttribute("data-" + name, value);
    var radios = document.querySelectorAll('input[type="radio"][name="' + name + '"]');
    for (var i = 0; i < radios.length; i++) { radios[i].checked = radios[i].value === value; }
  }

  function visible(el) { return el.getClientRects().length > 0; }

  // ------------------------------------------------------------ interface language
  // The languages the page is written in (one button each); the reader's choice is
  // remembered, else the browser's language if the page has it, else the page's default.
  var uiButtons = document.querySelectorAll("[data-ui-choice]");
  var uiLangs = Array.prototype.map.call(uiButtons, function (b) { return b.getAttribute("data-ui-choice"); });
  function applyUi(value) {
    if (uiLangs.indexOf(value) < 0) { return; }
    html.setAttribute("data-ui", value);
    html.setAttribute("lang", value);
    for (var i = 0; i < uiButtons.length; i++) {
      uiButtons[i].setAttribute("aria-pressed", String(uiButtons[i].getAttribute("data-ui-choice") === value));
    }
  }
  (function () {
    var chosen = stored("ui");
    if (uiLangs.indexOf(chosen) < 0) {
      var browser = (navigator.language || "").slice(0, 2).toLowerCase();
      chosen = uiLangs.indexOf(browser) >= 0 ? browser : null;
    }
    if (chosen) { applyUi(chosen); }
  }());
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-ui-choice]");
    if (!button) { return; }
    applyUi(button.getAttribute("data-ui-choice"));
    store("ui", button.getAttribute("data-ui-choice"));
  });

  // ------------------------------------------------- the sticky toolbar and landing
  var toolbar = document.querySelector(".toolbar");
  // The toolbar's height where it sticks to the top of the window (wide screens), else 0.
  function stickyHeight() {
    return toolbar && window.getComputedStyle(toolbar).position === "sticky" ? toolbar.offsetHeight : 0;
  }
  // How much of the top of the window the toolbar covers now (0 unless it is stuck there).
  function covered() {
    if (!stickyHeight()) { return 0; }
    var box = toolbar.getBoundingClientRect();
    return box.top <= 1 ? Math.max(0, box.bottom) : 0;
  }
  function measure() { html.style.setProperty("--toolbar-h", stickyHeight() + "px"); }
  measure();
  window.addEventListener("resize", measure);

  // Keyboard focus never stays under the toolbar.
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (!toolbar || !el.getBoundingClientRect || toolbar.contains(el)) { return; }
    var edge = covered();
    var top = el.getBoundingClientRect().top;
    if (edge && top < edge + 4) { window.scrollBy(0, top - edge - 16); }
  });

  // Mark the words a search found (?hl=word|word) inside the unit it leads to.
  function markHits(target) {
    var words;
    try { words = (new URLSearchParams(window.location.search).get("hl") || "").split("|"); } catch (e) { return; }
    words = words.filter(function (w) { return w.trim().length > 1; });
    if (!words.length || target.querySelector("mark.hit")) { return; }
    var pattern = new RegExp(words.map(function (w) {
      return w.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "giu");
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(".card, .unit-n, .sr-only") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, match, parts = [];
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        if (!match[0]) { break; }
        parts.push(document.createTextNode(text.slice(last, match.index)));
        var mark = document.createElement("mark");
        mark.className = "hit";
        mark.textContent = match[0];
        parts.push(mark);
        last = match.index + match[0].length;
      }
      if (!parts.length) { return; }
      parts.push(document.createTextNode(text.slice(last)));
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part) { fragment.appendChild(part); });
      node.parentNode.replaceChild(fragment, node);
    });
  }

  // A link to a unit: show it (switching to the parallel view if the current one hides
  // it), bring it below the toolbar, and highlight it and its counterparts.
  function land() {
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    var old = document.querySelectorAll(".is-target, .is-counterpart");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("is-target", "is-counterpart"); }
    var target = id && document.getElementById(id);
    if (!target) { return; }
    if (!visible(target) && target.closest(".parallel") && SWITCHES.view) {
      apply("view", "parallel");
      store("view", "parallel");
    }
    if (target.classList.contains("unit")) {
      target.classList.add("is-target");
      var ids = (target.getAttribute("data-corresp") || "").split(" ");
      var units = document.querySelectorAll(".parallel .unit[data-corresp]");
      for (var j = 0; j < units.length; j++) {
        if (units[j].getAttribute("data-corresp").split(" ").indexOf(id) >= 0) { ids.push(units[j].id); }
      }
      ids.forEach(function (other) {
        var el = other && document.getElementById(other);
        if (el && el !== target) { el.classList.add("is-counterpart"); }
      });
      markHits(target);
    }
    measure();
    window.scrollTo(window.scrollX, window.scrollY + target.getBoundingClientRect().top - stickyHeight() - 16);
  }
  window.addEventListener("hashchange", land);
  window.addEventListener("load", land);

  // The reading position: the first unit that reaches below the top of the window (or
  // below the sticky toolbar), and how far from the top it starts.
  function readingPosition() {
    var toolbar = document.querySelector(".toolbar");
    var edge = toolbar ? Math.max(0, toolbar.getBoundingClientRect().bottom) : 0;
    var units = document.querySelectorAll(".parallel .unit");
    for (var i = 0; i < units.length; i++) {
      if (!visible(units[i])) { continue; }
      var rect = units[i].getBoundingClientRect();
      if (rect.bottom > edge) { return { unit: units[i], top: rect.top }; }
    }
    return null;
  }

  // Bring the same place back to the same height: the unit itself if it is still shown,
  // else the first shown unit of its alignment row (its counterpart), else of a later row.
  function restore(position) {
    if (!position) { return; }
    var target = visible(position.unit) ? position.unit : null;
    var row = position.unit.closest(".row");
    while (!target && row) {
      var units = row.querySelectorAll(".unit");
      for (var i = 0; i < units.length && !target; i++) {
        if (visible(units[i])) { target = units[i]; }
      }
      row = row.nextElementSibling;
    }
    if (target) { window.scrollBy(0, target.getBoundingClientRect().top - position.top); }
  }

  Object.keys(SWITCHES).forEach(function (name) {
    var value = stored(name);
    if (SWITCHES[name].indexOf(value) >= 0) { apply(name, value); }
  });
  land();

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.type !== "radio" || !SWITCHES[input.name]) { return; }
    if (SWITCHES[input.name].indexOf(input.value) < 0) { return; }
    var position = readingPosition();
    apply(input.name, input.value);
    store(input.name, input.value);
    restore(position);
  });

  // Keep an open card inside the window (it opens below its trigger, left-aligned).
  function place(holder) {
    var card = holder.querySelector(":scope > .card");
    if (!card) { return; }
    card.style.left = "";
    var rect = card.getBoundingClientRect();
    if (!rect.width) { return; }
    var width = html.clientWidth;
    var shift = 0;
    if (rect.right > width - 8) { shift = rect.right - (width - 8); }
    if (rect.left - shift < 8) { shift = rect.left - 8; }
    if (shift) { card.style.left = -shift + "px"; }
  }
  function onEnter(event) {
    var holder = event.target.closest && event.target.closest(".has-card");
    if (holder) { place(holder); }
  }
  document.addEventListener("mouseover", onEnter);
  document.addEventListener("focusin", onEnter);

  // Touch: the first tap on a name (or a note call) opens its card; a second tap on it
  // follows the link; a tap anywhere else closes the card.
  var touching = false;
  document.addEventListener("pointerdown", function (event) {
    touching = event.pointerType === "touch" || event.pointerType === "pen";
  }, true);
  function closeCards(except) {
    var open = document.querySelectorAll(".has-card.card-open");
    for (var i = 0; i < open.length; i++) { if (open[i] !== except) { open[i].classList.remove("card-open"); } }
  }
  document.addEventListener("click", function (event) {
    if (!touching) { return; }
    var link = event.target.closest && event.target.closest(".has-card > a");
    var holder = link ? link.parentElement : null;
    if (event.target.closest && event.target.closest(".card")) { return; }
    closeCards(holder);
    if (holder && !holder.classList.contains("card-open")) {
      event.preventDefault();
      holder.classList.remove("card-dismissed");
      holder.classList.add("card-open");
      place(holder);
    }
  });

  // Escape closes the open cards until the pointer or focus leaves them.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    closeCards(null);
    var open = document.querySelectorAll(".has-card:hover, .has-card:focus-within");
    for (var i = 0; i < open.length; i++) { open[i].classList.add("card-dismissed"); }
  });
  function reopen(event) {
    var holder = event.target.closest && event.target.closest(".has-card.card-dismissed");
    if (holder && !holder.contains(event.relatedTarget)) { holder.classList.remove("card-dismissed"); }
  }
  document.addEventListener("mouseout", reopen);
  document.addEventListener("focusout", reopen);
}());
