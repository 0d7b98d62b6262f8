"""Import of scraped plain text: the raw seed must give today's hand-cleaned article."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED

from l10n.importer import Article, escape_inline, import_text, slugify
from l10n.importer.text import is_credit
from l10n.segment import parse_markdown

RAW = Path(__file__).parent / "data" / "news" / "palmyra-attack.scraped.txt"


def _structure(md: str):
    doc = parse_markdown(md)
    return [(b.kind, tuple(s.text for s in b.segments)) for b in doc.blocks]


def test_raw_seed_imports_to_the_hand_cleaned_article_block_for_block_and_sentence_for_sentence():
    article = import_text(RAW.read_text(encoding="utf-8"))
    expected = SEED.read_text(encoding="utf-8")
    assert _structure(article.markdown()) == _structure(expected)
    assert article.markdown() == expected  # and in fact byte for byte (no-break spaces kept)
    assert article.slug == "the-palmyra-attack-and-what-it-means-for-us-syria-cooperation"


def test_debris_repeated_title_and_repeated_caption_are_dropped_and_credit_follows_caption():
    raw = (
        "Headline here\n\nfont change\nShare\n\nThe standfirst says it all.\n\n"
        "REUTERS\nA man walks past ruins in Palmyra.\nA man walks past ruins in Palmyra.\n\n"
        "Headline here\n\nFirst paragraph.\n\n5 min read\n"
    )
    body = import_text(raw).markdown()
    assert body == (
        "# Headline here\n\nThe standfirst says it all.\n\n*A man walks past ruins in Palmyra.*\n\n"
        "<small>REUTERS</small>\n\nFirst paragraph.\n"
    )
    kinds = [k for k, _ in _structure(body)]
    assert kinds == ["title", "standfirst", "caption", "credit", "paragraph"]


def test_headings_pull_quotes_and_hard_wrapped_paragraphs():
    raw = (
        "Title\n\nStandfirst.\n\nA short heading\n\nBody sentence one that goes on\nand on over a hard wrap. "
        "Second sentence.\n\n"
        "Body sentence one that goes on and on over a hard wrap\n\nEnd.\n"
    )
    body = import_text(raw).markdown()
    assert _structure(body) == [
        ("title", ("Title",)),
        ("standfirst", ("Standfirst.",)),
        ("heading", ("A short heading",)),
        ("paragraph", ("Body sentence one that goes on and on over a hard wrap.", "Second sentence.")),
        ("quote", ("Body sentence one that goes on and on over a hard wrap",)),
        ("paragraph", ("End.",)),
    ]


def test_markdown_characters_in_scraped_text_are_escaped():
    raw = "Title\n\n1. This is *not* a list, nor <b>html</b> nor [a link].\n"
    doc = parse_markdown(import_text(raw).markdown())
    assert doc.blocks[1].kind == "standfirst"
    assert escape_inline("# no heading") == "\\# no heading"


def test_credit_detection():
    assert is_credit("Delil Souleiman/AFP") and is_credit("SANA") and is_credit("Photo: Jane Doe")
    assert not is_credit("IS cells were dismantled in the Damascus countryside on 9 November 2025.")
    assert not is_credit("Spanner in the works")


def test_metadata_goes_to_front_matter_and_the_headline_names_the_file():
    art = Article(body="# A b\n", meta={"title": "Étude : l’été", "url": "https://x.org/a?b=1", "date": "2025-12-20"})
    md = art.markdown()
    assert md.startswith('---\ntitle: "Étude : l’été"\ndate: 2025-12-20\nurl: https://x.org/a?b=1\n---\n\n# A b\n')
    assert slugify(art.title) == "etude-l-ete"
    doc = parse_markdown(md)
    assert [s.kind for s in doc.segments] == ["front matter title", "title"]
