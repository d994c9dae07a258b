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
// The page's messages in every interface language (from xslt/html/i18n.xsl, written into
// the form by search.html); the reader's choice is html[data-ui] (edition.js).
const messages = JSON.parse(form.dataset.messages || "{}");

function message(key, ...args) {
  const entry = messages[key] || {};
  const text = entry[document.documentElement.dataset.ui] || entry.en || key;
  return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i) - 1] ?? ""));
}

let lastSaid = null;
function say(key, ...args) {
  lastSaid = [key, ...args];
  status.textContent = message(key, ...args);
  status.classList.toggle("search-status-error", key.startsWith("search-error"));
}
// The reader may switch the interface language after a message is shown.
new MutationObserver(() => { if (lastSaid) say(...lastSaid); })
  .observe(document.documentElement, { attributes: true, attributeFilter: ["data-ui"] });

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
// nodes and marks only, so that nothing else in it can become markup. An excerpt that
// starts or ends inside the passage drops the broken word there and says so with "…".
const LETTER = /[\p{L}\p{N}]/u;
function excerptNodes(excerpt, content) {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html");
  const nodes = [...parsed.body.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
  const flat = (s) => s.replace(/\s+/g, " ");
  const text = flat(nodes.map((n) => n.textContent).join(""));
  const full = flat(content || "");
  const at = full.indexOf(text.trim());
  if (!nodes.length || at < 0) return nodes;
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (at > 0) {
    if (first.nodeType === Node.TEXT_NODE && LETTER.test(full[at - 1] || "")) {
      first.textContent = first.textContent.replace(/^\S*\s*/u, "");
    }
    nodes.unshift(document.createTextNode("… "));
  }
  const end = at + text.trim().length;
  if (end < full.trim().length) {
    if (last.nodeType === Node.TEXT_NODE && LETTER.test(full[end] || "")) {
      last.textContent = last.textContent.replace(/\s*\S*$/u, "");
    }
    nodes.push(document.createTextNode(" …"));
  }
  return nodes;
}

// The interface languages of the page (its language switch), and a result's title or
// "where" in each of them (meta "title-ru", "where-en"…: edition.search), as the page's own
// labels are written: one span per language, the style sheet shows the reader's choice.
const uiLangs = [...document.querySelectorAll("[data-ui-choice]")].map((b) => b.dataset.uiChoice);

function labelled(meta, field, fallback) {
  const langs = uiLangs.filter((lang) => meta[`${field}-${lang}`]);
  if (!langs.length) return [document.createTextNode(meta[field] || fallback)];
  return langs.map((lang) => {
    const span = document.createElement("span");
    span.className = `ui ui-${lang}`;
    span.lang = lang;
    span.textContent = meta[`${field}-${lang}`];
    return span;
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
    // The passage opens with the words found marked (edition.js reads ?hl=).
    const url = new URL(hit.data.meta.url, root);
    const found = [...new Set([...(hit.data.excerpt.matchAll(/<mark>(.*?)<\/mark>/g))]
      .map((m) => m[1].replace(/[^\p{L}\p{N}-]+/gu, "")).filter(Boolean))];
    if (found.length && url.hash && url.pathname.includes("/documents/")) url.search = `?hl=${encodeURIComponent(found.join("|"))}`;
    link.href = url.href;
    link.append(...labelled(hit.data.meta, "title", hit.data.meta.url));
    const where = document.createElement("p");
    where.className = "search-result-where";
    where.append(...labelled(hit.data.meta, "where", ""));
    const excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    excerpt.lang = hit.lang;
    excerpt.append(...excerptNodes(hit.data.excerpt, hit.data.content));
    item.append(link, where, excerpt);
    list.append(item);
  }
  const n = hits.length;
  if (n === 0) say("search-nothing", query);
  else say(n === 1 ? "search-one" : "search-many", n, query);
}

let bundles = [];
let generation = 0;

async function run(query) {
  const mine = ++generation;
  query = query.trim();
  if (!query) {
    list.replaceChildren();
    say("search-type");
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
  // One hit per page or entry: a register entry is indexed in every language it has
  // names in, a document's title in each of its languages; the best hit stands for it.
  const seen = new Set();
  const unique = hits.filter((hit) => !seen.has(hit.data.meta.url) && seen.add(hit.data.meta.url));
  remember(query);
  render(query, unique);
}

// The query and the languages live in the page's address, so that Back from a result
// (or a reload, or a shared link) comes back to the same results.
function remember(query) {
  const url = new URL(location.href);
  url.searchParams.set("q", query);
  url.searchParams.delete("lang");
  const boxes = checkboxes.filter((box) => box.checked);
  if (boxes.length < checkboxes.length) for (const box of boxes) url.searchParams.append("lang", box.value);
  history.replaceState(null, "", url);
}

async function start() {
  if (location.protocol === "file:") return; // the page has said why it cannot search
  if (!config.available) {
    say("search-error-no-index");
    return;
  }
  try {
    bundles = await Promise.all(config.languages.map(loadBundle));
  } catch (error) {
    say("search-error-load", error.message);
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
    say("search-type");
  }
}

start();
