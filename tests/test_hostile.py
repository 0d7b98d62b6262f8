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
