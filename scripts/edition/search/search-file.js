// The search page's first script, a classic one: from file:// browsers refuse to load the
// search index (and the search module itself), so say why the page cannot search there
// and how to read it over HTTP. Over HTTP, say that the index is loading.
(function () {
  const status = document.getElementById("search-status");
  if (location.protocol === "file:") {
    status.textContent =
      "Search cannot work on a page opened from a file (file://): browsers do not let such a page " +
      "load the search index. Serve the site over HTTP instead: in the edition's folder run " +
      "“.venv/bin/edition serve” and open http://127.0.0.1:8000/search.html.";
    status.classList.add("search-status-error");
  } else {
    status.textContent = "Loading the search index…";
  }
})();
