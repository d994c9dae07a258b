// The search page's first script, a classic one: from file:// browsers refuse to load the
// search index (and the search module itself), so say why the page cannot search there
// and how to read it over HTTP. Over HTTP, say that the index is loading.
// The words are the form's data-messages, in every interface language (html[data-ui]).
(function () {
  const status = document.getElementById("search-status");
  let messages = {};
  try { messages = JSON.parse(document.getElementById("search-form").dataset.messages || "{}"); } catch (e) { /* none */ }
  function text(key) {
    const entry = messages[key] || {};
    return entry[document.documentElement.dataset.ui] || entry.en || "";
  }
  if (location.protocol === "file:") {
    status.textContent = text("search-file");
    status.classList.add("search-status-error");
  } else {
    status.textContent = text("search-loading");
  }
})();
