"""One UTF-8 decoder for every file a user hands us: the same one-line error wherever it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.errors import InputError, decode_utf8
from l10n.glossary.files import load_glossary
from l10n.segment import read_document

LATIN1 = b"source,es\nCaf\xe9,Caf\xe9\n"


def test_decode_utf8_drops_a_bom_and_names_the_line_of_the_first_bad_byte() -> None:
    assert decode_utf8("a.md", "\ufeffCafé".encode()) == "Café"
    with pytest.raises(InputError) as err:
        decode_utf8("a.md", LATIN1)
    assert str(err.value) == "a.md:2: not valid UTF-8 (byte 0xe9); save it as UTF-8"


def test_binary_files_are_refused_only_where_a_text_kind_is_named() -> None:
    with pytest.raises(InputError, match=r"^a\.md: looks like a binary file, not Markdown text$"):
        decode_utf8("a.md", b"\x89PNG\x00", binary="Markdown text")
    assert decode_utf8("a.csv", b"a\x00b") == "a\x00b"


@pytest.mark.parametrize("name", ["terms.csv", "story.md"])
def test_articles_and_glossaries_report_bad_bytes_the_same_way(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(LATIN1)
    with pytest.raises(InputError) as err:
        (load_glossary if name.endswith(".csv") else read_document)(path)
    assert str(err.value) == f"{path}:2: not valid UTF-8 (byte 0xe9); save it as UTF-8"
