// "Cite this paragraph" (document pages): when the address points at a paragraph (an
// alignment unit: its number in the text is its permalink), show the citation of that
// paragraph under "How to cite" and offer to copy it. Nothing happens without an address
// (a draft) or when the address points at no paragraph.
(function () {
  "use strict";
  var cite = document.getElementById("citation");
  var out = document.getElementById("cite-paragraph-text");
  var button = document.getElementById("cite-copy");
  if (!cite || !out || !button) return;
  var permalink = cite.getAttribute("data-permalink");
  if (!permalink) return;

  function update() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var unit = id ? document.getElementById(id) : null;
    if (!unit || !unit.classList.contains("unit")) {
      out.hidden = true;
      button.hidden = true;
      return;
    }
    var number = unit.querySelector(".unit-n");
    var label = number ? (number.getAttribute("aria-label") || "").replace(/^Permalink to /, "") : id;
    out.textContent = cite.getAttribute("data-citation") + " " + label.charAt(0).toUpperCase()
      + label.slice(1) + ". " + permalink + "#" + id;
    out.hidden = false;
    button.hidden = false;
    button.textContent = "Copy the citation of this paragraph";
  }

  function select() {
    var range = document.createRange();
    range.selectNodeContents(out);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = "Selected: copy it with Ctrl+C";
  }

  button.addEventListener("click", function () {
    var text = out.textContent;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { button.textContent = "Copied"; }, select);
    } else {
      select();
    }
  });
  window.addEventListener("hashchange", update);
  update();
})();
