"""The words of dates in Russian and English: month names in their case forms and
abbreviations, ordinal days, relative days, approximations; and number words for the
measure recogniser. Each in lower case, title case and capitals (telegrams are often
typed in capitals); English month names only capitalised ("may" and "march" are verbs).
"""

from __future__ import annotations

_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
_EN_ABBR = ["jan", "feb", "mar", "apr", None, "jun", "jul", "aug", "sept", "oct", "nov", "dec"]
_RU_FORMS = [  # genitive, nominative, prepositional; abbreviation
    ("января", "январь", "январе", "янв"), ("февраля", "февраль", "феврале", "февр"),
    ("марта", "март", "марте", None), ("апреля", "апрель", "апреле", "апр"),
    ("мая", "май", "мае", None), ("июня", "июнь", "июне", None),
    ("июля", "июль", "июле", None), ("августа", "август", "августе", "авг"),
    ("сентября", "сентябрь", "сентябре", "сент"), ("октября", "октябрь", "октябре", "окт"),
    ("ноября", "ноябрь", "ноябре", "нояб"), ("декабря", "декабрь", "декабре", "дек"),
]


def cases(word: str) -> list[str]:
    """``word`` in lower case, title case and capitals."""
    return list(dict.fromkeys([word, word[:1].upper() + word[1:], word.upper()]))


MONTH_EN: dict[str, int] = {}
for _i, (_name, _abbr) in enumerate(zip(_EN_MONTHS, _EN_ABBR, strict=True), start=1):
    for _form in cases(_name)[1:]:
        MONTH_EN[_form] = _i
    if _abbr:
        for _form in cases(_abbr)[1:]:
            MONTH_EN[_form + "."] = _i
    if _name == "september":
        MONTH_EN["Sep."] = MONTH_EN["SEP."] = _i

MONTH_RU: dict[str, int] = {}
for _i, _forms in enumerate(_RU_FORMS, start=1):
    for _form in _forms[:3]:
        for _variant in cases(_form):
            MONTH_RU[_variant] = _i
    if _forms[3]:
        for _variant in cases(_forms[3]):
            MONTH_RU[_variant + "."] = _i


def month_number(word: str) -> int:
    return MONTH_EN.get(word) or MONTH_RU[word]


_EN_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_ORD = [*_EN_UNITS, "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
           "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
_ORD_EN: dict[str, int] = {w: i for i, w in enumerate(_EN_ORD, start=1)}
for _i, _w in enumerate(_EN_UNITS, start=1):
    for _sep in ("-", " "):
        _ORD_EN[f"twenty{_sep}{_w}"] = 20 + _i
_ORD_EN["thirtieth"] = 30
for _sep in ("-", " "):
    _ORD_EN[f"thirty{_sep}first"] = 31
ORDINAL_EN = {v: n for w, n in _ORD_EN.items() for v in cases(w)}

_RU_ORD_STEMS = ["перв", "втор", "треть", "четвёрт", "четверт", "пят", "шест", "седьм", "восьм",
                 "девят", "десят", "одиннадцат", "двенадцат", "тринадцат", "четырнадцат",
                 "пятнадцат", "шестнадцат", "семнадцат", "восемнадцат", "девятнадцат", "двадцат"]
_RU_ORD_NUM = [1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]


def _ru_ordinal_forms(stem: str) -> list[str]:
    if stem == "треть":      # третьего, третье
        return ["третьего", "третье"]
    return [stem + "ого", stem + "ое"]


_ORD_RU: dict[str, int] = {}
for _stem, _n in zip(_RU_ORD_STEMS, _RU_ORD_NUM, strict=True):
    for _form in _ru_ordinal_forms(_stem):
        _ORD_RU[_form] = _n
for _stem, _n in zip(_RU_ORD_STEMS[:10], _RU_ORD_NUM[:10], strict=True):
    if _n > 9:
        continue
    for _form in _ru_ordinal_forms(_stem):
        _ORD_RU[f"двадцать {_form}"] = 20 + _n
for _form in _ru_ordinal_forms("тридцат"):
    _ORD_RU[_form] = 30
for _form in _ru_ordinal_forms("перв"):
    _ORD_RU[f"тридцать {_form}"] = 31
ORDINAL_RU = {v: n for w, n in _ORD_RU.items() for v in cases(w)}


def ordinal_day(word: str) -> int:
    import re

    word = re.sub(r"\s+", " ", word)
    return ORDINAL_EN.get(word) or ORDINAL_RU[word]


# Days relative to the document's date; a pair is a span of days (notBefore, notAfter).
_RELATIVE: dict[str, int | tuple[int, int]] = {
    "позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2,
    "прошлой ночью": (-1, 0),
    "the day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1,
    "the day after tomorrow": 2, "last night": (-1, 0),
}
RELATIVE = {v: n for w, n in _RELATIVE.items() for v in cases(w)}
# Dates the text gives that no reader can resolve to a day: marked, without a value.
UNRESOLVABLE = {v for w in ("на днях", "the other day") for v in cases(w)}
APPROX = {v for w in ("примерно", "приблизительно", "около", "ориентировочно", "about",
                      "approximately", "around", "roughly", "circa", "ca.", "c.", "on or about")
          for v in cases(w)}

# Number words for quantities (measures, durations): the forms of 1-12, 15, 20, 30 and
# the hyphenated pairs («трёх-четырёх», "three-four") that telegrams use for estimates.
NUMBER_EN = {w: n for n, w in enumerate(["one", "two", "three", "four", "five", "six", "seven",
                                         "eight", "nine", "ten", "eleven", "twelve"], start=1)}
NUMBER_EN |= {"a": 1, "an": 1, "fifteen": 15, "twenty": 20, "thirty": 30}
NUMBER_RU = {
    "один": 1, "одного": 1, "одну": 1, "одна": 1, "одной": 1, "одном": 1, "одним": 1,
    "два": 2, "две": 2, "двух": 2, "двум": 2, "двумя": 2,
    "три": 3, "трёх": 3, "трех": 3, "трём": 3, "трем": 3, "тремя": 3,
    "четыре": 4, "четырёх": 4, "четырех": 4, "четырём": 4, "четырем": 4, "четырьмя": 4,
    "пять": 5, "пяти": 5, "пятью": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
    "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "одиннадцать": 11, "одиннадцати": 11, "двенадцать": 12, "двенадцати": 12,
    "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20, "тридцать": 30,
    "тридцати": 30, "полтора": 1.5, "полутора": 1.5,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6,
}
NUMBER_WORDS = {v: n for w, n in (*NUMBER_EN.items(), *NUMBER_RU.items()) for v in cases(w)}
