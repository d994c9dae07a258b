/* The facsimile view (docs/facsimile.md): the page images of the witness beside the text,
   zoom and pan with OpenSeadragon (served from the site: assets/openseadragon/), page
   navigation, and the text and the pages kept in step: scrolling the text shows the page
   of the unit being read; turning a page (or clicking a marked passage in the image)
   brings its units into view. It reads only the site's own files (each page's info.json)
   and sends nothing anywhere. Loaded only on pages whose document has a facsimile. */
(function () {
  "use strict";

  var panel = document.getElementById("facsimile");
  if (!panel) { return; }
  var html = document.documentElement;
  var VIEW = "facsimile";
  var links = Array.prototype.slice.call(panel.querySelectorAll(".facs-pages a[data-page]"));
  var pageIds = links.map(function (a) { return a.getAttribute("data-page"); });
  var status = panel.querySelector(".facs-status");
  var prev = panel.querySelector(".facs-prev");
  var next = panel.querySelector(".facs-next");
  var viewer = null;
  var current = 0;
  var overlay = null;
  // While the page is turned by the reader, the text is scrolled by us: the scroll must
  // not turn the page back.
  var quietUntil = 0;

  // The interface's words for what this script writes (data-status-en, data-error-ru…,
  // see xslt/html/facsimile.xsl): one span per interface language, as the page's own.
  function words(kind, args) {
    var langs = Object.keys(panel.dataset).filter(function (k) { return k.indexOf(kind) === 0; });
    var fragment = document.createDocumentFragment();
    langs.forEach(function (key) {
      var lang = key.slice(kind.length).toLowerCase();
      var span = document.createElement("span");
      span.className = "ui ui-" + lang;
      span.lang = lang;
      span.textContent = panel.dataset[key].replace(/\{(\d)\}/g, function (m, n) { return args[n - 1]; });
      fragment.appendChild(span);
    });
    return fragment;
  }
  function interfaceLang() {
    var lang = html.getAttribute("data-ui") || "en";
    return panel.dataset["canvas" + lang.charAt(0).toUpperCase() + lang.slice(1)] ? lang : "en";
  }

  function stored() {
    try { return window.localStorage.getItem("edition.view"); } catch (e) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem("edition.view", value); } catch (e) { /* private mode */ }
  }

  function units(pageId) {
    return Array.prototype.slice.call(document.querySelectorAll('.parallel .unit[data-facs="' + pageId + '"]'));
  }
  function shown(el) { return el.getClientRects().length > 0; }

  // ---------------------------------------------------------------- the view switch
  // edition.js knows the language views; this one is added here, on the same radios and
  // the same stored choice.
  function setView(on) {
    if (on) {
      html.setAttribute("data-view", VIEW);
      start();
    }
    var radios = document.querySelectorAll('input[type="radio"][name="view"]');
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].value === VIEW) { radios[i].checked = on; }
    }
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.name !== "view" || input.type !== "radio") { return; }
    if (input.value === VIEW) {
      setView(true);
      store(VIEW);
      showPage(current, false);
    }
  });

  // ---------------------------------------------------------------- the viewer
  function tileSource(link) {
    var info = link.getAttribute("data-info");
    return window.fetch(info).then(function (response) {
      if (!response.ok) { throw new Error(info + ": " + response.status); }
      return response.json();
    }).then(function (data) {
      // The service's id is its published address; the tiles are read from where this
      // page is served (the same files), so that a copy of the site works anywhere.
      data.id = new URL(info.replace(/info\.json$/, ""), window.location.href).href.replace(/\/$/, "");
      return data;
    });
  }

  function start() {
    if (viewer || typeof window.OpenSeadragon !== "function") { return; }
    // OpenSeadragon adds an inline <style> unless one marked like this is there; the
    // site's policy allows no inline style, so its rule is in facsimile.css instead, and
    // the marker is an inert element of no HTML or SVG kind (the browser neither applies
    // nor checks it, OpenSeadragon's selector finds it).
    if (!document.querySelector("style[data-openseadragon-mobile-css]")) {
      var placeholder = document.createElementNS("urn:x-edition:inert", "style");
      placeholder.setAttribute("data-openseadragon-mobile-css", "true");
      document.head.appendChild(placeholder);
    }
    var element = panel.querySelector(".facs-viewer");
    Promise.all(links.map(tileSource)).then(function (sources) {
      viewer = window.OpenSeadragon({
        element: element,
        tileSources: sources,
        sequenceMode: true,
        initialPage: current,
        showNavigationControl: false,
        showSequenceControl: false,
        preserveViewport: false,
        visibilityRatio: 0.5,
        gestureSettingsMouse: { clickToZoom: false },
        crossOriginPolicy: false,
        drawer: "canvas"
      });
      var canvas = element.querySelector(".openseadragon-canvas");
      if (canvas) {
        canvas.setAttribute("role", "img");
        var lang = interfaceLang();
        canvas.setAttribute("aria-label", panel.dataset["canvas" + lang.charAt(0).toUpperCase() + lang.slice(1)]);
      }
      viewer.addHandler("page", function (event) { current = event.page; update(); });
      // The zoom as a fact of the page (1 = the whole page fits), for styles and tests.
      viewer.addHandler("zoom", function (event) {
        panel.setAttribute("data-zoom", (event.zoom / viewer.viewport.getHomeZoom()).toFixed(2));
      });
      viewer.addHandler("open", function () { update(); mark(activeUnit()); });
      viewer.addHandler("canvas-click", function (event) {
        if (!event.quick) { return; }
        var point = viewer.viewport.viewerElementToImageCoordinates(event.position);
        var zone = zoneAt(point.x, point.y);
        reveal(zone ? [document.getElementById(zone.getAttribute("data-unit"))] : units(pageIds[current]));
      });
      panel.classList.add("facs-ready");
    }).catch(function (error) {
      panel.classList.add("facs-failed");
      status.replaceChildren(words("error", [error.message]));
    });
  }

  function zoneAt(x, y) {
    var zones = links[current].parentNode.querySelectorAll(".facs-zone");
    for (var i = 0; i < zones.length; i++) {
      var z = zones[i];
      var zx = +z.getAttribute("data-x"), zy = +z.getAttribute("data-y");
      if (x >= zx && y >= zy && x <= zx + +z.getAttribute("data-w") && y <= zy + +z.getAttribute("data-h")) {
        return z;
      }
    }
    return null;
  }

  function update() {
    status.replaceChildren(words("status", [String(current + 1), String(links.length)]));
    var focused = document.activeElement;
    prev.disabled = current === 0;
    next.disabled = current === links.length - 1;
    // A button that turns disabled under the keyboard would drop the focus to the page.
    if (focused === next && next.disabled && !prev.disabled) { prev.focus(); }
    if (focused === prev && prev.disabled && !next.disabled) { next.focus(); }
    links.forEach(function (a, i) {
      if (i === current) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
    var on = document.querySelectorAll(".parallel .unit.on-page");
    for (var i = 0; i < on.length; i++) { on[i].classList.remove("on-page"); }
    units(pageIds[current]).forEach(function (u) { u.classList.add("on-page"); });
  }

  // Show page i; ``follow``: bring its units into view too (the reader turned the page).
  function showPage(i, follow) {
    if (i < 0 || i >= links.length) { return; }
    current = i;
    if (viewer && viewer.currentPage() !== i) { viewer.goToPage(i); }
    update();
    if (follow) { reveal(units(pageIds[i])); }
  }

  function reveal(list) {
    var target = list.filter(function (u) { return u && shown(u); })[0];
    if (!target) { return; }
    quietUntil = Date.now() + 800;
    target.scrollIntoView({ block: "start" });
    mark(target);
  }

  // The zone of the unit being read, outlined on its page.
  function mark(unit) {
    if (!viewer) { return; }
    if (overlay) { viewer.removeOverlay(overlay); overlay = null; }
    var zoneId = unit && unit.getAttribute("data-zone");
    var zone = zoneId && panel.querySelector('.facs-zone[data-zone="' + zoneId + '"]');
    if (!zone || unit.getAttribute("data-facs") !== pageIds[current] || !viewer.world.getItemAt(0)) { return; }
    overlay = document.createElement("div");
    overlay.className = "facs-zone-mark";
    var rect = viewer.world.getItemAt(0).imageToViewportRectangle(
      +zone.getAttribute("data-x"), +zone.getAttribute("data-y"),
      +zone.getAttribute("data-w"), +zone.getAttribute("data-h"));
    viewer.addOverlay(overlay, rect);
  }

  // ---------------------------------------------------------------- text -> page
  // The unit being read: the first shown unit with a page that reaches below the top.
  function activeUnit() {
    var list = document.querySelectorAll(".parallel .unit[data-facs]");
    for (var i = 0; i < list.length; i++) {
      if (!shown(list[i])) { continue; }
      if (list[i].getBoundingClientRect().bottom > 80) { return list[i]; }
    }
    return null;
  }
  var pending = false;
  function onScroll() {
    if (pending || html.getAttribute("data-view") !== VIEW || Date.now() < quietUntil) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      var unit = activeUnit();
      if (!unit) { return; }
      var i = pageIds.indexOf(unit.getAttribute("data-facs"));
      if (i >= 0 && i !== current) { showPage(i, false); }
      mark(unit);
    });
  }
  window.addEventListener("scroll", onScroll, { passive: true });

  // ---------------------------------------------------------------- page -> text
  prev.addEventListener("click", function () { showPage(current - 1, true); });
  next.addEventListener("click", function () { showPage(current + 1, true); });
  panel.querySelector(".facs-zoom-in").addEventListener("click", function () {
    if (viewer) { viewer.viewport.zoomBy(1.5); viewer.viewport.applyConstraints(); }
  });
  panel.querySelector(".facs-zoom-out").addEventListener("click", function () {
    if (viewer) { viewer.viewport.zoomBy(1 / 1.5); viewer.viewport.applyConstraints(); }
  });
  panel.querySelector(".facs-home").addEventListener("click", function () {
    if (viewer) { viewer.viewport.goHome(); }
  });
  // A page in the list, or a page beginning in the text: show that page (no navigation
  // to the image file when the viewer is there).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-page]");
    if (!link || !viewer) { return; }
    var i = pageIds.indexOf(link.getAttribute("data-page"));
    if (i < 0) { return; }
    event.preventDefault();
    if (html.getAttribute("data-view") !== VIEW) { setView(true); store(VIEW); }
    quietUntil = Date.now() + 800;  // the reader chose this page: no scroll turns it back now
    showPage(i, panel.contains(link));
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "PageDown") { showPage(current + 1, true); event.preventDefault(); }
    if (event.key === "PageUp") { showPage(current - 1, true); event.preventDefault(); }
  });

  if (stored() === VIEW) { setView(true); } else if (html.getAttribute("data-view") === VIEW) { start(); }
  update();
}());
