"""Read the facts a record states in words: the citation line, archival references, the
publisher's title ("<kind> No. <n>, <sender> to <addressee>[, for <recipient>]").

Everything is kept as written; nothing is completed from knowledge the record does not give.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .record import PUBLISHER_DATE

URL_RE = re.compile(r"https?://\S+")
# a sentence ends at a full stop that does not close an initial ("V. Zubok") or an archival
# abbreviation ("f. 45, op. 1, d. 339, ll. 17-19")
_ABBREVIATIONS = r"(?<!\b[A-Za-zА-Яа-я])(?<!\bop)(?<!\bll)(?<!\bNo)(?<!\bpp)(?<!\bNr)"
SENTENCE_END = re.compile(_ABBREVIATIONS + r"\.\s+(?=[A-Z\"“])")
TRANSLATED = re.compile(r"(?:(?:obtained|published)\s+and\s+)?translat\w*(?:\s+\w+){0,4}?\s+by\s+(?P<who>.+)",
                        re.IGNORECASE)
ARCHIVE_NAME = re.compile(r"(?P<archive>[^,]*?(?:Digital Archive|Archives?))(?:,\s*(?P<rest>.*))?\Z")
# the parts of an archival reference, as the archives abbreviate them
COLLECTION_PART = re.compile(r"(?:f|fond|ф|op|opis|оп|d|delo|д|p|papka|п|por|k|korobka|box|folder|"
                             r"file|series|ser|reel)\b\.?\s*\S", re.IGNORECASE)
ITEM_PART = re.compile(r"(?:ll?|listy?|list|л|лл|pp|pages?|sheets?)\b\.?\s*\d", re.IGNORECASE)
NUMBER_RE = re.compile(r"(?:\bNo\.|\bNr\.|№)\s*(?P<n>\d[\w/-]*)")
TITLE_RE = re.compile(r"(?P<kind>[^,]+?)(?:\s+(?:No\.|Nr\.|№)\s*(?P<number>\d[\w/-]*))?,\s+(?P<parties>.+)\Z")
TITLE_FROM_RE = re.compile(r"(?P<kind>.+?)\s+(?:No\.\s*(?P<number>\d[\w/-]*)\s+)?from\s+(?P<parties>.+)\Z",
                           re.IGNORECASE)
PARTIES_RE = re.compile(r"(?:from\s+)?(?P<sender>.+?)\s+to\s+(?P<addressee>.+?)"
                        r"(?:,?\s+for\s+(?P<recipient>.+?))?\s*\Z", re.IGNORECASE)
# Latin letters that Unicode does not decompose into a base letter and a mark
NO_DECOMPOSITION = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss",
                                  "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe"})
HONORIFICS = {"cde", "comrade", "comrades", "tov", "mr", "mrs", "ms", "dr", "gen", "general",
              "marshal", "chairman", "premier", "president", "ambassador", "minister", "the"}


@dataclass(frozen=True)
class Reference:
    repository: str = ""
    collection: str = ""
    idno: str = ""
    note: str = ""
    text: str = ""          # the whole reference, as written


@dataclass
class Citation:
    text: str
    title: str = ""
    date: str = ""
    archive: str = ""
    references: list[Reference] = field(default_factory=list)
    translator: str = ""
    url: str = ""


def parse_reference(text: str) -> Reference:
    """One archival reference: the repository, then fond/opis/delo, then the leaves, as written."""
    parts = [p.strip() for p in text.strip().rstrip(".").split(",") if p.strip()]
    repository: list[str] = []
    collection: list[str] = []
    idno: list[str] = []
    note: list[str] = []
    for part in parts:
        if ITEM_PART.match(part):
            idno.append(part)
        elif COLLECTION_PART.match(part) and not idno:
            collection.append(part)
        elif not collection and not idno:
            repository.append(part)
        else:
            note.append(part)
    return Reference(", ".join(repository), ", ".join(collection), ", ".join(idno), ", ".join(note),
                     text.strip().rstrip("."))


def split_references(text: str) -> list[Reference]:
    """Several references are separated by ';' (or ' and ' before another repository)."""
    chunks = re.split(r";\s*|\s+and\s+(?=[A-ZА-Я]{2,}\b)", text.strip().rstrip("."))
    return [parse_reference(chunk) for chunk in chunks if chunk.strip()]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def parse_source(text: str) -> tuple[list[Reference], str]:
    """The references and the translator a "Source" value (or a citation's tail) gives."""
    text = URL_RE.sub("", text).strip()
    references: list[Reference] = []
    translator = ""
    for sentence in _sentences(text):
        match = TRANSLATED.match(sentence)
        if match:
            translator = translator or match["who"].strip().rstrip(".")
        elif COLLECTION_PART.search(sentence) or ITEM_PART.search(sentence):
            references.extend(split_references(sentence))
    return references, translator


def parse_citation(text: str) -> Citation:
    """The citation line: "Title," date, archive, references. Translated by X. URL"""
    citation = Citation(text=text.strip())
    match = re.match(r"[\"“](?P<title>.+?)[,.]?[\"”],?\s+(?P<rest>.*)\Z", citation.text)
    if not match:
        return citation
    citation.title = match["title"].strip()
    rest = match["rest"]
    url = URL_RE.search(rest)
    if url:
        citation.url = url.group(0).rstrip(".,;")
        rest = rest[: url.start()] + rest[url.end():]
    parts = rest.split(", ")
    for cut in range(1, min(3, len(parts)) + 1):
        candidate = ", ".join(parts[:cut]).strip()
        if PUBLISHER_DATE.match(candidate):
            citation.date = candidate
            rest = ", ".join(parts[cut:])
            break
    archive = ARCHIVE_NAME.match(rest.strip())
    if archive:
        citation.archive = archive["archive"].strip()
        rest = archive["rest"] or ""
    citation.references, citation.translator = parse_source(rest)
    return citation


@dataclass(frozen=True)
class TitleFacts:
    kind: str = ""
    number: str = ""
    sender: str = ""
    addressee: str = ""
    recipient: str = ""      # "…, for X": the final recipient, the addressee transmits


def parse_title(title: str) -> TitleFacts:
    """The document kind, number and parties the publisher's title names."""
    title = title.strip()
    match = TITLE_RE.match(title) or TITLE_FROM_RE.match(title)
    if not match:
        return TitleFacts(kind=title.split(",")[0].strip() if "," in title else "")
    parties = PARTIES_RE.match(match["parties"].strip())
    kind = match["kind"].strip()
    if parties is None:
        return TitleFacts(kind=kind, number=match["number"] or "")
    return TitleFacts(kind, match["number"] or "", parties["sender"].strip(),
                      parties["addressee"].strip(), (parties["recipient"] or "").strip())


def bare_name(name: str) -> str:
    """A name as the title writes it, without the honorific and the bracketed insertion
    ("Cde. Gao Gang [Kao Kang]" -> "Gao Gang")."""
    words = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", name).split()
    while words and words[0].strip(".").lower() in HONORIFICS:
        words.pop(0)
    return " ".join(words).strip(" ,;")


def slug_word(name: str) -> str:
    """The word of a name that goes into a document id: the first that is no honorific, no
    initial and no bracketed insertion ("Cde. Filippov [Stalin]" -> "filippov")."""
    name = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", name)
    for word in re.split(r"[\s,]+", name):
        bare = word.strip(".'’\"“”")
        if not bare or bare.lower() in HONORIFICS or re.fullmatch(r"[A-ZА-Я]\.?", word):
            continue
        ascii_word = unicodedata.normalize("NFKD", bare.translate(NO_DECOMPOSITION))
        ascii_word = ascii_word.encode("ascii", "ignore").decode().lower()
        ascii_word = re.sub(r"[^a-z0-9]", "", ascii_word)
        if ascii_word:
            return ascii_word
    return ""


def numbers_in(text: str) -> list[str]:
    return [m["n"] for m in NUMBER_RE.finditer(text)]
