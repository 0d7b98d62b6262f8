"""The runner's shortcuts never hide a finding: triggers (characters a check needs) and gates (a cheap
test on the source and translation) decide which checks are called; calling every check on every
entry of real catalogues, shortcuts off, must give the very same findings in the same order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from l10n.catalog import parse_po
from l10n.check import Settings
from l10n.check.base import REGISTRY
from l10n.check.entries import entry_contexts, lang_rules
from l10n.check.runner import run_checks
from l10n.glossary import Glossary

TESTS = Path(__file__).parent
REAL = sorted((TESTS / "fixtures" / "po_corpus").rglob("*.po")) + sorted((TESTS / "data" / "check_sample").rglob("*.po"))

EDGES = b'''msgid ""
msgstr "Language: el\\nPlural-Forms: nplurals=2; plural=(n != 1);\\nContent-Type: text/plain; charset=UTF-8\\n"

msgid "Why"
msgstr "\xce\x93\xce\xb9\xce\xb1\xcf\x84\xce\xaf;"

msgid "Done;"
msgstr "\xce\x88\xcf\x84\xce\xbf\xce\xb9\xce\xbc\xce\xbf\xef\xbc\x9b"

msgid " lead"
msgstr "lead"

msgid "trail"
msgstr "trail\xc2\xa0 "

msgid "a  b"
msgstr "a  b"

msgid "Same words here"
msgstr "  Same words here "

msgid "Ends..."
msgstr "Ends."

msgid "x"
msgstr "x\xe2\x80\xac."

msgid "(open"
msgstr "(open)"
'''


def _findings(paths_and_data, settings):
    glossary = Glossary()
    out = []
    for name, data in paths_and_data:
        cat = parse_po(data, name)
        code = Path(name).parent.parent.name if Path(name).parent.name == "LC_MESSAGES" else cat.language
        rules = lang_rules(code or "en", glossary, settings.allow_latin, settings.accelerators)
        out.extend(run_checks(entry_contexts(cat, rules, glossary, settings), settings))
    return out


@pytest.mark.parametrize("profile", [None, "translator"])
def test_calling_every_check_on_every_entry_finds_the_same(monkeypatch, profile):
    inputs = [(str(p), p.read_bytes()) for p in REAL] + [("edges/el/LC_MESSAGES/edges.po", EDGES)]
    settings = Settings.from_config({}, profile=profile) if profile else Settings()
    fast = _findings(inputs, settings)
    for check_id, chk in list(REGISTRY.items()):
        monkeypatch.setitem(REGISTRY, check_id, dataclasses.replace(chk, trigger=None, gate=None))
    every = _findings(inputs, settings)
    assert len(fast) > 1000
    assert fast == every
