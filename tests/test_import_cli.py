"""`l10n import`: files in, source/<slug>.md out; never overwrites, never goes online."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from conftest import SEED

DATA = Path(__file__).parent / "data" / "news"
RAW = DATA / "palmyra-attack.scraped.txt"
SLUG = "the-palmyra-attack-and-what-it-means-for-us-syria-cooperation"


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("l10n import tried to go online")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_import_of_the_raw_seed_writes_the_article_under_its_headline_slug(cli, project, offline):
    code, out, err = cli("import", str(RAW))
    assert code == 0, err
    written = project / "source" / f"{SLUG}.md"
    assert written.read_bytes() == SEED.read_bytes()
    assert "(text; written)" in out
    code, out, _ = cli("import", str(RAW))  # again: same content, nothing to do
    assert code == 0 and "(text; unchanged)" in out


def test_import_never_replaces_an_existing_article_without_force(cli, project):
    target = project / "source" / "palmyra-attack.md"
    target.write_text("# Hand edited\n\nKeep me.\n", encoding="utf-8")
    code, _, err = cli("import", str(RAW), "--name", "palmyra-attack")
    assert code == 2 and "--force" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "# Hand edited\n\nKeep me.\n"
    assert cli("import", str(RAW), "--name", "palmyra-attack", "--force")[0] == 0
    assert target.read_bytes() == SEED.read_bytes()


def test_import_errors_are_one_line(cli, project, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Titre\n\nCaf\xe9.\n".encode("latin-1"))
    code, _, err = cli("import", str(bad))
    assert code == 2 and "not valid UTF-8" in err and err.count("\n") == 1
    code, _, err = cli("import", str(tmp_path / "missing.html"))
    assert code == 2 and "no such file" in err


def test_import_metadata_options_go_to_front_matter_and_the_url_is_not_fetched(cli, project, offline):
    code, _, err = cli("import", str(RAW), "--url", "https://en.majalla.com/node/328999", "--date", "2025-12-20",
                       "--author", "Majalla staff", "--language", "en")
    assert code == 0, err
    text = (project / "source" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: The Palmyra attack and what it means for US-Syria cooperation\n"
                           "author: Majalla staff\ndate: 2025-12-20\nurl: https://en.majalla.com/node/328999\n"
                           "language: en\n---\n\n# The Palmyra attack")
    code, out, _ = cli("extract", SLUG)
    assert code == 0 and "61 entries from 63 sentences" in out  # the front matter title: one more entry


def test_import_of_a_directory_of_saved_pages(cli, project, offline):
    pytest.importorskip("trafilatura", reason="HTML import needs the l10n[import] extra")
    code, out, err = cli("import", str(DATA))
    assert code == 0, err
    names = sorted(p.name for p in (project / "source").glob("*.md"))
    assert len(names) >= 11
    assert "gigantic-chinese-telescope-opens-to-astronomers-worldwide.md" in names


def test_html_import_without_the_extra_says_how_to_install_it(cli, project, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if l10n[import] were not installed
    code, _, err = cli("import", str(DATA / "nature.com.telescope.html"))
    assert code == 2 and "pip install 'l10n[import]'" in err and err.count("\n") == 1
    assert cli("import", str(RAW))[0] == 0  # plain text needs no extra


def test_a_markdown_file_is_not_imported_as_scraped_text(cli, project):
    code, _, err = cli("import", str(project / "source" / "palmyra-attack.md"))
    assert code == 2 and "already Markdown" in err
