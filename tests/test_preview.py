"""Terminal preview: wrap first, then reorder each line; markers, headings, side by side; the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import polib
import pytest
from rich.cells import cell_len
from rich.console import Console

from l10n.assemble import localise, lookup_from_catalog
from l10n.assemble.rtl import isolate_latin
from l10n.lang import get_language
from l10n.preview import ArticlePreview, BidiText, glossary_highlighter, resolve_bidi, resolve_shape
from l10n.preview.layout import paragraph_levels, shape_line, visual_order, wrap
from l10n.segment import read_document

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source" / "palmyra-attack.md"
FIXTURE = REPO / "tests" / "fixtures" / "palmyra-attack.ar.po"
AR = get_language("ar")

PARAGRAPH = (
    "في صيف عام 2015 اجتاح إرهابيو تنظيم الدولة الإسلامية مدينة تدمر الأثرية "
    "في وسط سوريا ونهبوا كنوزها وجرفوا معالمها"
)


def rev(words: str) -> str:
    """Display order of a run of Arabic words without marks or digits: simply reversed."""
    return words[::-1]


def render_lines(renderable, width: int = 80, **kw) -> list[str]:
    console = Console(record=True, width=width, color_system=None, **kw)
    console.print(renderable)
    return console.export_text().splitlines()


@pytest.fixture(scope="module")
def seed_ar():
    doc = read_document(SEED, name="palmyra-attack", display_path="source/palmyra-attack.md")
    return localise(doc, lookup_from_catalog(polib.pofile(str(FIXTURE))), AR)


def arabic_project(tmp_path: Path) -> Path:
    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source" / SEED.name)
    po_dir = tmp_path / "locale" / "ar" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    shutil.copy(FIXTURE, po_dir / "palmyra-attack.po")
    return tmp_path


# --------------------------------------------------------------------------- layout


def test_first_visual_line_holds_the_first_words_at_the_right_edge():
    lines = render_lines(BidiText(PARAGRAPH, rtl=True), width=40)
    assert len(lines) == 3
    assert lines[0].endswith(rev("في صيف عام"))
    assert cell_len(lines[0]) == 40  # right-aligned, flush with the edge
    assert rev("وجرفوا معالمها") in lines[-1]
    # the classic bug (reorder, then wrap) would put the last words on the first line
    assert rev("معالمها") not in lines[0]


def test_wrapping_counts_cells_with_harakat_as_zero_width():
    text = "تَسَلَّلَ عُنْصُرٌ مِنْ تَنْظِيمِ الدَّوْلَةِ الإِسْلَامِيَّةِ إِلَى المَنْظُومَةِ الأَمْنِيَّةِ السُّورِيَّةِ وَانْتَظَرَ"
    lines = render_lines(BidiText(text, rtl=True), width=30)
    assert len(lines) > 1
    assert all(cell_len(line) == 30 for line in lines[:-1] if line.strip())
    assert all(cell_len(line) <= 30 for line in lines)
    for line in lines:  # each mark still follows its letter, so a terminal stacks it on the right cell
        assert not unicodedata.category(line.lstrip()[0]).startswith("M")


def test_latin_run_in_an_arabic_line_reads_left_to_right_with_mirrored_brackets():
    lines = render_lines(BidiText(isolate_latin("قانون قيصر (Caesar Act) الذي"), rtl=True), width=40)
    assert lines == [" " * 12 + "يذلا (Caesar Act) رصيق نوناق"]


def test_mixed_paragraph_keeps_english_sentence_whole_and_in_order():
    text = "قال المتحدث إن الهجوم خطير. \u2066As such, this attack is a serious setback.\u2069 وأضاف أن التحقيق جار."
    levels = paragraph_levels(text, rtl=True)
    (start, end), = wrap(text, 200)
    visual = "".join(text[i] for i in visual_order(text, levels, start, end, True))
    assert "As such, this attack is a serious setback." in visual
    assert visual.endswith(rev("قال المتحدث إن الهجوم خطير."))  # first sentence on the right
    assert visual.startswith(rev("وأضاف أن التحقيق جار."))  # last one on the left, full stop outermost
    assert visual.index(rev("التحقيق")) < visual.index("As such") < visual.index(rev("الهجوم"))


def test_bidi_terminal_mode_leaves_logical_order():
    lines = render_lines(BidiText(PARAGRAPH, rtl=True, bidi="terminal"), width=40)
    assert lines[0].lstrip("\u200f").startswith("في صيف عام 2015")
    assert "".join(line.lstrip("\u200f") + " " for line in lines).split() == PARAGRAPH.split()


def test_shaping_gives_presentation_forms_that_normalise_back():
    shaped, src = shape_line("في صيف لا")
    assert shaped != "في صيف لا"
    assert unicodedata.normalize("NFKC", shaped) == "في صيف لا"
    assert len(shaped) == len("في صيف لا") - 1 and src[-1] == len("في صيف لا") - 2  # lam-alef: one glyph


def test_bidi_mode_auto_detects_terminals_that_reorder_themselves():
    assert resolve_bidi("auto", {"VTE_VERSION": "7600"}) == "terminal"
    assert resolve_bidi("auto", {"KONSOLE_VERSION": "230805"}) == "terminal"
    assert resolve_bidi("auto", {"TERM": "mlterm"}) == "terminal"
    assert resolve_bidi("auto", {"TERM": "xterm-256color", "TMUX": "/tmp/x"}) == "app"
    assert resolve_bidi("off", {}) == "terminal"
    assert resolve_shape("auto", "app") is True and resolve_shape("auto", "terminal") is False


# --------------------------------------------------------------------------- the article


def test_preview_shows_styled_article_with_markers_for_english_fallbacks(seed_ar):
    text = "\n".join(render_lines(ArticlePreview(seed_ar), width=80))
    assert "palmyra-attack → Arabic (ar), right-to-left" in text
    assert "58 translated   [EN] 3 untranslated   [EN~] 1 fuzzy" in text
    assert rev("هجوم تدمر وما يعنيه للتعاون الأمريكي السوري") in text
    assert rev("عصا في الدواليب") + " ##" in text  # heading mark on the start (right) side
    assert "## [EN] Spotting weaknesses" in text  # an English heading is laid out left to right
    assert "┃ [EN~] The Palmyra attack may be used" in text
    assert rev("سانا") + " ©" in text
    assert "[EN] As such, this attack is" in text


def test_preview_styles_headings_and_fallback_markers(seed_ar):
    console = Console(record=True, width=80, color_system="truecolor", force_terminal=True)
    console.print(ArticlePreview(seed_ar))
    styled = console.export_text(styles=True)
    assert "\x1b[1;31m[EN]" in styled  # bold red marker
    assert "\x1b[1;36m" + rev("عصا في الدواليب") in styled  # bold cyan heading


def test_side_by_side_puts_source_and_translation_in_columns(seed_ar):
    lines = render_lines(ArticlePreview(seed_ar, side_by_side=True), width=120)
    header = next(line for line in lines if "English (source)" in line)
    assert "Arabic (ar)" in header
    row = next(line for line in lines if "The Palmyra attack and what it means" in line)
    assert row.rstrip().endswith(rev("هجوم تدمر"))


def test_glossary_terms_are_highlighted_when_a_glossary_is_available(seed_ar):
    from l10n.glossary import parse_csv

    glossary = parse_csv("id,en,ar\npalmyra,Palmyra,تدمر\n", "terms.csv")
    highlight = glossary_highlighter(glossary, "ar")
    assert highlight is not None
    console = Console(record=True, width=80, color_system="truecolor", force_terminal=True)
    console.print(ArticlePreview(seed_ar, highlighter=highlight))
    assert "\x1b[4;32m" + rev("تدمر") in console.export_text(styles=True)


def test_no_glossary_or_an_empty_one_means_no_highlighting():
    from l10n.glossary import Glossary

    assert glossary_highlighter(None, "ar") is None
    assert glossary_highlighter(Glossary(), "ar") is None


def test_a_broken_glossary_stops_the_preview_with_one_line(tmp_path, capsys):
    from l10n.cli import main

    root = arabic_project(tmp_path)
    (root / "glossary").mkdir(exist_ok=True)
    (root / "glossary" / "terms.csv").write_bytes(b"\xff\xfe\x00broken")
    assert main(["-C", str(root), "preview", "palmyra-attack", "-l", "ar", "--width", "80"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "terms.csv" in err


# --------------------------------------------------------------------------- CLI


def test_cli_preview_prints_the_article(tmp_path, capsys):
    from l10n.cli import main

    root = arabic_project(tmp_path)
    code = main(["-C", str(root), "preview", "palmyra-attack", "-l", "ar", "--width", "80",
                 "--bidi", "app", "--shape", "off"])
    out = capsys.readouterr().out
    assert code == 0
    assert rev("هجوم تدمر وما يعنيه للتعاون الأمريكي السوري") in out


def test_cli_preview_without_a_catalogue_is_one_line_exit_2(tmp_path, capsys):
    from l10n.cli import main

    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source" / SEED.name)
    assert main(["-C", str(tmp_path), "preview", "palmyra-attack", "-l", "ar"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("l10n: error: ") and "no such catalogue" in err


def test_cli_preview_needs_one_language(tmp_path, capsys):
    from l10n.cli import main

    root = arabic_project(tmp_path)
    (root / "l10n.toml").write_text('languages = ["ar", "fr"]\n', encoding="utf-8")
    assert main(["-C", str(root), "preview", "palmyra-attack"]) == 2
    assert "choose one with --lang" in capsys.readouterr().err


def test_preview_never_imports_an_mt_engine(tmp_path):
    root = arabic_project(tmp_path)
    code = (
        "import sys; from l10n.cli import main;"
        f"rc = main(['-C', {str(root)!r}, 'preview', 'palmyra-attack', '-l', 'ar', '--width', '80']);"
        "print(rc, sorted(m for m in ('torch', 'argostranslate', 'ctranslate2', 'sentencepiece') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert run.stdout.splitlines()[-1] == "0 []", run.stderr


# --------------------------------------------------------------------------- a real terminal


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("columns", [80, 120])
def test_tmux_shows_each_paragraph_starting_at_the_right_edge(tmp_path, columns):
    import time

    root = arabic_project(tmp_path)
    script = tmp_path / "run.sh"
    script.write_text(  # COLUMNS may be inherited (pytest runs set it): let rich ask the pane
        f"unset COLUMNS LINES\nPYTHONPATH={REPO} {sys.executable} -m l10n -C {root} preview palmyra-attack -l ar --bidi app\n"
        "echo __DONE__\nsleep 30\n",
        encoding="utf-8",
    )
    socket = f"l10n-test-{columns}-{id(tmp_path)}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-x", str(columns), "-y", "50", f"sh {script}"], check=True)
    try:
        capture = ""
        for _ in range(100):
            time.sleep(0.2)
            capture = subprocess.run([*tmux, "capture-pane", "-p", "-S", "-", "-E", "-"],
                                     capture_output=True, text=True).stdout
            if "__DONE__" in capture:
                break
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    assert "__DONE__" in capture, capture[-2000:]
    raw = capture.splitlines()
    lines = [unicodedata.normalize("NFKC", line) for line in raw]  # undo the app's shaping
    # the article's first body paragraph: «في صيف عام 2015، …» starts at the right edge …
    first = next(k for k, line in enumerate(lines) if line.rstrip().endswith("،2015 " + rev("في صيف عام")))
    assert cell_len(raw[first].rstrip()) == columns
    # … and its last line, further down, ends with «… لهزيمة التنظيم.» (full stop on the left)
    last = next(k for k, line in enumerate(lines) if line.lstrip().startswith(rev("لهزيمة التنظيم.")))
    assert first < last
