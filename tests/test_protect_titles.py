"""MT sees the words of link titles and of alt/title attributes inside a sentence (issue 12), never the
URLs and tag syntax around them."""

from __future__ import annotations

from l10n.translate.protect import mask, unmask


def test_a_link_title_is_text_for_the_engine_and_its_target_stays_masked():
    m = mask('See [the report](https://example.org/a.b "Annual report 2024") today.')
    assert "Annual report 2024" in m.text
    assert "example.org" not in m.text and '"' not in m.text
    translated = m.text.replace("See", "Voir").replace("Annual report", "Rapport annuel")
    text, missing = unmask(translated, m)
    assert text == 'Voir [the report](https://example.org/a.b "Rapport annuel 2024") today.' and not missing


def test_alt_and_title_attribute_values_of_inline_html_are_text_for_the_engine():
    m = mask('The <abbr title="Syrian Arab News Agency">SANA</abbr> said, <img src="a.png" alt="A map">.')
    assert "Syrian Arab News Agency" in m.text and "A map" in m.text
    assert "a.png" not in m.text and "abbr" not in m.text and "src" not in m.text
    text, missing = unmask(m.text.replace("A map", "Une carte"), m)
    assert text == 'The <abbr title="Syrian Arab News Agency">SANA</abbr> said, <img src="a.png" alt="Une carte">.'
    assert not missing


def test_a_link_without_title_and_a_tag_without_those_attributes_are_masked_whole():
    m = mask('A [link](http://x.y/z) and <small class="c">AFP</small>.')
    assert len(m.slots) == 3 and "http" not in m.text and "class" not in m.text
