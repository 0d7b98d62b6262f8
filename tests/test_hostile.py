"""Hostile and broken input: one clear line, exit code 2, nothing partially written."""

from __future__ import annotations

import pytest
from test_cli import snapshot


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),
        ("latin1", b"# Caf\xe9\n", "not valid UTF-8"),
        ("huge", b"x", "too large for an article"),
    ],
)
def test_unusable_articles_are_refused_with_one_line(cli, project, name, content, message):
    path = project / "source" / f"{name}.md"
    if name == "huge":
        with path.open("wb") as fh:
            fh.truncate(11 * 1024 * 1024)
    else:
        path.write_bytes(content)
    before = snapshot(project)
    code, out, err = cli("extract", name)
    assert code == 2 and message in err and err.count("\n") == 1
    assert snapshot(project) == before


def test_empty_article_gives_an_empty_template(cli, project):
    (project / "source/empty.md").write_text("")
    code, out, _ = cli("extract", "empty")
    assert code == 0 and "0 entries" in out


def test_one_100k_character_line_and_deeply_nested_lists_are_handled(cli, project):
    (project / "source/long.md").write_text("Word is here. " * 7200 + "\n", encoding="utf-8")
    (project / "source/nested.md").write_text("".join("  " * i + "- item\n" for i in range(500)), encoding="utf-8")
    assert cli("extract", "long", "nested")[0] == 0
    assert cli("update", "-l", "fr", "long", "nested")[0] == 0
    assert cli("build", "-l", "fr", "long", "nested")[0] == 0
    assert (project / "build/fr/long.md").read_text(encoding="utf-8") == (project / "source/long.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "po_text",
    [
        'msgid "a"\nmsgstr "unterminated\n',
        'msgid "a"\nmsgstr "bad \\q escape"\n',
        'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n',
        "\x00\x01garbage",
    ],
)
def test_malformed_catalogues_stop_update_and_build_without_writing(cli, project, po_text):
    cli("extract")
    cli("update", "-l", "ar")
    po = project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    po.write_text(po_text, encoding="utf-8")
    before = snapshot(project)
    for args in (("update", "-l", "ar"), ("build", "-l", "ar"), ("stats", "-l", "ar")):
        code, _, err = cli(*args)
        assert code == 2 and "palmyra-attack.po" in err and err.count("\n") == 1, args
    assert snapshot(project) == before


def test_invalid_config_is_one_line(cli, project):
    (project / "l10n.toml").write_text("languages = [\n")
    code, _, err = cli("extract")
    assert code == 2 and "invalid TOML" in err


@pytest.fixture
def ar_catalogue(cli, project):
    """The seed's Arabic catalogue with one human translation; returns its path."""
    import polib

    cli("extract")
    cli("update", "-l", "ar")
    path = project / "locale/ar/LC_MESSAGES/palmyra-attack.po"
    po = polib.pofile(str(path))
    po[0].msgstr = "هجوم تدمر"
    po.save()
    return path


def _kept(path) -> bool:
    from l10n.project.store import read_po

    po = read_po(path)
    return po[0].msgstr == "هجوم تدمر" and not po.obsolete_entries() and not any(e.fuzzy for e in po)


def test_a_byte_order_mark_and_crlf_line_ends_are_read_and_nothing_is_lost(cli, ar_catalogue):
    data = ar_catalogue.read_bytes()
    ar_catalogue.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    for args in (("update", "-l", "ar"), ("build", "-l", "ar"), ("check", "-l", "ar"), ("stats", "-l", "ar")):
        code, _, err = cli(*args)
        assert code == 0, (args, err)
    assert _kept(ar_catalogue)
    assert "هجوم تدمر" in (ar_catalogue.parent.parent.parent.parent / "build/ar/palmyra-attack.md").read_text(encoding="utf-8")


def test_a_utf8_catalogue_mislabelled_latin1_is_refused_not_garbled(cli, project, ar_catalogue):
    ar_catalogue.write_bytes(ar_catalogue.read_bytes().replace(b"charset=UTF-8", b"charset=ISO-8859-1"))
    before = snapshot(project)
    # (update skips it unread: its template did not change since the last merge; see test_po_commands)
    for args in (("build", "-l", "ar"), ("check", "-l", "ar")):
        code, _, err = cli(*args)
        assert code == 2 and "declares charset=ISO-8859-1 but the file is UTF-8" in err and err.count("\n") == 1
    assert snapshot(project) == before


def test_a_real_latin1_catalogue_is_decoded_and_written_back_in_latin1(cli, project):
    cli("extract")
    (project / "source/cafe.md").write_text("Le café est ouvert.\n", encoding="utf-8")
    cli("extract", "cafe")
    path = project / "locale/fr/LC_MESSAGES/cafe.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(
        b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        b'msgid "Le caf\xe9 est ouvert."\nmsgstr "Le caf\xe9 est ouvert (fr)."\n'
    )
    code, out, err = cli("update", "-l", "fr", "cafe")
    assert code == 0 and "1 kept" in out, err
    text = path.read_text(encoding="latin-1")  # bytes and header agree: still ISO-8859-1
    assert "charset=ISO-8859-1" in text and 'msgstr "Le café est ouvert (fr)."' in text


@pytest.mark.parametrize(
    "header",
    ["nplurals=2; plural=n != 1;", "nplurals=x; plural=(((;", "", "nplurals=6; plural=n/0;"],
)
def test_a_wrong_plural_forms_header_is_replaced_by_the_languages_rules(cli, ar_catalogue, header):
    import shutil
    import subprocess

    from l10n.lang import plural_forms

    text = ar_catalogue.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms: ')
    end = text.index("\n", start)
    ar_catalogue.write_text(text[:start] + f'"Plural-Forms: {header}\\n"' + text[end:], encoding="utf-8")
    code, _, err = cli("update", "-l", "ar")
    assert code == 0, err
    assert f'"Plural-Forms: {plural_forms("ar")}\\n"' in ar_catalogue.read_text(encoding="utf-8")
    assert _kept(ar_catalogue)
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(ar_catalogue)]).returncode == 0


def test_an_equivalent_plural_forms_expression_is_left_as_written(cli, ar_catalogue):
    from l10n.lang import plural_forms

    text = ar_catalogue.read_text(encoding="utf-8")
    mine = plural_forms("ar").replace("plural=", "plural=(").rstrip(";") + ");"
    ar_catalogue.write_text(text.replace(plural_forms("ar"), mine), encoding="utf-8")
    cli("update", "-l", "ar")
    assert mine in ar_catalogue.read_text(encoding="utf-8")


def test_a_50_mb_article_is_refused_before_it_is_read(cli, project):
    path = project / "source/big.md"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    code, _, err = cli("extract", "big")
    assert code == 2 and "too large for an article" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("extract", "../etc/passwd"), "articles are Markdown files ending in .md"),
        (("extract", "../../outside.md"), "outside"),
        (("update", "-l", "xx"), "unknown language code 'xx'"),
        (("update", "-l", "ar/../../x"), "unknown language code"),
        (("build", "-l", "klingon"), "unknown language code"),
    ],
)
def test_escaping_names_and_unknown_languages_are_one_line(cli, project, args, message):
    cli("extract")
    before = snapshot(project)
    code, _, err = cli(*args)
    assert code == 2 and message in err and err.count("\n") == 1, err
    assert snapshot(project) == before
