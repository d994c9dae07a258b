"""`edition entities DOCUMENT`: unregistered names in a document's transcriptions, in
temporary projects built from the shipped witness texts and a copy of the real registry."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS
from edition.candidates import find_candidates, natasha_tagger, report_candidates
from edition.cli import main
from edition.errors import EditionError
from edition.markup import escape
from edition.paths import Project
from edition.registry import Registry

REPO = Path(__file__).resolve().parents[1]
DOCS = CORPUS / "source" / "documents"
SEED = DOCS / "1951-07-03-mao-to-filippov"
REPLY = DOCS / "1951-07-03-filippov-to-mao"


def make_project(root: Path, documents: dict[str, Path]) -> Project:
    """A project whose transcriptions are the shipped witness texts with no markup but
    the block prefix, so every name in them is left for the report to judge."""
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(CORPUS / "source" / "registry", root / "source" / "registry")
    for doc_id, folder in documents.items():
        target = root / "source" / "documents" / doc_id
        target.mkdir(parents=True)
        for lang in ("ru", "en"):
            lines = (folder / "witness" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
            (target / f"{lang}.txt").write_text(
                "".join(f"p @p{i} | {escape(line)}\n" for i, line in enumerate(lines, 1)),
                encoding="utf-8")
    return Project(root)


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "p", {"seed": SEED, "reply": REPLY})


def run(project: Project, doc_id: str, use_natasha: bool = True) -> tuple[int, str]:
    out = io.StringIO()
    code = report_candidates(project, doc_id, use_natasha=use_natasha, out=out)
    return code, out.getvalue()


def section(output: str, lang: str) -> str:
    """The lines printed for one language."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{lang}: "))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        body.append(line)
    return "\n".join(body)


def test_registered_names_are_not_reported(project: Project) -> None:
    code, output = run(project, "seed")
    assert code == 0
    for name in ("КИМ ИР СЕН", "ЛИ КЭ-НУНА", "Кайдзъё", "Кореи", "МАО ЦЗЭДУН", "Филиппов"):
        assert name not in section(output, "ru")
    for name in ("KIM IL SUNG", "Li Kenong", "Kaesong", "BEIJING", "FILIPPOV", "Stalin",
                 "SECOND MAIN ADMINISTRATION"):
        assert name not in section(output, "en")


def test_output_is_grouped_per_language_with_line_numbers(project: Project) -> None:
    _, output = run(project, "seed")
    assert [line.split(":")[0] for line in output.splitlines()
            if not line.startswith(" ")] == ["en", "ru"]
    english = (project.documents / "seed" / "en.txt").read_text(encoding="utf-8").splitlines()
    # every reported line number points at a transcription line that holds the text
    for lang in ("en",):
        for entry in section(output, lang).splitlines():
            number, rest = entry.strip().split(": ", 1)
            text = rest.rsplit("  [", 1)[0]
            assert text in english[int(number) - 1]


def test_an_unregistered_name_is_reported_where_it_is(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"seed": SEED})
    ru = project.documents / "seed" / "ru.txt"
    lines = ru.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "p @added | Вчера товарищ Пэн Дэхуай прибыл в Пхеньян.")
    ru.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, output = run(project, "seed", use_natasha=False)
    assert "  4: Пэн Дэхуай  [capitalised]" in section(output, "ru")
    assert "  4: Пхеньян  [capitalised]" in section(output, "ru")


def test_removing_a_record_makes_its_name_a_candidate(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"seed": SEED})
    places = project.registry / "places.toml"
    text = places.read_text(encoding="utf-8")
    start = text.index("[kaesong]")
    end = text.index("[parallel-38]")
    places.write_text(text[:start] + text[end:], encoding="utf-8")
    _, output = run(project, "seed", use_natasha=False)
    assert "Kaesong  [capitalised]" in section(output, "en")
    assert "Кайдзъё  [capitalised]" in section(output, "ru")


@pytest.mark.skipif(natasha_tagger() is None, reason="natasha (extra 'suggest') not installed")
def test_natasha_suggestions_are_labelled(tmp_path: Path) -> None:
    registry = Registry.load(CORPUS / "source" / "registry")
    text = "Товарищ Пэн Дэхуай прибыл в Пхеньян и встретился с Ким Ир Сеном.\n"
    found = find_candidates(text, "ru", registry, use_natasha=True)
    sources = {c.text: c.source for c in found}
    assert "natasha PER" in sources["Пэн Дэхуай"]
    assert "natasha LOC" in sources["Пхеньян"]
    # Kim Il Sung is registered: natasha's span for him is covered by the matcher
    assert not any("Ким" in t for t in sources)
    without = find_candidates(text, "ru", registry, use_natasha=False)
    assert not any("natasha" in c.source for c in without)


def test_sentence_initial_ordinary_words_are_not_candidates() -> None:
    registry = Registry.load(CORPUS / "source" / "registry")
    text = "Прошу Вас сообщить.\nThe enemy will possibly propose an exchange.\n"
    assert find_candidates(text, "ru", registry, use_natasha=False) == []
    assert find_candidates(text.splitlines()[1], "en", registry, use_natasha=False) == []


def test_missing_document_is_an_error(project: Project) -> None:
    with pytest.raises(EditionError) as info:
        run(project, "no-such-document")
    assert "no document 'no-such-document'" in str(info.value)


def test_document_without_transcription_is_an_error(project: Project) -> None:
    (project.documents / "empty").mkdir()
    with pytest.raises(EditionError) as info:
        run(project, "empty")
    assert "no transcription" in str(info.value)


def test_command_line(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "entities", "reply", "--no-natasha"]) == 0
    output = capsys.readouterr().out
    assert "ru: " in output and "en: " in output
    assert "KRASOVSKY" not in output and "ФИЛИППОВ" not in output
    assert main(["--root", str(project.root), "entities", "nothing"]) == 1
    assert "no document 'nothing'" in capsys.readouterr().err
