"""RTL-aware build output: HTML direction and <bdi>, Markdown/text isolates, LTR targets untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from l10n.assemble import localise, lookup_from_catalog, render, render_markdown
from l10n.assemble.rtl import LRI, LRM, PDI, RLM, isolate_latin, latin_runs, strip_bidi_controls
from l10n.catalog import make_template
from l10n.lang import get_language
from l10n.segment import parse_markdown, read_document

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source" / "palmyra-attack.md"
FIXTURE = REPO / "tests" / "fixtures" / "palmyra-attack.ar.po"
AR = get_language("ar")
FR = get_language("fr")


@pytest.fixture(scope="module")
def seed_ar():
    """The seed article localised with the Arabic fixture catalogue."""
    doc = read_document(SEED, name="palmyra-attack", display_path="source/palmyra-attack.md")
    return localise(doc, lookup_from_catalog(polib.pofile(str(FIXTURE))), AR)


def arabic_project(tmp_path: Path, code: str = "ar") -> Path:
    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source" / SEED.name)
    po_dir = tmp_path / "locale" / code / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    shutil.copy(FIXTURE, po_dir / "palmyra-attack.po")
    return tmp_path


def lookup(doc, mapping: dict[str, str]):
    return {(None, s.text): (mapping.get(s.text, ""), False) for s in doc.segments}


def test_fixture_catalogue_has_every_sentence_of_the_seed_article_and_some_gaps():
    doc = read_document(SEED, name="palmyra-attack", display_path="source/palmyra-attack.md")
    template = {(e.msgctxt, e.msgid) for e in make_template(doc, creation_date="")}
    po = polib.pofile(str(FIXTURE))
    assert {(e.msgctxt, e.msgid) for e in po} == template
    assert len([e for e in po if not e.msgstr]) == 3
    assert len([e for e in po if e.fuzzy]) == 1


# --------------------------------------------------------------------------- HTML


def test_html_page_is_rtl_and_english_fallback_blocks_are_ltr(seed_ar):
    page = render(seed_ar, "html")
    assert '<html lang="ar" dir="rtl">' in page
    assert '<h2 lang="en" dir="ltr" class="l10n-untranslated">Spotting weaknesses</h2>' in page
    # the fuzzy pull quote: its paragraph and the quote itself (bar on the left) are LTR English
    assert '<blockquote lang="en" dir="ltr">\n<p lang="en" dir="ltr" class="l10n-fuzzy">The Palmyra attack may' in page
    # an untranslated sentence inside an Arabic paragraph is an isolated LTR span
    assert '<span lang="en" dir="ltr" class="l10n-untranslated">As such, this attack is a serious setback' in page
    assert "Noto Naskh Arabic" in page


def test_html_wraps_latin_runs_in_bdi_so_brackets_stay_put(seed_ar):
    page = render(seed_ar, "html")
    assert "قانون قيصر (<bdi>Caesar Act</bdi>)" in page
    assert "(<bdi>SDF</bdi>)" in page
    assert "دليل سليمان/<bdi>AFP</bdi>" in page
    assert "<bdi>As such" not in page  # fallback English is isolated as a whole, not word by word


def test_html_caption_and_its_credit_become_one_figure(seed_ar):
    page = render(seed_ar, "html")
    assert page.count("<figure>") == 4
    assert '<figcaption>\n<p class="caption"><em>قوات أمريكية' in page
    assert '<p class="credit"><small>سانا</small></p>\n</figcaption>\n</figure>' in page


def test_html_keeps_lists_quotes_and_headings_and_marks_unknown_blocks_auto():
    text = "# Title here\n\n- First item.\n- Second item.\n\n> A quote.\n\n## Heading two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n2024\n"
    doc = parse_markdown(text)
    ldoc = localise(doc, lookup(doc, {"Title here": "العنوان", "First item.": "البند الأول.",
                                      "A quote.": "اقتباس.", "Heading two": "عنوان ثان"}), AR)
    page = render(ldoc, "html")
    assert "<h1 class=\"title\">العنوان</h1>" in page
    assert "<li>البند الأول.</li>" in page
    assert '<li lang="en" dir="ltr" class="l10n-untranslated">Second item.</li>' in page  # tight list: on <li>
    assert "<blockquote>\n<p>اقتباس.</p>\n</blockquote>" in page
    assert "<h2>عنوان ثان</h2>" in page
    assert '<table dir="auto">' in page
    assert '<p dir="auto">2024</p>' in page


def test_ltr_target_gets_no_rtl_markup_and_no_isolates():
    text = SEED.read_text(encoding="utf-8")
    doc = parse_markdown(text)
    ldoc = localise(doc, lookup(doc, {"SANA": "SANA", "Spanner in the works": "Grain de sable",
                                      "Delil Souleiman/AFP": "Delil Souleiman/AFP (photo)"}), FR)
    page = render(ldoc, "html")
    assert '<html lang="fr" dir="ltr">' in page
    assert 'dir="rtl"' not in page and "<bdi>" not in page
    for fmt in ("md", "txt"):
        out = render(ldoc, fmt)
        assert strip_bidi_controls(out) == out
    assert render(ldoc, "md") == render_markdown(ldoc)


def test_untranslated_rtl_article_is_the_english_source_in_markdown_and_text():
    text = SEED.read_text(encoding="utf-8")
    ldoc = localise(parse_markdown(text), {}, AR)
    assert render(ldoc, "md") == text
    assert strip_bidi_controls(render(ldoc, "txt")) == render(ldoc, "txt")
    assert '<html lang="ar" dir="rtl">' in render(ldoc, "html")


def test_identity_translation_into_an_ltr_language_reproduces_the_source_through_render():
    text = SEED.read_text(encoding="utf-8")
    doc = parse_markdown(text)
    identity = {(None, s.text): (s.text, False) for s in doc.segments}
    assert render(localise(doc, identity, FR), "md") == text


# --------------------------------------------------------------------------- Markdown and text


def test_markdown_is_wrapped_in_an_rtl_div_and_still_parses_as_markdown(seed_ar):
    out = render(seed_ar, "md")
    assert out.startswith('<div dir="rtl" lang="ar">\n\n# ' + RLM)
    assert out.endswith("\n\n</div>\n")
    tokens = MarkdownIt("commonmark").parse(out)
    types = [t.type for t in tokens]
    assert types[0] == "html_block" and types[-1] == "html_block"
    assert types.count("heading_open") == 5 and types.count("blockquote_open") == 1
    # same block structure as the source article
    source_types = [t.type for t in MarkdownIt("commonmark").parse(SEED.read_text(encoding="utf-8"))]
    assert types[1:-1] == source_types


def test_markdown_isolates_latin_runs_and_fallback_sentences(seed_ar):
    out = render(seed_ar, "md")
    assert f"قانون قيصر ({LRI}Caesar Act{PDI})" in out
    assert f"<small>{RLM}دليل سليمان/{LRI}AFP{PDI}</small>" in out
    assert f"## {LRM}{LRI}Spotting weaknesses{PDI}\n" in out
    assert f"{LRI}As such, this attack is a serious setback for Damascus.{PDI}" in out


def test_plain_text_starts_each_block_with_its_direction_mark(seed_ar):
    out = render(seed_ar, "txt")
    paragraphs = out.split("\n\n")
    assert paragraphs[0] == RLM + "هجوم تدمر وما يعنيه للتعاون الأمريكي السوري"
    assert f"{LRM}{LRI}Spotting weaknesses{PDI}" in paragraphs
    assert any(p.startswith(f"    {LRM}{LRI}The Palmyra attack") for p in paragraphs)  # the quote
    assert "<" not in out and "*" not in out


def test_mixed_arabic_and_english_paragraph_in_every_format():
    doc = parse_markdown("First sentence here. Second sentence, see https://sana.sy/x?a=1.\n")
    ldoc = localise(doc, lookup(doc, {"First sentence here.": "الجملة الأولى هنا, كما قالت SANA."}), AR)
    html = render(ldoc, "html")
    assert "<p>الجملة الأولى هنا، كما قالت <bdi>SANA</bdi>. " in html
    assert '<span lang="en" dir="ltr" class="l10n-untranslated">Second sentence, see https://sana.sy/x?a=1.</span>' in html
    md = render(ldoc, "md")
    assert f"{RLM}الجملة الأولى هنا، كما قالت {LRI}SANA{PDI}. {LRI}Second sentence, see https://sana.sy/x?a=1.{PDI}" in md
    txt = render(ldoc, "txt")
    assert txt == f"{RLM}الجملة الأولى هنا، كما قالت {LRI}SANA{PDI}. {LRI}Second sentence, see https://sana.sy/x?a=1.{PDI}\n"


# --------------------------------------------------------------------------- Latin runs


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("قانون قيصر (Caesar Act) الذي", ["Caesar Act"]),
        ("قرب الفرع 221 التابع", []),  # a lone number is not a Latin run
        ("near Branch 221 of", ["near Branch 221 of"]),
        ("دير الزور: Deir ez-Zor, Mayadin", ["Deir ez-Zor", "Mayadin"]),
        ("الـ U.S. Congress قال", ["U.S. Congress"]),
        ("طائرات F-16 على بعد 12 km", ["F-16", "12 km"]),
        ("الرابط https://sana.sy/ar?x=1, هنا", ["https://sana.sy/ar?x=1"]),
    ],
)
def test_latin_runs_are_latin_words_with_their_numbers(text, runs):
    assert [text[a:b] for a, b in latin_runs(text)] == runs


def test_isolation_never_touches_markdown_syntax():
    text = "انظر [SANA](https://sana.sy/a_b \"t\") و`x = 1` و <https://a.b/c> و &amp; و <b>AFP</b>"
    out = isolate_latin(text)
    assert "(https://sana.sy/a_b \"t\")" in out
    assert f"[{LRI}SANA{PDI}]" in out
    assert f"{LRI}`x = 1`{PDI}" in out and f"{LRI}<https://a.b/c>{PDI}" in out
    assert "&amp;" in out and f"<b>{LRI}AFP{PDI}</b>" in out
    tokens = MarkdownIt("commonmark").parseInline(out)[0].children
    assert [t.type for t in tokens if t.type != "text"] == [
        "link_open", "link_close", "code_inline", "link_open", "link_close", "html_inline", "html_inline"]


_PIECES = [*"ab Z19 ,.()-/`[]<>&*_:", "سلام", "١", "http://x.y", "SANA", "Caesar Act", "\u064e"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_isolation_is_lossless_and_balanced(text):
    out = isolate_latin(text)
    assert strip_bidi_controls(out) == text
    depth = 0
    for ch in out:
        depth += (ch == LRI) - (ch == PDI)
        assert depth in (0, 1)
    assert depth == 0


# --------------------------------------------------------------------------- CLI


def test_build_digits_option_and_levantine_dates_end_to_end(tmp_path):
    from l10n.cli import main

    root = arabic_project(tmp_path, "ar_SY")
    assert main(["-C", str(root), "build", "palmyra-attack", "-l", "ar_SY", "-f", "html", "--digits", "default"]) == 0
    page = (root / "build" / "ar_SY" / "palmyra-attack.html").read_text(encoding="utf-8")
    assert '<html lang="ar-SY" dir="rtl">' in page
    assert "في ١٣ كانون الأول، عاد" in page  # Babel's ar_SY date, Arabic comma, CLDR's arab digits
    assert "وجود ٥٬٠٠٠ مجنّد" in page
    assert main(["-C", str(root), "build", "palmyra-attack", "-l", "ar_SY", "-f", "md", "--digits", "latn"]) == 0
    md = (root / "build" / "ar_SY" / "palmyra-attack.md").read_text(encoding="utf-8")
    assert "في 13 كانون الأول، عاد" in md and "وجود 5,000 مجنّد" in md


def test_build_rejects_unknown_digits_with_one_line(tmp_path, capsys):
    from l10n.cli import main

    root = arabic_project(tmp_path)
    with pytest.raises(SystemExit):
        main(["-C", str(root), "build", "-l", "ar", "--digits", "roman"])
    assert "invalid choice" in capsys.readouterr().err


# --------------------------------------------------------------------------- the editor's view (issue 14)

JUST = "Just over a decade later, on 13 December, it once again attacked the city."
THIS = "This time, an IS operative infiltrated Syrian security forces to target a meeting"


def with_adjacent_fallbacks(code: str = "ar"):
    """The seed in *code* with «Just over a decade…» and «This time, an IS operative…» untranslated."""
    doc = read_document(SEED, name="palmyra-attack", display_path="source/palmyra-attack.md")
    po = polib.pofile(str(FIXTURE))
    for e in po:
        if e.msgid.startswith(("Just over a decade", "This time, an IS operative")):
            e.msgstr = ""
    return localise(doc, lookup_from_catalog(po), get_language(code))


@pytest.mark.parametrize("code", ["ar", "fa"])
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_adjacent_english_sentences_are_one_isolate_and_read_in_order_by_fribidi(code, fmt):
    out = render(with_adjacent_fallbacks(code), fmt)
    line = next(ln for ln in out.splitlines() if JUST in ln)
    from bidi_oracle import visual

    shown = visual(line)
    assert shown.index("Just over") < shown.index("This time")  # left to right, in reading order
    assert shown.index("the city.") < shown.index("This time")  # the full stop stays with its sentence
    assert f"{LRI}{JUST} {THIS}" in line  # because one isolate holds both


def test_adjacent_english_sentences_are_one_ltr_span_in_html():
    page = render(with_adjacent_fallbacks(), "html")
    assert page.count(f'<span lang="en" dir="ltr" class="l10n-untranslated">{JUST} {THIS}') == 1


@pytest.fixture(scope="module")
def chromium(tmp_path_factory, seed_ar):
    """One headless Chromium run over one page holding every case below (Chromium takes ~2 s to start).

    Sections: the seed in Arabic, Persian, Urdu and Hebrew (computed caption, credit and heading
    styles), the seed in Arabic with two adjacent English fallbacks on one very wide line (positions of
    words), and an English caption.  Returns {section: {probe: value}}.
    """
    import json
    import re
    import subprocess
    from dataclasses import replace

    from l10n.assemble.conventions import localise_document
    from l10n.assemble.formats import CSS, render_html_body

    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        pytest.skip("Chromium is not installed")
    sections = {code: localise_document(replace(seed_ar, language=get_language(code))) for code in ("ar", "fa", "ur", "he")}
    sections["adj"] = localise_document(with_adjacent_fallbacks())
    sections["en"] = localise(parse_markdown("*A caption in English.*\n\n<small>AFP</small>\n"), {}, FR)
    wide = ' style="width:6000px"'
    body = "".join(
        f'<section id="s-{key}" lang="{ld.language.code}" dir="{"rtl" if ld.language.rtl else "ltr"}"'
        f"{wide if key == 'adj' else ''}><article>{render_html_body(ld)}</article></section>"
        for key, ld in sections.items()
    )
    script = """
    const styles = (el) => { if (!el) return null; const c = getComputedStyle(el);
      return {size: parseFloat(c.fontSize), style: c.fontStyle, family: c.fontFamily, color: c.color}; };
    const pos = (root, word) => { const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); let n;
      while ((n = w.nextNode())) { const i = n.data.indexOf(word); if (i >= 0) { const r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + word.length); const b = r.getClientRects()[0]; return [b.top, b.left]; } }
      return null; };
    const out = {};
    for (const s of document.querySelectorAll("section")) {
      const q = (sel) => s.querySelector(sel);
      out[s.id.slice(2)] = {text: styles(q("article")), caption: styles(q("p.caption em")),
        credit: styles(q("p.credit small")), h2: styles(q("h2")),
        just: pos(s, "Just over"), this: pos(s, "This time"), stop: pos(s, "the city.")};
    }
    document.getElementById("probe").textContent = JSON.stringify(out);
    """
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{CSS}</style></head><body>{body}'
            f'<pre id="probe"></pre><script>{script}</script></body></html>')
    html = tmp_path_factory.mktemp("chromium") / "page.html"
    html.write_text(page, encoding="utf-8")
    dom = subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=6200,2000", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-500:]
    return json.loads(found.group(1))


def test_chromium_lays_out_adjacent_english_sentences_in_reading_order(chromium):
    at = chromium["adj"]
    assert abs(at["just"][0] - at["this"][0]) < 2, at  # one line at this width: the order within it is the question
    assert at["just"][1] < at["stop"][1] < at["this"][1], at


def test_drafts_are_marked_sentence_by_sentence_with_a_style_rule_and_a_legend():
    doc = parse_markdown("First sentence. Second sentence. Third sentence.\n")
    lookup_ = {
        (None, "First sentence."): ("الجملة الأولى.", True, True),  # an MT draft, shown
        (None, "Second sentence."): ("الجملة الثانية.", False),
    }
    page = render(localise(doc, lookup_, AR), "html")
    assert '<p><span class="l10n-draft">الجملة الأولى.</span> الجملة الثانية. <span lang="en"' in page
    assert "<p class" not in page  # the paragraph itself is not marked as a whole
    css = page[page.index("<style>") : page.index("</style>")]
    assert ".l10n-draft {" in css and ".l10n-untranslated, .l10n-fuzzy {" in css
    legend = page[page.index('<aside class="l10n-legend"') : page.index("</aside>")]
    assert 'lang="en" dir="ltr"' in legend
    assert '<span class="l10n-draft">machine translation, not reviewed yet</span> (1 sentence)' in legend
    assert "English: not translated yet</span> (1 sentence)" in legend
    assert '<aside class="l10n-legend"' not in render(localise(doc, {k: (v[0], False) for k, v in lookup_.items()} | {
        (None, "Third sentence."): ("الثالثة.", False)}, AR), "html")  # nothing to explain: no legend


@pytest.mark.parametrize("code", ["ar", "fa", "ur", "he"])
def test_captions_and_credits_read_as_such_in_each_script_without_synthetic_italic(code, chromium):
    got = chromium[code]
    text, caption, credit = got["text"], got["caption"], got["credit"]
    assert caption["style"] == "normal", caption  # no fake italic on Arabic or Hebrew letters
    assert caption["size"] < text["size"] and caption["color"] != text["color"]  # smaller and greyer
    assert credit["size"] == pytest.approx(0.8 * text["size"], abs=0.1)  # shrunk once, not .85 × .85
    if code == "ur":
        assert got["h2"]["family"].startswith('"Noto Nastaliq Urdu"')  # Urdu headings in Nastaliq, like its text


def test_english_captions_stay_italic(chromium):
    assert chromium["en"]["caption"]["style"] == "italic"


def test_markdown_captions_are_not_emphasis_in_arabic(seed_ar):
    """Rendered by a Markdown renderer we do not style (GitHub), ``*…*`` would slant Arabic letters."""
    out = render(seed_ar, "md")
    assert f"<small>{RLM}قوات أمريكية" in out
    html = MarkdownIt("commonmark").render(out)
    assert "<em>" + RLM + "قوات" not in html and "<em>قوات" not in html
