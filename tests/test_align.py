"""importer.align: the original's units linked with the translation's, 1:1, 1:n, n:1 or
alone, each link with a confidence and the evidence it rests on.

The shipped documents' hand-prepared transcriptions (copied into tests/fixtures/align)
give the units and, through their labels and flags, the expected alignment. Synthetic
texts, generated here from fixed seeds, test what the length model alone can do."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from edition.importer.align import LOW_CONFIDENCE, Link, Unit, align, broken_off, review
from edition.markup import inline_witness, parse_file
from edition.registry import Registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures" / "align"


def _units(path: Path, lang: str) -> tuple[list[Unit], list[tuple[str | None, tuple[str, ...]]]]:
    units, labels = [], []
    for block in parse_file(path, lang).blocks:
        kind = "itemp" if block.continues_item else block.kind + (f".{block.type}" if block.type else "")
        units.append(Unit(kind, inline_witness(block.inlines), block.line))
        labels.append((block.key, block.flags))
    return units, labels


def hand_prepared(name: str) -> tuple[list[Unit], list[Unit], set[tuple]]:
    """The units of a fixture document and its alignment as the editor labelled it:
    (original indices, translation indices, flag) per link."""
    ru, ru_labels = _units(FIXTURES / name / "ru.txt", "ru")
    en, en_labels = _units(FIXTURES / name / "en.txt", "en")
    expected: set[tuple] = set()
    keys = dict.fromkeys(k for k, _ in ru_labels + en_labels if k)
    for key in keys:
        o = tuple(i for i, (k, _) in enumerate(ru_labels) if k == key)
        t = tuple(i for i, (k, _) in enumerate(en_labels) if k == key)
        flags = {f for i in o for f in ru_labels[i][1]} | {f for i in t for f in en_labels[i][1]}
        expected.add((o, t, flags.pop() if flags else ""))
    expected |= {((i,), (), "skipped") for i, (k, _) in enumerate(ru_labels) if k is None}
    expected |= {((), (i,), "skipped") for i, (k, _) in enumerate(en_labels) if k is None}
    return ru, en, expected


def as_set(links: list[Link]) -> set[tuple]:
    return {(link.original, link.translation, link.flag) for link in links}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(FIXTURES / "registry")


def assert_partition(links: list[Link], n: int, m: int) -> None:
    """Every unit of both sides is in exactly one link."""
    assert sorted(i for link in links for i in link.original) == list(range(n))
    assert sorted(j for link in links for j in link.translation) == list(range(m))


# --- the shipped documents -------------------------------------------------------------------

@pytest.mark.parametrize("with_registry", [True, False], ids=["registry", "no-registry"])
def test_telegram_alignment_equals_the_hand_prepared_one(with_registry: bool,
                                                          registry: Registry) -> None:
    ru, en, expected = hand_prepared("telegram")
    links = align(ru, en, original_lang="ru", translation_lang="en",
                  registry=registry if with_registry else None)
    assert_partition(links, len(ru), len(en))
    assert as_set(links) == expected
    aligned = [link for link in links if link.original and link.translation]
    assert len(aligned) == len([e for e in expected if e[0] and e[1]])
    assert not review(links), [(link, ru[link.original[0]].text[:30]) for link in review(links)]


def test_telegram_finds_both_places_where_one_russian_paragraph_is_two_english_ones() -> None:
    ru, en, _ = hand_prepared("telegram")
    links = align(ru, en, original_lang="ru", translation_lang="en")
    splits = [link for link in links if len(link.translation) == 2]
    assert [ru[link.original[0]].text[:15] for link in splits] == ["Это также очень", "После этого он "]
    assert [en[link.translation[1]].text[:15] for link in splits] == ["I ask you to st", "I am also sendi"]
    assert all("1:2" in link.signals for link in splits)


def test_telegram_links_say_what_they_rest_on(registry: Registry) -> None:
    ru, en, _ = hand_prepared("telegram")
    links = align(ru, en, original_lang="ru", translation_lang="en", registry=registry)
    by_start = {ru[link.original[0]].text[:12]: link for link in links if link.original}
    proposal2 = by_start["2. “Сухопутн"].signals
    assert "point 2" in proposal2 and "date 1950-06-25" in proposal2 and "numbers 10, 38" in proposal2
    assert "name kim-il-sung" in by_start["Прошу сообщи"].signals
    assert "date 1951-07-05" in by_start["Прошу сообщи"].signals
    assert any(s.startswith("length ") for s in by_start["Товарищ Фили"].signals)
    header = [link for link in links if not link.original and link.flag == "unaligned"]
    assert all("before the other text begins" in link.signals or "after the other text ends" in link.signals
               for link in header)


def test_telegram_aligns_without_the_importers_unit_kinds() -> None:
    """Kinds help, but the alignment does not depend on them: every unit called a paragraph."""
    ru, en, expected = hand_prepared("telegram")
    flat = [[Unit("gap" if u.kind == "gap" else "p", u.text, u.line) for u in side] for side in (ru, en)]
    links = align(flat[0], flat[1], original_lang="ru", translation_lang="en")
    assert as_set(links) == expected


@pytest.mark.parametrize("with_registry", [True, False], ids=["registry", "no-registry"])
def test_reply_aligns_up_to_the_break_and_the_rest_is_lost(with_registry: bool,
                                                           registry: Registry) -> None:
    ru, en, expected = hand_prepared("reply")
    assert broken_off(en) and not broken_off(ru)
    links = align(ru, en, original_lang="ru", translation_lang="en",
                  registry=registry if with_registry else None)
    assert_partition(links, len(ru), len(en))
    assert as_set(links) == expected
    assert len([link for link in links if link.original and link.translation]) == 2
    assert [ru[link.original[0]].kind for link in links if link.flag == "lost"] == ["p", "signed"]
    assert [en[link.translation[0]].kind for link in links
            if link.flag == "unaligned"] == ["head", "seg.address", "seg.address"]
    assert not review(links)


# --- synthetic texts ---------------------------------------------------------------------------

_RU = ("сторона предложение вопрос войска совещание представитель противник пункт "
       "граница комитет перевозка решение мнение товарищ линия срок район месяц")
_EN = ("side proposal question troops meeting representative enemy point border "
       "committee transport decision opinion comrade line period region month")
RU_WORDS, EN_WORDS = tuple(_RU.split()), tuple(_EN.split())


def sentence(rng: random.Random, words: tuple[str, ...], length: int, end: str = ".") -> str:
    out: list[str] = []
    while len(" ".join(out)) < length:
        out.append(rng.choice(words))
    text = " ".join(out)
    return text[0].upper() + text[1:] + end


def synthetic(seed: int, count: int, ratio: float = 1.1) -> tuple[list[Unit], list[Unit]]:
    """`count` paragraphs of very different lengths, in random order, and a 'translation' of
    each whose length follows the original's with some noise. No digits, no names."""
    rng = random.Random(seed)
    lengths = [rng.choice((25, 60, 120, 250, 400, 700)) + rng.randint(0, 40) for _ in range(count)]
    rng.shuffle(lengths)
    ru = [Unit("p", sentence(rng, RU_WORDS, n), k + 1) for k, n in enumerate(lengths)]
    en = [Unit("p", sentence(rng, EN_WORDS, int(n * ratio * rng.uniform(0.88, 1.12))), k + 1)
          for k, n in enumerate(lengths)]
    return ru, en


def pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.original, link.translation) for link in links]


@pytest.mark.parametrize("seed", range(5))
def test_length_alone_aligns_paragraphs_of_shuffled_lengths(seed: int) -> None:
    ru, en = synthetic(seed, 30)
    links = align(ru, en, original_lang="ru", translation_lang="en")
    assert pairs(links) == [((k,), (k,)) for k in range(30)]
    assert all(any(s.startswith("length") for s in link.signals) for link in links)


@pytest.mark.parametrize("ratio", [0.8, 1.3])
def test_the_length_ratio_is_learnt_from_the_text(ratio: float) -> None:
    ru, en = synthetic(7, 25, ratio=ratio)
    links = align(ru, en, original_lang="ru", translation_lang="en")
    assert pairs(links) == [((k,), (k,)) for k in range(25)]


def merge(units: list[Unit], first: int) -> list[Unit]:
    joined = Unit(units[first].kind, units[first].text + " " + units[first + 1].text, units[first].line)
    return units[:first] + [joined] + units[first + 2:]


@pytest.mark.parametrize("seed", range(3))
def test_two_paragraphs_of_one_side_joined_in_the_other(seed: int) -> None:
    ru, en = synthetic(seed, 20)
    en_merged = merge(merge(en, 12), 4)  # en 4 = ru 4+5; en 11 = ru 12+13
    links = align(ru, en_merged, original_lang="ru", translation_lang="en")
    assert ((4, 5), (4,)) in pairs(links) and ((12, 13), (11,)) in pairs(links)
    assert_partition(links, 20, 18)
    ru_merged = merge(ru, 8)  # ru 8 = en 8+9
    links = align(ru_merged, en, original_lang="ru", translation_lang="en")
    assert ((8,), (8, 9)) in pairs(links)
    assert len(pairs(links)) == 19


def test_a_missing_translation_tail_is_left_unaligned_for_review() -> None:
    ru, en = synthetic(11, 15)
    links = align(ru, en[:12], original_lang="ru", translation_lang="en")
    assert pairs(links)[:12] == [((k,), (k,)) for k in range(12)]
    tail = links[12:]
    assert [link.original for link in tail] == [(12,), (13,), (14,)]
    assert all(not link.translation for link in tail)
    # A complete last sentence cannot tell "never translated" from "copy incomplete".
    assert all(link in review(links) for link in tail)


def test_a_translation_that_breaks_off_mid_word_loses_the_rest() -> None:
    ru, en = synthetic(12, 15)
    cut = en[9].text[: len(en[9].text) // 2].rstrip()
    cut = cut + "tra" if not cut[-1].isalpha() else cut
    en_cut = en[:9] + [Unit("p", cut, 10)]
    assert broken_off(en_cut)
    links = align(ru, en_cut, original_lang="ru", translation_lang="en")
    assert pairs(links)[:10] == [((k,), (k,)) for k in range(10)]
    assert "text breaks off" in links[9].signals
    assert [(link.original, link.flag) for link in links[10:]] == [((k,), "lost") for k in range(10, 15)]
    assert all(link.confidence >= LOW_CONFIDENCE for link in links)


@pytest.mark.parametrize("kind", ["head", "p"])
def test_a_header_and_trailer_only_the_translation_has_are_unaligned(kind: str) -> None:
    ru, en = synthetic(13, 12)
    header = [Unit(kind, "SECOND ADMINISTRATION OF THE GENERAL STAFF", 1),
              Unit(kind, "CIPHERED TELEGRAM No. 123", 2),
              Unit(kind, "Copies: Smith (2)", 3)]
    trailer = [Unit("trailer" if kind == "head" else kind, "No. 4567", 20)]
    links = align(ru, header + en + trailer, original_lang="ru", translation_lang="en")
    assert [(link.translation, link.flag) for link in links[:3]] == [((k,), "unaligned") for k in range(3)]
    assert pairs(links)[3:15] == [((k,), (k + 3,)) for k in range(12)]
    assert (links[15].original, links[15].translation, links[15].flag) == ((), (15,), "unaligned")


def test_omission_marks_are_not_alignment_units() -> None:
    ru, en = synthetic(14, 6)
    ru = [Unit("gap", "[…]", 0)] + ru + [Unit("gap", "[…]", 9)]
    links = align(ru, en, original_lang="ru", translation_lang="en")
    assert [link.flag for link in links if link.flag] == ["skipped", "skipped"]
    assert pairs(links)[1:7] == [((k + 1,), (k,)) for k in range(6)]


def test_where_the_evidence_cannot_decide_the_link_is_for_review() -> None:
    """Three equal paragraphs against two: which one the translation lacks, nothing says."""
    text_ru = "Сторона предложение вопрос войска совещание представитель противник пункт."
    text_en = "Side proposal question troops meeting representative enemy point border."
    ru = [Unit("p", text_ru, k) for k in range(3)]
    en = [Unit("p", text_en, k) for k in range(2)]
    links = align(ru, en, original_lang="ru", translation_lang="en")
    assert_partition(links, 3, 2)
    assert review(links)
    assert all(link.confidence < LOW_CONFIDENCE for link in links if not link.translation)


def test_numbered_points_outweigh_lengths() -> None:
    """Point 2's translation is far shorter than its original, point 3's far longer; the
    numbers keep them apart."""
    rng = random.Random(3)
    ru = [Unit("item", f"{k}. " + sentence(rng, RU_WORDS, n), k) for k, n in ((1, 200), (2, 400), (3, 100))]
    en = [Unit("item", f"{k}. " + sentence(rng, EN_WORDS, n), k) for k, n in ((1, 200), (2, 200), (3, 220))]
    links = align(ru, en, original_lang="ru", translation_lang="en")
    assert pairs(links) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert "point 3" in links[2].signals


def test_empty_sides() -> None:
    ru, _ = synthetic(1, 3)
    assert [(link.original, link.flag) for link in
            align(ru, [], original_lang="ru", translation_lang="en")] == [((0,), "unaligned"),
                                                                         ((1,), "unaligned"),
                                                                         ((2,), "unaligned")]
    assert align([], [], original_lang="ru", translation_lang="en") == []


def test_a_long_text_with_a_header_and_a_missing_tail() -> None:
    """Past FULL_LATTICE units the lattice is a band around the diagonals: a header on one
    side and a tail missing on the other still fit in it."""
    ru, en = synthetic(21, 130)
    header = [Unit("head", f"ARCHIVAL HEADING LINE {k}", k) for k in range(5)]
    links = align(ru, header + en[:110], original_lang="ru", translation_lang="en")
    assert_partition(links, 130, 115)
    assert [(link.translation, link.flag) for link in links[:5]] == [((k,), "unaligned") for k in range(5)]
    assert pairs(links)[5:115] == [((k,), (k + 5,)) for k in range(110)]
    assert all(not link.translation for link in links[115:])


def test_names_written_alike_decide_where_lengths_cannot() -> None:
    """No registry: «Петров» and "Petrov" are the same name in two scripts."""
    ru = [Unit("p", "Товарищ Иванов прибыл в город вчера вечером.", 1),
          Unit("p", "Товарищ Петров прибыл в город вчера вечером.", 2)]
    en = [Unit("p", "Comrade Petrov arrived in town yesterday evening.", 3)]
    links = align(ru, en, original_lang="ru", translation_lang="en")
    assert pairs(links) == [((0,), ()), ((1,), (0,))]
    assert "names alike: petrov" in links[1].signals and links[1].confidence >= LOW_CONFIDENCE


def test_units_where_the_translation_marks_an_omission_are_lost() -> None:
    ru, en = synthetic(31, 12)
    en_cut = en[:5] + [Unit("gap", "[…]", 50)] + en[7:]
    links = align(ru, en_cut, original_lang="ru", translation_lang="en")
    assert_partition(links, 12, 11)
    assert [(link.original, link.flag) for link in links if not link.translation] == [((5,), "lost"),
                                                                                        ((6,), "lost")]
    assert all("the other text marks an omission here" in link.signals
               for link in links if link.flag == "lost")
    assert ((7,), (6,)) in pairs(links)


KINDS = ("p", "item", "itemp", "head", "seg.address", "dateline", "salute", "signed", "gap", "trailer")
unit_strategy = st.builds(
    Unit, st.sampled_from(KINDS),
    st.text(alphabet=st.sampled_from(list("абв АБВ abc ABC 12.:?!«»\"()[]…-")), max_size=80),
    st.integers(1, 500))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unit_strategy, max_size=9), st.lists(unit_strategy, max_size=9))
def test_any_units_give_a_partition_in_text_order(ru: list[Unit], en: list[Unit]) -> None:
    """Whatever the units, every one is in exactly one link, each side in text order, each
    link with a confidence in [0, 1] and a flag that says why a side is empty."""
    links = align(ru, en, original_lang="ru", translation_lang="en")
    assert_partition(links, len(ru), len(en))
    for side in ("original", "translation"):
        order = [i for link in links for i in getattr(link, side)]
        assert order == sorted(order)
    for link in links:
        assert 0.0 <= link.confidence <= 1.0
        assert bool(link.flag) == (not link.original or not link.translation)
        units = [ru[i] for i in link.original] + [en[j] for j in link.translation]
        assert (link.flag == "skipped") == any(u.kind == "gap" for u in units)
