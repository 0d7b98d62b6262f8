"""Property-based tests: round trips that must hold for any input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.assemble import localise, render_markdown
from l10n.catalog import Message, entry_keys, make_template, new_catalog, parse_po, render_po
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
