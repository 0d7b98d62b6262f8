from __future__ import annotations

from l10n.segment import parse_markdown, split_sentences


def sentences(text: str) -> list[str]:
    return split_sentences(text)[0]


def test_abbreviations_and_initials_do_not_split_sentences():
    text = (
        "The U.S. Army met Dr. Smith at St. Mary's church. J. R. R. Tolkien wrote it at 3 p.m. on Monday. "
        "Mr. Assad's forces left."
    )
    assert sentences(text) == [
        "The U.S. Army met Dr. Smith at St. Mary's church.",
        "J. R. R. Tolkien wrote it at 3 p.m. on Monday.",
        "Mr. Assad's forces left.",
    ]


def test_sentence_boundaries_never_cut_code_spans_links_or_emphasis():
    text = "Run `a. B` now. See [the U.N. report. Part two](https://example.org/a.b) today. *One. Two.* End."
    out = sentences(text)
    assert "Run `a. B` now." in out
    assert "See [the U.N. report. Part two](https://example.org/a.b) today." in out
    assert "*One. Two.* End." in out


def test_separators_rebuild_the_text_exactly():
    text = "First one.  Second one!\nThird one?"
    sents, seps = split_sentences(text)
    assert "".join(s + sep for s, sep in zip(sents, seps + [""])) == text


def test_block_kinds_follow_the_article_structure():
    md = (
        "# Title here\n\nStandfirst sentence.\n\n*A caption.*\n\n<small>Jane Doe/AFP</small>\n\n"
        "## Section\n\nBody text.\n\n> A pull quote.\n\n- item one\n- item two\n"
    )
    doc = parse_markdown(md)
    kinds = [(b.kind, b.segments[0].text) for b in doc.blocks]
    assert kinds == [
        ("title", "Title here"),
        ("standfirst", "Standfirst sentence."),
        ("caption", "A caption."),
        ("credit", "Jane Doe/AFP"),
        ("heading", "Section"),
        ("paragraph", "Body text."),
        ("quote", "A pull quote."),
        ("list item", "item one"),
        ("list item", "item two"),
    ]


def test_whole_block_wrapper_is_kept_out_of_every_sentence():
    doc = parse_markdown("**Bold one. Bold two.**\n")
    (block,) = doc.blocks
    assert (block.open, block.close) == ("**", "**")
    assert [s.text for s in block.segments] == ["Bold one.", "Bold two."]


def test_partial_emphasis_stays_inline_in_the_msgid():
    doc = parse_markdown("He said *no* and [left](http://x.y). Then `code` ran.\n")
    assert [s.text for s in doc.segments] == ["He said *no* and [left](http://x.y).", "Then `code` ran."]


def test_line_breaks_inside_a_paragraph_are_folded_and_lines_counted():
    doc = parse_markdown("Intro.\n\nFirst sentence\ncontinues here. Second\nsentence.\n")
    segs = doc.blocks[1].segments
    assert [s.text for s in segs] == ["First sentence continues here.", "Second sentence."]
    assert [s.line for s in segs] == [3, 4]


def test_code_html_and_number_only_blocks_are_not_extracted_but_table_cells_are():
    md = "```\nnot. text.\n```\n\n<div>\nraw html\n</div>\n\n| a | b |\n|---|---|\n| c | 12 |\n\n2024\n\nReal text.\n"
    doc = parse_markdown(md)
    assert [s.text for s in doc.segments] == ["a", "b", "c", "Real text."]


def test_seed_article_segments_into_sentences():
    from conftest import SEED

    doc = parse_markdown(SEED.read_text(encoding="utf-8"))
    texts = [s.text for s in doc.segments]
    assert len(texts) == 62
    assert texts[0] == "The Palmyra attack and what it means for US-Syria cooperation"
    assert "font change" not in " ".join(texts)
    assert texts.count("SANA") == 2
    assert all(not t.startswith(("*", "<small>")) for t in texts)


# --------------------------------------------------------------------------- issue 12: nothing left behind


def test_no_boundary_right_after_a_code_span_when_the_text_goes_on_in_lower_case():
    # Found in real documentation: sentencex split after the "?" inside the code span.
    text = "Query parameters are the key-value pairs that go after the `?` in a URL, separated by `&` characters."
    assert sentences(text) == [text]


def test_a_boundary_after_a_code_span_stays_when_a_sentence_starts():
    text = "Run `make`. Then open the report."
    assert sentences(text) == ["Run `make`.", "Then open the report."]


def test_a_link_ending_in_a_question_mark_does_not_end_the_sentence():
    text = "Read [what now?](https://example.org/q) before you vote."
    assert sentences(text) == [text]


def _by_kind(doc):
    return [(s.kind, s.text) for s in doc.segments]


def test_table_cells_are_entries_one_per_cell_sentence():
    md = "| Country | Deaths. Injured. |\n|:--|--:|\n| Syria | 3 |\n| United States | two |\n"
    doc = parse_markdown(md)
    assert _by_kind(doc) == [
        ("table cell", "Country"),
        ("table cell", "Deaths."),
        ("table cell", "Injured."),
        ("table cell", "Syria"),
        ("table cell", "United States"),
        ("table cell", "two"),
    ]


def test_image_alt_and_title_and_html_alt_title_attributes_are_entries():
    md = (
        '![Soldiers on patrol](patrol.jpg "Hasakeh, 2024")\n\n'
        '<img src="a.png" alt="A map of Syria" title="Click to enlarge">\n\n'
        '<abbr title="Syrian Arab News Agency">SANA</abbr> reported it.\n'
    )
    doc = parse_markdown(md)
    got = _by_kind(doc)
    assert ("image alt", "Soldiers on patrol") in got
    assert ("image title", "Hasakeh, 2024") in got
    assert ("alt attribute", "A map of Syria") in got
    assert ("title attribute", "Click to enlarge") in got


def test_front_matter_keys_are_structure_and_translatable_values_are_entries():
    md = (
        "---\n"
        "title: The Palmyra attack\n"
        'description: "An operative infiltrated the forces. It was a shock."\n'
        "date: 2025-12-20\n"
        "author: Jane Doe\n"
        "image:\n"
        "  src: palmyra.jpg\n"
        "  alt: Ruins of Palmyra\n"
        "---\n"
        "\n"
        "Body text.\n"
    )
    doc = parse_markdown(md)
    assert _by_kind(doc) == [
        ("front matter title", "The Palmyra attack"),
        ("front matter description", "An operative infiltrated the forces."),
        ("front matter description", "It was a shock."),
        ("front matter image.alt", "Ruins of Palmyra"),
        ("paragraph", "Body text."),
    ]
    assert all("title:" not in s.text and "---" not in s.text for s in doc.segments)


def _translate_all(doc, fmt="«{}» | \"q\" # x: y"):
    from l10n.assemble import localise, render_markdown
    from l10n.catalog import entry_keys
    from l10n.lang import get_language

    lookup = {key: (fmt.format(key[1]), False) for _, key in entry_keys(doc)}
    return render_markdown(localise(doc, lookup, get_language("fr")))


FRONT = (
    "---\n"
    "title: The Palmyra attack\n"
    "description: 'What it means: a shock.'\n"
    'subtitle: "Plain \\"quoted\\" text"\n'
    "date: 2025-12-20\n"
    "author: Jane Doe\n"
    "url: https://example.org/a?b=c\n"
    "image:\n"
    "  src: palmyra.jpg\n"
    "  alt: Ruins of Palmyra  # a comment\n"
    "---\n\n"
)


def test_translated_front_matter_is_valid_yaml_with_the_same_keys_and_untouched_structure():
    import yaml

    doc = parse_markdown(FRONT + "Body.\n")
    out = _translate_all(doc)
    head = out.split("---\n")[1]
    data = yaml.safe_load(head)
    src = yaml.safe_load(FRONT.split("---\n")[1])
    assert list(data) == list(src)  # keys kept, in order
    assert data["title"] == '«The Palmyra attack» | "q" # x: y'
    assert data["description"] == '«What it means: a shock.» | "q" # x: y'
    assert data["subtitle"] == '«Plain "quoted" text» | "q" # x: y'
    assert data["image"] == {"src": "palmyra.jpg", "alt": '«Ruins of Palmyra» | "q" # x: y'}
    assert (data["date"], data["author"], data["url"]) == (src["date"], src["author"], src["url"])
    assert "  # a comment" in out  # the line's comment survives


def test_translated_table_keeps_its_delimiter_row_and_columns():
    from markdown_it import MarkdownIt

    md = "Intro.\n\n| Country | Deaths |\n|:--|--:|\n| Syria | two |\n| `a\\|b` | 3 |\n"
    out = _translate_all(parse_markdown(md))
    assert "|:--|--:|" in out
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    cells = [t.content for t in tokens if t.type == "inline"][1:]
    assert cells[:2] == ['«Country» | "q" # x: y', '«Deaths» | "q" # x: y']
    assert len(cells) == 6 and cells[-1] == "3"
    assert [t.attrGet("style") for t in tokens if t.type == "th_open"] == ["text-align:left", "text-align:right"]


def test_translated_html_attributes_are_escaped_and_the_tag_still_parses():
    from html.parser import HTMLParser

    md = '<figure><img src="a.png" alt="A map" title=\'Click\'></figure>\n'
    out = _translate_all(parse_markdown(md), fmt='«{}» & "q" <b>')
    seen = {}

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                seen.update(attrs)

    P().feed(out)
    assert seen == {"src": "a.png", "alt": '«A map» & "q" <b>', "title": '«Click» & "q" <b>'}


def test_identity_round_trip_with_front_matter_table_and_images_is_byte_identical():
    md = FRONT + "# T\n\n| a | b |\n|---|:-:|\n| c \\| d | e |\n\n![Alt *x*](p.jpg 'T (1)')\n\n<img alt=\"x &amp; y\">\n"
    doc = parse_markdown(md)
    assert _translate_all(doc, fmt="{}") == md


def test_extract_and_build_count_the_same_sentences(tmp_path):
    """extract's "sentences" = build's translated + fuzzy + untranslated; "copied" = build's copied."""
    from l10n.lang import get_language
    from l10n.project.commands import build, extract, update
    from l10n.project.config import load_config
    from l10n.project.layout import Project

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text(
        "# Title\n\nSame one. Same one. 2024.\n\n| Name | 3 |\n|---|---|\n| Yes | — |\n\n![Alt](x.png)\n", encoding="utf-8"
    )
    project = Project(load_config(tmp_path))
    (ex,) = extract(project, ["a"])
    fr = get_language("fr")
    update(project, ["a"], [fr])
    (built,) = build(project, ["a"], [fr])
    c = built.counts
    assert (ex.entries, ex.sentences, ex.copied) == (5, 6, 1)
    assert c["translated"] + c["fuzzy"] + c["untranslated"] == ex.sentences
    assert c["copied"] == ex.copied


def test_the_project_chooses_which_front_matter_keys_are_translated(tmp_path):
    from l10n.project.commands import load_document
    from l10n.project.config import Config, load_config
    from l10n.project.layout import Project
    from l10n.segment import TRANSLATABLE_KEYS

    assert Config().front_matter_keys == TRANSLATABLE_KEYS  # one default, stated twice: keep them equal
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text("---\ntitle: A title\nkicker: World news\n---\n\nBody.\n", encoding="utf-8")
    (tmp_path / "l10n.toml").write_text('front-matter-keys = ["kicker"]\n', encoding="utf-8")
    doc = load_document(Project(load_config(tmp_path)), "a")
    assert [(s.kind, s.text) for s in doc.segments] == [("front matter kicker", "World news"), ("paragraph", "Body.")]


def test_right_to_left_markdown_keeps_front_matter_first_and_plain():
    import yaml

    from l10n.assemble import localise, render
    from l10n.catalog import entry_keys
    from l10n.lang import get_language

    doc = parse_markdown(FRONT + "# T\n\n| a | b |\n|---|---|\n| Syria | x |\n")
    lookup = {key: ("ترجمة: " + key[1], False) for _, key in entry_keys(doc)}
    out = render(localise(doc, lookup, get_language("ar")), "md")
    assert out.startswith("---\ntitle: ")
    head = yaml.safe_load(out.split("---\n")[1])
    assert head["title"] == "ترجمة: The Palmyra attack"  # no bidi marks in metadata
    assert '<div dir="rtl" lang="ar">' in out.split("---\n", 2)[2]


def test_html_output_takes_title_description_and_date_from_the_front_matter():
    from html.parser import HTMLParser

    from l10n.assemble import localise
    from l10n.assemble.formats import render_html
    from l10n.catalog import entry_keys
    from l10n.lang import get_language

    doc = parse_markdown(FRONT + "Body with no headline.\n\n| Country |\n|---|\n| Syria |\n")
    lookup = {key: ("FR " + key[1], False) for _, key in entry_keys(doc)}
    page = render_html(localise(doc, lookup, get_language("fr")))
    seen: dict[str, str] = {}

    class P(HTMLParser):
        tag = ""

        def handle_starttag(self, tag, attrs):
            self.tag = tag
            if tag == "meta" and dict(attrs).get("name") == "description":
                seen["description"] = dict(attrs)["content"]
            if tag == "time":
                seen["datetime"] = dict(attrs)["datetime"]

        def handle_data(self, data):
            if self.tag in ("title", "time", "td", "th") and data.strip():
                seen.setdefault(self.tag, data.strip())

    P().feed(page)
    assert seen["title"] == "FR The Palmyra attack"
    assert seen["description"] == "FR What it means: a shock."
    assert (seen["datetime"], seen["time"]) == ("2025-12-20", "20 décembre 2025")  # Babel, French long date
    assert (seen["th"], seen["td"]) == ("FR Country", "FR Syria")
    assert "title:" not in page and "---" not in page


# --------------------------------------------------------------------------- real documents (FastAPI's docs)

from pathlib import Path  # noqa: E402

REAL = Path(__file__).parent / "data" / "markdown"


def test_real_document_code_span_question_mark_keeps_the_sentence_whole():
    doc = parse_markdown((REAL / "fastapi-query-params.md").read_text(encoding="utf-8"))
    texts = [s.text for s in doc.segments]
    assert "The query is the set of key-value pairs that go after the `?` in a URL, separated by `&` characters." in texts
    assert not any(t.startswith("in a URL") for t in texts)


def test_real_document_table_cells_are_extracted_and_the_table_survives_translation():
    from markdown_it import MarkdownIt

    text = (REAL / "fastapi-metadata.md").read_text(encoding="utf-8")
    doc = parse_markdown(text)
    cells = [s for s in doc.segments if s.kind == "table cell"]
    assert {"Parameter", "Type", "Description", "The title of the API."} <= {s.text for s in cells}
    assert _translate_all(doc, fmt="{}") == text  # identity: byte for byte

    def shape(md: str):
        tokens = MarkdownIt("commonmark").enable("table").parse(md)
        rows, row = [], 0
        for t in tokens:
            if t.type == "tr_open":
                row = 0
            elif t.type in ("th_open", "td_open"):
                row += 1
            elif t.type == "tr_close":
                rows.append(row)
        return rows, [t.attrGet("style") for t in tokens if t.type in ("th_open", "td_open")]

    assert shape(_translate_all(doc)) == shape(text)  # same rows, columns and alignment, "|" escaped
