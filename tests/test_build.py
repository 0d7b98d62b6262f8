from __future__ import annotations

import pytest

from l10n.assemble import localise, render, render_markdown
from l10n.catalog import entry_keys
from l10n.lang import get_language
from l10n.segment import parse_markdown

FR = get_language("fr")
AR = get_language("ar")

RICH_MD = """Setext title
============

Intro with *emphasis*, **strong**, `code span`, and a [link](https://example.org/a?b=1 "t").
It continues on a second line.  
After a hard break.

> A quote that spans
> two lines. And a second sentence.
>
> > Nested quote here.

1. First item. Still first.
2. Second item
   lazy continuation.
   - nested bullet with ![an image](img.png)

* Star list

Para with trailing spaces   
and <span>inline html</span> ending.

```python
code = "untouched. Really."
```

<div class="x">
raw html block
</div>

| col | col2 |
|-----|------|
| a   | b    |

### ATX heading with closing hashes ###

Final line without newline at end."""


def identity(doc):
    return {key: (key[1], False) for _, key in entry_keys(doc)}


@pytest.mark.parametrize("text", [RICH_MD, RICH_MD + "\n", RICH_MD.replace("\n", "\r\n"), "", "\n\n", "Just one."])
def test_identity_translation_reproduces_markdown_byte_for_byte(text):
    doc = parse_markdown(text)
    assert render_markdown(localise(doc, identity(doc), FR)) == text


def test_identity_translation_reproduces_the_seed_byte_for_byte():
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    doc = parse_markdown(text)
    assert render_markdown(localise(doc, identity(doc), AR)) == text


def upper(doc):
    return {key: (key[1].upper(), False) for _, key in entry_keys(doc)}


def test_translations_replace_sentences_and_keep_block_prefixes_and_wrappers():
    doc = parse_markdown(RICH_MD)
    out = render_markdown(localise(doc, upper(doc), FR))
    lines = out.split("\n")
    assert lines[0] == "SETEXT TITLE" and lines[1] == "============"
    assert "> A QUOTE THAT SPANS TWO LINES. AND A SECOND SENTENCE." in lines
    assert "1. FIRST ITEM. STILL FIRST." in lines
    assert "   - NESTED BULLET WITH ![AN IMAGE](IMG.PNG)" in lines
    assert "### ATX HEADING WITH CLOSING HASHES ###" in lines
    assert 'code = "untouched. Really."' in lines
    assert "raw html block" in lines
    # re-parsing the output gives the same block structure
    again = parse_markdown(out)
    assert [b.kind for b in again.blocks] == [b.kind for b in doc.blocks]


def test_fuzzy_and_untranslated_fall_back_to_source_and_are_counted():
    doc = parse_markdown("First one. Second one. Third one.\n")
    (_, k1), (_, k2), (_, k3) = entry_keys(doc)
    ldoc = localise(doc, {k1: ("Premier.", False), k2: ("Deuxième ?", True)}, FR)
    assert render_markdown(ldoc) == "Premier. Second one. Third one.\n"
    assert ldoc.counts == {"translated": 1, "fuzzy": 1, "untranslated": 1, "copied": 0}


def test_whole_block_wrappers_survive_translation():
    doc = parse_markdown("*A caption here.*\n\n<small>Jane/AFP</small>\n")
    lookup = {k: ("X " + k[1], False) for _, k in entry_keys(doc)}
    assert render_markdown(localise(doc, lookup, FR)) == "*X A caption here.*\n\n<small>X Jane/AFP</small>\n"


def test_html_page_declares_language_and_direction_from_cldr():
    doc = parse_markdown("# Title\n\nText.\n")
    assert '<html lang="ar" dir="rtl">' in render(localise(doc, {}, AR), "html")
    assert '<html lang="fr" dir="ltr">' in render(localise(doc, {}, FR), "html")
    assert '<html lang="fa" dir="rtl">' in render(localise(doc, {}, get_language("fa")), "html")


def test_text_output_has_no_markup():
    doc = parse_markdown("# Title\n\nSome *text* with [a link](http://x).\n\n- item\n")
    txt = render(localise(doc, {}, FR), "txt")
    assert txt == "Title\n\nSome text with a link.\n\n• item\n"
