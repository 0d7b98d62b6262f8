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
    return console.export_text().replace("\u00a0", " ").splitlines()  # a marker's no-break space


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


# --------------------------------------------------------------------------- the editor's view (issue 14)

JUST = "Just over a decade later"
THIS = "This time, an IS operative"


def seed_with(code: str = "ar", *, clear=("Just over a decade", "This time, an IS operative"), drafts=(), shown=True):
    """The seed localised with the fixture, some msgstrs cleared and some entries turned into MT drafts."""
    from l10n.catalog import load_po, mt_comment_line

    doc = read_document(SEED, name="palmyra-attack", display_path="source/palmyra-attack.md")
    po = load_po(FIXTURE)
    for e in po:
        if e.msgid.startswith(clear):
            e.msgstr = ""
        if e.msgid.startswith(drafts):
            e.flags.append("fuzzy")
            e.tcomment = mt_comment_line("test engine", e.msgstr)  # MT's own text: a draft
    return localise(doc, lookup_from_catalog(po, drafts=shown), get_language(code))


def test_adjacent_english_sentences_read_in_order_and_match_fribidi():
    from bidi_oracle import visual

    ldoc = seed_with()
    preview = ArticlePreview(ldoc)
    block = next(lb for lb in ldoc.blocks if any(s.source.startswith(JUST) for s in lb.segments))
    [shown] = render_lines(preview.block_view(block), width=2000)  # one line: the order within it
    assert shown.index(JUST) < shown.index(THIS)
    # GNU FriBidi lays out the same logical text the same way
    assert shown.strip() == visual(preview.block_text(block).plain).replace("\u00a0", " ")


def draft_project(tmp_path: Path) -> Path:
    """The Arabic project with three entries turned into unreviewed MT drafts (as 'l10n translate' writes)."""
    from l10n.catalog import load_po, mt_comment_line, render_po

    root = arabic_project(tmp_path)
    path = root / "locale" / "ar" / "LC_MESSAGES" / "palmyra-attack.po"
    po = load_po(path)
    for e in po:
        if e.msgid.startswith(("An Islamic State operative", "The assault requires", "Spanner in the works")):
            e.flags.append("fuzzy")
            e.tcomment = mt_comment_line("test engine", e.msgstr)  # MT's own text: a draft
    path.write_bytes(render_po(po))
    return root


def test_cli_preview_shows_machine_drafts_by_default_marked_and_english_with_no_drafts(tmp_path, capsys):
    """Issue 14: 'l10n run' builds with drafts, so the preview right after must show them too, marked."""
    from l10n.cli import main

    root = draft_project(tmp_path)
    args = ["-C", str(root), "preview", "palmyra-attack", "-l", "ar", "--width", "100", "--bidi", "app", "--shape", "off"]
    assert main(args) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ")
    assert "[MT] 3 machine drafts (not reviewed)" in out
    assert rev("عصا في الدواليب") + " [MT] ##" in out  # the draft heading, marked on its start side
    assert "Spanner in the works" not in out
    assert main([*args, "--no-drafts"]) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ")
    assert "[MT]" not in out and "## [EN~] Spanner in the works" in out
    assert main(["-C", str(root), "stats", "-l", "ar"]) == 0
    table = capsys.readouterr().out
    row = next(line for line in table.splitlines() if "palmyra-attack" in line).split()
    assert row[2:7] == ["60", "53", "4", "(3", "MT)"]  # total, translated, fuzzy (of which MT drafts)
    assert "unreviewed machine drafts" in table


def test_markers_never_end_a_line_without_their_sentence():
    """Issue 14: ``[EN]`` sat at a line end with its sentence on the next line."""
    ldoc = seed_with(drafts=("The Syrian government has been",))
    preview = ArticlePreview(ldoc)
    markers = ("[EN]", "[EN~]", "[MT]")
    checked = 0
    for lb in ldoc.blocks:
        plain = preview.block_text(lb).plain
        if not any(m in plain for m in markers):
            continue
        for width in range(20, 81):
            for start, end in wrap(plain, width):
                line = plain[start:end].rstrip("\u2066\u2067\u2068\u2069\u200e\u200f")
                assert not line.endswith(markers), (width, line[-40:])
                checked += 1
    assert checked > 1000


def sgr_runs(ansi: str) -> list[tuple[set[str], str]]:
    """(SGR parameters, text) of every styled run in *ansi*."""
    import re

    out = []
    for m in re.finditer(r"\x1b\[([0-9;]*)m([^\x1b]*)", ansi):
        out.append((set(m.group(1).split(";")), m.group(2)))
    return out


@pytest.mark.parametrize("code", ["ar", "fa", "ur", "he"])
def test_no_synthetic_italic_on_right_to_left_text_in_the_terminal(code):
    """Issue 14: captions were sent with SGR 3 (italic) in Arabic; English fallbacks may stay italic."""
    from l10n.assemble.rtl import has_rtl

    ldoc = seed_with(code)
    console = Console(record=True, width=80, color_system="standard", force_terminal=True)
    console.print(ArticlePreview(ldoc, bidi="terminal"))
    runs = sgr_runs(console.export_text(styles=True))
    slanted = [text for params, text in runs if "3" in params and has_rtl(text)]
    assert not slanted, slanted[:3]
    assert any("3" in params and "Just over" in text for params, text in runs)  # English fallback still italic


def test_legend_fits_80_columns_and_wraps_between_items(tmp_path):
    ldoc = seed_with(drafts=("The Syrian government has been", "The incident also"))
    preview = ArticlePreview(ldoc, highlighter=lambda text: [])
    for width in (80, 60, 40):
        lines = render_lines(preview.header_lines(), width=width)
        assert all(cell_len(line.rstrip()) <= width for line in lines)
        legend = "\n".join(lines[1:-1])
        for item in ("5 untranslated", "[EN~] 1 fuzzy (English shown)", "[MT] 2 machine drafts (not reviewed)"):
            assert item in legend, (width, legend)  # each item whole on one line


def test_mlterm_gets_marks_not_isolates_and_keeps_the_full_stop_with_its_sentence(monkeypatch, capsys):
    """Issue 14: mlterm 3.9 draws LRI/PDI as boxes and, without them, moved a full stop across a line break."""
    from l10n.preview import resolve_bidi, terminal_draws_isolates_as_boxes

    assert terminal_draws_isolates_as_boxes({"TERM": "mlterm"}) and terminal_draws_isolates_as_boxes({"MLTERM": "3.9.0"})
    assert not terminal_draws_isolates_as_boxes({"TERM": "xterm-256color", "VTE_VERSION": "7600"})
    assert resolve_bidi("auto", {"MLTERM": "3.9.0"}) == "terminal"
    ldoc = seed_with()
    out = "\n".join(render_lines(ArticlePreview(ldoc, bidi="terminal", isolates=False), width=78))
    assert not set(out) & set("\u2066\u2067\u2068\u2069")
    block = next(lb for lb in ldoc.blocks if any(s.source.startswith(JUST) for s in lb.segments))
    plain = ArticlePreview(ldoc, bidi="terminal", isolates=False).block_text(block).plain
    assert "\u200e[EN]" in plain and "defeating IS.\u200e" in plain  # LRM on both sides of the English run
    # mlterm gives every mark a cell of its line (and draws nothing there): lines are wrapped counting them
    for line in out.splitlines():
        assert cell_len(line) + sum(ch in "\u200e\u200f" for ch in line) <= 78, line


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_cli_preview_under_mlterm_sends_no_isolates(tmp_path):
    root = arabic_project(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "l10n", "-C", str(root), "preview", "palmyra-attack", "-l", "ar", "--width", "78"],
        capture_output=True, text=True, cwd=REPO, timeout=60,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "TERM": "mlterm", "MLTERM": "3.9.0"},
    )
    assert run.returncode == 0, run.stderr
    assert not set(run.stdout) & set("\u2066\u2067\u2068\u2069") and "\u200e" in run.stdout


def test_article_given_as_its_file_name_is_accepted(tmp_path, capsys):
    from l10n.cli import main

    root = arabic_project(tmp_path)
    assert main(["-C", str(root), "preview", "palmyra-attack.md", "-l", "ar", "--width", "80"]) == 0
    assert "palmyra-attack → Arabic (ar)" in capsys.readouterr().out
    assert main(["-C", str(root), "preview", "nope.md", "-l", "ar"]) == 2
    assert "no such source file" in capsys.readouterr().err


def test_source_language_is_refused_as_a_target_and_a_close_code_is_suggested(tmp_path, capsys):
    from l10n.cli import main

    root = arabic_project(tmp_path)
    main(["-C", str(root), "extract"])
    capsys.readouterr()
    assert main(["-C", str(root), "update", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "source language" in err
    assert not (root / "locale" / "en").exists()
    assert main(["-C", str(root), "update", "--lang", "arr"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean 'ar'?" in err


def test_mlterm_lines_reordered_one_by_one_keep_english_in_order():
    """mlterm reorders each line as a paragraph of its own (first strong character: our RLM).  A line that
    started inside an English run with «221 of the Syrian…» showed 221 at its far right; GNU FriBidi,
    applied line by line the way mlterm applies it, must find every English word in reading order."""
    import re

    from bidi_oracle import visual

    ldoc = seed_with()
    preview = ArticlePreview(ldoc, bidi="terminal", isolates=False, header=False)
    block = next(lb for lb in ldoc.blocks if any(s.source.startswith(JUST) for s in lb.segments))
    checked = 0
    for width in range(30, 81):
        for line in render_lines(preview.block_view(block), width=width):
            english = re.search(r"[A-Za-z0-9\[][^\u0600-\u06ff]*[A-Za-z0-9.]", line)
            if english is None or len(english.group().split()) < 3:
                continue  # an Arabic line, or one with no English stretch of three words or more
            shown = visual(line, rtl=True)
            assert re.findall(r"[A-Za-z0-9]+", shown) == re.findall(r"[A-Za-z0-9]+", line), (width, line, shown)
            words = english.group().split()
            if words[-1].endswith("."):
                assert shown.rstrip().endswith(words[-1]) or words[-1] + " " in shown, (width, line, shown)
            checked += 1
    assert checked > 100


def test_a_misspelt_bidi_mode_is_refused_by_paragraph_and_article_alike(seed_ar) -> None:
    with pytest.raises(ValueError, match="bidi must be one of"):
        BidiText("نص", rtl=True, bidi="terminl")
    with pytest.raises(ValueError, match="bidi must be one of"):
        ArticlePreview(seed_ar, bidi="App")
    assert BidiText("نص", rtl=True).text.plain == "نص"  # a str is wrapped in a Text
