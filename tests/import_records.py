"""Records in the archive's shape, generated for the importer's tests (texts, '###',
labels), and the throwaway projects they are imported into (fixture registry, no documents).

Invented documents (no real letter, person or number is meant), with the features real
records have: archival heading and routing lines, numbered points with comments,
bracketed insertions, a citation line with several archival references, empty labels.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import pytest
from edition.paths import Project

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "import"
SHARED = REPO.parent / "shared"

SHARED_SEED = "seed/000_258a02fb508c896b.txt"
SHARED_REPLY = "documents/1951-07-03-filippov-to-mao.txt"

RU = [
    "[…]",
    "Пхеньян, 8 августа 1952 г.",
    "Товарищ Филиппов!",
    "Сообщаю Вам, что обсуждение проекта соглашения продолжается. Мы предлагаем следующее:",
    "1. “Обе стороны должны отвести войска на расстояние 5 километров от линии фронта”.",
    "Этот пункт, возможно, будет принят без возражений.",
    "2. “Пленные должны быть возвращены в течение двух месяцев”.",
    "Противник, возможно, будет настаивать на другом сроке. Прошу Вас сообщить Ваше мнение.",
    "Вышеуказанные пункты мы намерены выдвинуть на совещании 10.8.1952.",
    "Вчера в Кэсон прибыл товарищ Ли Кэ-нун [Ли Кэнун].",
    "МАО ЦЗЭДУН",
    "[…]",
]
EN = [
    "CIPHERED TELEGRAM No. 4711",
    "Copies: Stalin (1)",
    "From PYONGYANG Received 09:30 8.8.1952",
    "To Comrade FILIPPOV [Stalin]",
    "Pyongyang, 8 August 1952",
    "Comrade FILIPPOV!",
    "I report to you that the discussion of the draft agreement continues. We propose the following:",
    "1. \"Both sides must withdraw their troops to a distance of 5 kilometres from the front line.\"",
    "This point will possibly be accepted without objections.",
    "2. \"Prisoners must be returned within two months.\"",
    "The enemy will possibly insist on another period.",
    "I ask you to communicate your opinion.",
    "We intend to advance the above points at the meeting on 10.8.1952.",
    "Yesterday Comrade Li Kenong arrived in Kaesong.",
    "MAO ZEDONG",
    "No. 812",
    "8.8.52",
]
CITATION = ("\"Ciphered Telegram No. 4711, Mao Zedong to Filippov [Stalin],\" August 8, 1952, History "
            "and Public Policy Program Digital Archive, APRF, f. 45, op. 1, d. 348, ll. 4-6; AVPRF, "
            "f. 059a, op. 5a, d. 5, p. 11, ll. 1-2; RGASPI, f. 558, op. 11, d. 342, l. 3. Translated "
            "by Jane Translator. https://digitalarchive.example.org/document/900001")
LABELS = [
    "Summary",
    "Mao Zedong reports on the draft agreement and asks for advice.",
    "Author(s):",
    "Mao Zedong",
    "Associated People & Organizations",
    "Mao, Zedong, 1893-1976",
    "Associated Places",
    "Subjects Discussed",
    "Korean War, 1950-1953",
    "Armistice negotiations",
    "Document Information",
    "Source",
    "Archive of the President of the Russian Federation (APRF)",
    "Original Archive",
    "Archive of the President of the Russian Federation (APRF)",
    "Rights",
    "The rights statement of the invented archive.",
    "Original Uploaded Date",
    "2011-11-03",
    "Type",
    "Telegram",
    "Language",
    "Russian",
    "Record ID",
    "900001",
    CITATION,
]
HEADING = ["August 8, 1952", "Ciphered Telegram No. 4711, Mao Zedong to Filippov [Stalin]"]


def record(ru: list[str] | None = RU, en: list[str] | None = EN, labels: list[str] | None = None,
           heading_first: bool = True, between: str = "", blank_lines: int = 0,
           newline: str = "\n") -> str:
    """A record: [date, title,] ru, en, ###, [date, title,] labels. ``between`` separates the
    language blocks; ``blank_lines`` blank lines go after every line of the texts."""
    labels = LABELS if labels is None else labels
    gap = [""] * blank_lines
    lines: list[str] = list(HEADING) if heading_first else []
    for block in (ru, en):
        if block is None:
            continue
        for line in block:
            lines += [line, *gap]
        if between:
            lines.append(between)
    lines.append("###")
    if not heading_first:
        lines += HEADING
    lines += labels
    return newline.join(lines) + newline


def run_on(lines: list[str]) -> list[str]:
    """The text run into one line, as some web copies have it (omission marks stay apart)."""
    inner = [line for line in lines if line not in ("[…]", "[...]")]
    marks = [line for line in lines if line in ("[…]", "[...]")]
    return [f"{marks[0]} " + " ".join(inner) + (f" {marks[-1]}" if len(marks) > 1 else "")] if marks \
        else [" ".join(inner)]


# A letter of another shape: classification and copy lines, an address in the dative, a
# salutation with "Dear", points numbered "1)", a closing greeting, the date at the end.
LETTER_RU = [
    "Строго секретно", "Экз. № 2", "товарищу СТАЛИНУ И.В.", "Дорогой товарищ Сталин!",
    "Сообщаю Вам о положении дел на фронте. Противник ведёт активные действия у 38 параллели.",
    "Прошу Вас рассмотреть следующие вопросы:", "1) о поставках вооружения;", "2) о подготовке кадров.",
    "С коммунистическим приветом,", "КИМ ИР СЕН", "8 июля 1951 г.",
]
LETTER_EN = [
    "TOP SECRET", "Copy No. 2", "to Comrade STALIN I.V.", "Dear Comrade Stalin!",
    "I report to you on the situation at the front. The enemy is conducting active operations near the "
    "38th parallel.",
    "I ask you to consider the following questions:", "1) on the deliveries of arms;",
    "2) on the training of cadres.", "With communist greetings,", "KIM IL SUNG", "8 July 1951",
]
LETTER_HEADING = ["July 8, 1951", "Letter from Kim Il Sung to Stalin"]


def letter(labels: list[str] | None = None) -> str:
    lines = [*LETTER_HEADING, *LETTER_RU, "", *LETTER_EN, "###", *(labels or [])]
    return "\n".join(lines) + "\n"


# --- projects for the tests ------------------------------------------------------------

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
TODAY = dt.date(2026, 12, 2)
# records without a citation line do not name their publisher: the tests name it
PUBLISHER = "Wilson Center Digital Archive, History and Public Policy Program"


def new_project(folder: Path) -> Project:
    """An empty edition: the fixture registry, the repository's edition settings, no documents."""
    (folder / "source" / "documents").mkdir(parents=True)
    shutil.copytree(FIXTURES / "registry", folder / "source" / "registry")
    shutil.copyfile(FIXTURES / "edition.toml", folder / "source" / "edition.toml")
    (folder / "tei").mkdir()
    (folder / "pyproject.toml").write_text("")
    return Project(folder)


def shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"../shared is absent here ({path}): the archive's records are not available")
    return path


def write_record(folder: Path, text: str, name: str = "record.txt") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def meta(project: Project, doc_id: str) -> dict:
    return tomllib.loads((project.documents / doc_id / "metadata.toml").read_text("utf-8"))


def unregistered_parties() -> str:
    """The synthetic record with a sender and an addressee no register record covers."""
    return (record(labels=[])
            .replace("Ciphered Telegram No. 4711, Mao Zedong to Filippov [Stalin]",
                     "Telegram No. 4711, Peng Dehuai to Cde. Gao Gang [Kao Kang]")
            .replace("MAO ZEDONG", "PENG DEHUAI").replace("МАО ЦЗЭДУН", "ПЭН ДЭХУАЙ"))
