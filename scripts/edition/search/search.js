// The search page: queries one Pagefind bundle per language (search/pagefind/<lang>/) and
// lists the hits together, best first, each linking to the passage it found.
//
// Each bundle is imported as its own module instance: Pagefind stems a query with the
// language of an instance's primary index only, so merging the Russian index into the
// English page's instance would search it without Russian stemming.

const config = JSON.parse(document.getElementById("search-form").dataset.config);
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const checkboxes = [...form.querySelectorAll("input[name=lang]")];
// search.html sits at the site root; result URLs and bundles are relative to it.
const root = new URL(".", document.baseURI);
const MAX_PER_LANGUAGE = 50;

function say(text, isError = false) {
  status.textContent = text;
  status.classList.toggle("search-status-error", isError);
}

async function loadBundle(lang) {
  const bundle = new URL(lang.bundle, root);
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  await pagefind.options({ basePath: bundle.pathname, excerptLength: 30 });
  await pagefind.init();
  // A large index is written in parts (edition.search.PART_RECORDS): one search over all.
  for (const part of lang.parts || []) await pagefind.mergeIndex(new URL(part, root).pathname);
  return { ...lang, pagefind };
}

// Pagefind's excerpt is text with <mark> around the matched words; rebuild it from text
// nodes and marks only, so that nothing else in it can become markup.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html");
  return [...parsed.body.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function render(query, hits) {
  list.replaceChildren();
  for (const hit of hits) {
    const item = document.createElement("li");
    item.className = "search-result";
    const link = document.createElement("a");
    link.className = "search-result-title";
    // The record's own URL (with the passage's fragment) is its "url" meta; Pagefind's url
    // is the name of the page the record was indexed from.
    link.href = new URL(hit.data.meta.url, root).href;
    link.textContent = hit.data.meta.title || hit.data.meta.url;
    const where = document.createElement("p");
    where.className = "search-result-where";
    where.textContent = hit.data.meta.where || "";
    const excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    excerpt.lang = hit.lang;
    excerpt.append(...excerptNodes(hit.data.excerpt));
    item.append(link, where, excerpt);
    list.append(item);
  }
  const n = hits.length;
  say(n === 0 ? `Nothing found for “${query}”.` : `${n} ${n === 1 ? "result" : "results"} for “${query}”.`);
}

let bundles = [];
let generation = 0;

async function run(query) {
  const mine = ++generation;
  query = query.trim();
  if (!query) {
    list.replaceChildren();
    say("Type a word or a name.");
    return;
  }
  const wanted = new Set(checkboxes.filter((box) => box.checked).map((box) => box.value));
  const hits = [];
  for (const bundle of bundles.filter((b) => wanted.has(b.code))) {
    const search = await bundle.pagefind.search(query);
    const top = search.results.slice(0, MAX_PER_LANGUAGE);
    const data = await Promise.all(top.map((result) => result.data()));
    top.forEach((result, i) => hits.push({ score: result.score, lang: bundle.code, data: data[i] }));
  }
  if (mine !== generation) return; // a newer query has started
  hits.sort((a, b) => b.score - a.score || a.data.meta.url.localeCompare(b.data.meta.url));
  render(query, hits);
}

function remember(query) {
  const url = new URL(location.href);
  url.searchParams.set("q", query);
  history.replaceState(null, "", url);
}

async function start() {
  if (location.protocol === "file:") return; // the page has said why it cannot search
  if (!config.available) {
    say("This copy of the edition was built without its search index.", true);
    return;
  }
  try {
    bundles = await Promise.all(config.languages.map(loadBundle));
  } catch (error) {
    say(`The search index could not be loaded (${error.message}).`, true);
    return;
  }
  for (const control of form.querySelectorAll("input, button")) control.disabled = false;
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    run(input.value);
  });
  for (const box of checkboxes) box.addEventListener("change", () => run(input.value));
  const params = new URL(location.href).searchParams;
  const langs = params.getAll("lang");
  if (langs.length) for (const box of checkboxes) box.checked = langs.includes(box.value);
  input.value = params.get("q") || "";
  document.body.dataset.searchReady = "true";
  if (input.value) {
    await run(input.value);
  } else {
    say("Type a word or a name.");
  }
}

start();
