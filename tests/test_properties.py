"""Property-based tests: round trips that must hold for any input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.assemble import localise, render_markdown
from l10n.catalog import Message, entry_keys, make_template, new_catalog, parse_po, render_po
from l10n.frontmatter import yaml_plain_ok
from l10n.lang import get_language
from l10n.segment import parse_markdown

FR = get_language("fr")
AR = get_language("ar")

# Markdown-ish text: words, punctuation, markup characters, blank lines, indentation, RTL letters.
_pieces = st.sampled_from(
    [
        "word", "Dr.", "U.S.", "a", ".", "!", "?", " ", "  ", "\n", "\n\n", "\r\n", "# ", "## ", "> ", "- ",
        "1. ", "* ", "*", "**", "_", "`", "```", "[", "]", "(", ")", "](http://x.y/a.b)", "<small>", "</small>",
        "|", "---", "    ", "\t", "سانا", "تدمر.", "\u200f", "\u2068", "\u2069", "é", "😀", "\\", "&amp;", "<!--", "-->",
    ]
)
markdown = st.lists(_pieces, max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown)
def test_identity_translation_rebuilds_any_markdown_byte_for_byte(text):
    doc = parse_markdown(text)
    lookup = {key: (key[1], False) for _, key in entry_keys(doc)}
    assert render_markdown(localise(doc, lookup, FR)) == text


@settings(max_examples=80, deadline=None)
@given(markdown)
def test_any_translation_keeps_the_block_count(text):
    doc = parse_markdown(text)
    lookup = {key: ("T" + key[1].replace("\n", " "), False) for _, key in entry_keys(doc)}
    out = render_markdown(localise(doc, lookup, FR))
    assert len(parse_markdown(out).blocks) >= len([b for b in doc.blocks])


# Any Unicode except NUL and surrogates, bidi controls and other controls included.
po_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=80
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(po_text, po_text), min_size=1, max_size=8, unique_by=lambda t: t[0]), po_text)
def test_po_write_then_read_is_lossless_for_any_unicode(pairs, comment):
    template = make_template(parse_markdown("x"), creation_date="2026-01-01 00:00+0000")
    po = new_catalog(template, AR)
    po.messages.clear()
    for msgid, msgstr in pairs:
        po.append(Message(msgid, msgstr, tcomment=comment.replace("\n", " ").replace("\r", " ")))
    again = parse_po(render_po(po), "x.po")
    assert [(e.msgid, e.msgstr) for e in again] == pairs


# Articles with YAML front matter, GFM tables and images around the free-form body (issue 12).
_values = st.lists(
    st.sampled_from(["word", "Dr.", "a: b", "#", " # c", "'", '"', "|", "\\", "سانا", "é", ".", "?", " "]),
    min_size=1, max_size=6,
).map("".join)
_yaml_value = st.one_of(
    _values.map(lambda v: v.strip() if yaml_plain_ok(v.strip()) else "x"),
    _values.map(lambda v: "'" + v.replace("'", "''") + "'"),
    _values.map(lambda v: '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)
_front = st.lists(
    st.tuples(st.sampled_from(["title", "description", "author", "date", "summary"]), _yaml_value),
    max_size=4, unique_by=lambda kv: kv[0],
).map(lambda kvs: "---\n" + "".join(f"{k}: {v}\n" for k, v in kvs) + "image:\n  alt: Ruins. Sand.\n---\n\n")
_cell = st.sampled_from(["word", "Two words.", "3", "`a\\|b`", "*em*", "Dr. X. Y?", "سانا", " "])
_table = st.lists(st.tuples(_cell, _cell), min_size=1, max_size=3).map(
    lambda rows: "| h | Head. |\n|:--|--:|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows) + "\n"
)
_image = st.tuples(st.sampled_from(["Alt text", "A *b* c.", "", "x]"]), st.sampled_from(["", ' "T. t"', " 'a (b)'"])).map(
    lambda at: f"![{at[0]}](p.jpg{at[1]})\n\n"
)
_html = st.sampled_from(['<img alt="A map &amp; key" title=\'T\'>\n\n', "<div title=\"x\">\n\nText.\n\n</div>\n\n", ""])
article = st.tuples(_front, _table, _image, _html, markdown).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article)
def test_identity_translation_rebuilds_articles_with_front_matter_tables_and_images(text):
    doc = parse_markdown(text)
    lookup = {key: (key[1], False) for _, key in entry_keys(doc)}
    assert render_markdown(localise(doc, lookup, FR)) == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article)
def test_any_translation_keeps_front_matter_yaml_and_table_shape(text):
    import yaml

    doc = parse_markdown(text)
    lookup = {key: ('T: "' + key[1].replace("\n", " ") + "' | #", False) for _, key in entry_keys(doc)}
    out = render_markdown(localise(doc, lookup, FR))
    before, after = yaml.safe_load(text.split("---\n")[1]), yaml.safe_load(out.split("---\n")[1])
    assert list(before) == list(after)
    for key, value in before.items():
        if key in ("title", "description", "summary") and isinstance(value, str) and any(c.isalpha() for c in value):
            assert 'T: "' in after[key]
        elif key != "image":
            assert after[key] == value
    rows = lambda s: [ln for ln in s.splitlines() if ln.startswith("|:--")]  # noqa: E731
    assert rows(out) == rows(text)
    assert len(parse_markdown(out).blocks) >= len(doc.blocks)
