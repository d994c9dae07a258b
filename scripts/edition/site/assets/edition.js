/* The edition's one script: view and reading switches, card behaviour.
   Everything works without it except remembering the switches and closing cards with
   Escape; it loads nothing and talks to no server. */
(function () {
  "use strict";

  var html = document.documentElement;
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

  // Escape closes the open cards until the pointer or focus leaves them.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
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
