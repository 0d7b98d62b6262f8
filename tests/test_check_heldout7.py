"""Two false-error classes of the fifth held-out draw (tests/data/check_sample/heldout7_before.csv),
labelled before these fixes.  Each entry is the real one; each test failed on the checks as they were,
and each shows the real defect next to the false alarm still reported."""

from __future__ import annotations

from test_check_issue16 import check, entry, messages

I18N = (
    "Please refer to <a href=\"%(i18n_doc_link)s\">Django's I18N documentation</a> for a guide on how to set "
    "up internationalization for your project."
)


def test_a_numeronym_written_out_takes_its_number_with_it():
    """django-rosetta fr/it/fa: "I18N" written out («l'internationalisation») is no missing 18."""
    fr = ("Veuillez vous référer à la <a href=\"%(i18n_doc_link)s\">documentation sur l'internationalisation de "
          "Django</a> pour un guide sur comment activer et configurer la traduction de votre projet.")  # fmt: skip
    assert messages(check("fr", entry(I18N, fr, "python-format")), "numbers") == []


def test_a_number_beside_a_word_is_still_a_number():
    found = messages(check("fr", entry("Upload 5GB at most", "Envoyez 6GB au plus")), "numbers")
    assert found == ["number 5 of the source is 6 in the translation"]


def test_a_newline_at_the_edge_of_html_is_info_and_elsewhere_an_error():
    """django-jazzmin fr wraps the message in newlines, which the browser collapses in HTML."""
    source = "View function: <code>%(full_name)s</code>. Name: <code>%(url_name)s</code>."
    target = "\nFonction de vue : <code>%(full_name)s</code>. Nom : <code>%(url_name)s</code>.\n"
    assert messages(check("fr", entry(source, target, "python-format")), "newlines") == []
    info = check("fr", entry(source, target, "python-format"), severities=("info",))
    assert messages(info, "newlines") == ["leading newline added (the source has none)"]
    assert messages(check("fr", entry("Done.\n", "Fini.")), "newlines") == ["trailing newline missing from the translation"]
