"""Names no register record covers, proposed as draft records for the editor to confirm.

Candidates (found by :mod:`.namefind`) come from natasha's recogniser (Russian, when the
``suggest`` extra is installed) and from capitalisation (runs of capitalised words, joined by the lower-case
words that link the parts of a name: "Council for the Supporters of Peace"); what the
registry's matcher already finds is left out (:mod:`edition.candidates`). A candidate of
one language is paired with one of the other language in the *aligned* unit: by
transliteration where the name is transcribed (КИМ ИР СЕН / KIM IL SUNG), else as the
only unpaired candidates on both sides of the link («Всемирного совета сторонников мира» /
"World Council for the Supporters of Peace"). The Russian name is put in the nominative
with pymorphy3 where it can be (the head noun and the adjectives before it); the forms
as found stay as match forms. Forms of one name in several cases are one draft.

A draft says only what the texts say: names, a kind (person, place, organisation, event)
when the evidence gives one, otherwise a guess marked as unsure; no description, no dates,
no identifiers. It is written with ``status = "draft"`` (docs/registry.md)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..names import morph_analyzer
from ..registry import FILES, ID_PATTERN, RESERVED_ID, Registry
from .align import Link, Unit, translit
from .namefind import Candidate, base_form, candidates, guess_kind, head_kind, nominative_ru

__all__ = ["Candidate", "Draft", "nominative_ru", "propose", "render", "write_drafts"]

KIND_FILES = {kind: name for name, kind in FILES.items()}
PAIR_SIMILARITY = 0.55


@dataclass
class Draft:
    """A proposed register record."""

    id: str
    kind: str                                  # person, place, org or event (a guess if not sure)
    kind_sure: bool
    names: dict[str, str]                      # lang -> preferred name (Russian: nominative)
    forms: dict[str, list[str]]                # lang -> forms as found in the texts
    evidence: list[str] = field(default_factory=list)


# --- pairing across languages ---------------------------------------------------------------

def similarity(a: Candidate, b: Candidate) -> float:
    x, y = translit(a.text), translit(b.text)
    return difflib.SequenceMatcher(None, x, y).ratio()


def _compatible(a: Candidate, b: Candidate) -> bool:
    return _kinds_agree(guess_kind(a), guess_kind(b))


def pair(left: list[Candidate], right: list[Candidate]) -> list[tuple[Candidate | None, Candidate | None]]:
    """Candidates of one aligned link paired across languages."""
    pairs: list[tuple[Candidate | None, Candidate | None]] = []
    free_l, free_r = list(left), list(right)
    scored = sorted(((similarity(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)),
                    reverse=True)
    used_l: set[int] = set()
    used_r: set[int] = set()
    for score, i, j in scored:
        if score < PAIR_SIMILARITY or i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((left[i], right[j]))
    free_l = [c for i, c in enumerate(left) if i not in used_l]
    free_r = [c for j, c in enumerate(right) if j not in used_r]
    # What is left over on both sides in the same order and number is a translated name.
    if len(free_l) == len(free_r) and all(_compatible(a, b) for a, b in zip(free_l, free_r, strict=True)):
        pairs += list(zip(free_l, free_r, strict=True))
    else:
        pairs += [(a, None) for a in free_l] + [(None, b) for b in free_r]
    return pairs


# --- drafts ----------------------------------------------------------------------------------

def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", translit(text) if re.search("[а-яё]", text.casefold()) else
                  unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode())
    return slug.strip("-")[:48].strip("-") or "name"


def _draft_id(names: Mapping[str, str], taken: set[str]) -> str:
    base = _slug(names.get("en") or next(iter(names.values())))
    if not ID_PATTERN.fullmatch(base) or RESERVED_ID.match(base) or \
            base.split("-")[0] in ("en", "ru"):
        base = "draft-" + base
    if not ID_PATTERN.fullmatch(base):
        base = "draft-name"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _same(a: str, b: str, lang: str, kind: str) -> bool:
    """Are two forms one name (the same words, or case forms of one another)?"""
    fa, fb = a.casefold().replace("ё", "е"), b.casefold().replace("ё", "е")
    if fa == fb or _key(a, lang) == _key(b, lang):
        return True
    if lang != "ru":
        return False
    forms_a, forms_b = _declined(a, kind), _declined(b, kind)
    return fb in forms_a or fa in forms_b or bool(forms_a & forms_b)


@lru_cache(maxsize=4096)
def _declined(name: str, kind: str) -> frozenset[str]:
    from ..names import RussianDecliner

    return frozenset(s for spellings in RussianDecliner().forms(name, kind).values() for s in spellings)


def propose(units_by_lang: Mapping[str, Sequence[Unit]], links: Sequence[Link], registry: Registry,
            *, original_lang: str, translation_lang: str, use_natasha: bool = True) -> list[Draft]:
    """Draft records for the names in the units that no record covers, one record per
    entity: a name and its translation in aligned units are one draft, and so are the case
    forms of one Russian name."""
    found = {lang: [candidates(u, k, lang, registry, use_natasha) for k, u in enumerate(units)]
             for lang, units in units_by_lang.items()}
    groups: list[dict[str, list[Candidate]]] = []
    seen: set[int] = set()
    for link in links:
        left = [c for k in link.original for c in found.get(original_lang, [])[k]] \
            if original_lang in found else []
        right = [c for k in link.translation for c in found.get(translation_lang, [])[k]] \
            if translation_lang in found else []
        left, right = _distinct(left), _distinct(right)
        if link.original and link.translation:
            pairs = pair(left, right)
        else:
            pairs = [(c, None) for c in left] + [(None, c) for c in right]
        for a, b in pairs:
            groups.append({c.lang: [c] for c in (a, b) if c is not None})
        seen.update(id(c) for k in link.original for c in found.get(original_lang, [[]] * (k + 1))[k])
        seen.update(id(c) for k in link.translation for c in found.get(translation_lang, [[]] * (k + 1))[k])
    for lang, per_unit in found.items():  # languages without alignment (one-language records)
        for cands in per_unit:
            groups += [{lang: [c]} for c in cands if id(c) not in seen]

    merged: list[dict[str, list[Candidate]]] = []
    for group in groups:
        kind, sure = _group_kind(group)
        target = next((m for m in merged if _kinds_agree((kind, sure), _group_kind(m)) and any(
            _same(c.text, d.text, lang, kind) for lang in group for c in group[lang]
            for d in m.get(lang, []))), None)
        if target is None:
            merged.append({lang: list(cs) for lang, cs in group.items()})
        else:
            for lang, cs in group.items():
                target.setdefault(lang, []).extend(cs)

    taken = set(registry.entities)
    drafts = []
    for group in merged:
        kind, sure = _group_kind(group)
        names: dict[str, str] = {}
        forms: dict[str, list[str]] = {}
        evidence = []
        for lang in sorted(group, key=lambda x: (x != "en", x)):
            texts = list(dict.fromkeys(c.text for c in group[lang]))
            forms[lang] = texts
            names[lang] = _preferred(texts, lang, kind if sure else "person")
            bases = {base_form(c) for c in group[lang]} if lang == "ru" and kind == "person" else {None}
            if None not in bases and len(bases) == 1:
                # every form stands after a title in an oblique case: its regular ending removed
                names[lang] = _title(bases.pop())
            units = units_by_lang[lang]
            evidence += [f"{lang} line {units[c.unit].line}: {c.text!r} ({c.source})" for c in group[lang]]
        drafts.append(Draft(_draft_id(names, taken), kind, sure, names, forms, evidence))
    return drafts


def _distinct(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per name within a link (a name said twice, in two cases, is one)."""
    return list({_key(c.text, c.lang): c for c in reversed(cands)}.values())[::-1]


@lru_cache(maxsize=4096)
def _key(text: str, lang: str) -> str:
    """The name with each Russian word in its dictionary form («Корею», «Кореи» -> «корея»)."""
    folded = text.casefold().replace("ё", "е")
    if lang != "ru":
        return folded
    morph = morph_analyzer()
    return " ".join(morph.parse(w)[0].normal_form if morph.word_is_known(w) else w
                    for w in folded.split())


def _kinds_agree(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    return a[0] == b[0] or not (a[1] and b[1])


def _group_kind(group: Mapping[str, Iterable[Candidate]]) -> tuple[str, bool]:
    # a head word ("government", "war") says more than natasha's label of the other language
    worded = [k for cs in group.values() for c in cs if (k := head_kind(c))]
    if worded:
        return max(sorted(set(worded)), key=worded.count), True
    guesses = [guess_kind(c) for cs in group.values() for c in cs]
    sure = [k for k, s in guesses if s]
    if sure:
        return max(set(sure), key=sure.count), True
    kinds = [k for k, _ in guesses]
    return max(sorted(set(kinds)), key=kinds.count), False


def _preferred(texts: list[str], lang: str, kind: str) -> str:
    return _title(_nominative(texts, lang, kind))


def _title(name: str) -> str:
    """A name the texts write in capitals (KIM IL SUNG) is named in title case; the
    capitals stay a match form."""
    if not name.isupper() or len(name.split()) == 1 and len(name) <= 4:
        return name  # an acronym (UN, ООН) stays as it is
    # a hyphenated part stays lower case, as in «Ли Кэ-нун», "Kim Il-sung"
    return re.sub(r"\w+(?:[-\u2010\u2011]\w+)*", lambda m: m.group()[:1] + m.group()[1:].lower(), name)


def _nominative(texts: list[str], lang: str, kind: str) -> str:
    if lang != "ru" or kind == "person":
        # A person's name: the shortest form, of which the others are case forms
        # («Филиппов», not pymorphy3's «Филиппы»).
        return min(texts, key=len)
    # Of the case forms found, the one the others are declensions of is the nominative.
    for text in sorted(texts, key=len):
        if all(_same(text, other, lang, kind) for other in texts):
            nominative = nominative_ru(text)
            return nominative
    return nominative_ru(texts[0])


# --- writing -------------------------------------------------------------------------------

def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(draft: Draft) -> str:
    """The TOML of one draft record (docs/registry.md)."""
    lines = [f"[{draft.id}]", 'status = "draft"']
    if not draft.kind_sure:
        lines.insert(0, f"# kind unsure: proposed as {draft.kind}; move the record to the right file if not")
    lines.insert(0, "# proposed by edition import from " + "; ".join(draft.evidence[:4]))
    for lang in draft.names:
        lines.append(f"name.{lang} = {_toml_string(draft.names[lang])}")
    for lang, forms in draft.forms.items():
        all_forms = list(dict.fromkeys([draft.names[lang], *forms]))
        lines.append(f"match.{lang} = [" + ", ".join(_toml_string(f) for f in all_forms) + "]")
    lines.append('description.en = ""')
    return "\n".join(lines) + "\n"


def write_drafts(drafts: Sequence[Draft], registry_dir: Path) -> list[Path]:
    """Append the drafts to the registry's TOML files (one per kind); returns the files
    changed. Existing records are never touched."""
    changed = []
    for kind, name in KIND_FILES.items():
        mine = [d for d in drafts if d.kind == kind]
        if not mine:
            continue
        path = Path(registry_dir) / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        text = old.rstrip("\n") + ("\n\n" if old.strip() else "") + "\n".join(render(d) for d in mine)
        tmp = path.with_suffix(".toml.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        changed.append(path)
    return changed
