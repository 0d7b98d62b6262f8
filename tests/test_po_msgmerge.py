"""``update``'s merge gives what ``msgmerge --previous`` gives, on real catalogues and a generated change set.

For each real catalogue: a template is made from its own msgids with some sentences edited by one word,
some deleted and some added (seeded, so every run is the same); GNU msgmerge and our merge both merge it
into the catalogue, and the outcomes are compared entry by entry: kept (translation as it was), fuzzy
(which old translation, which ``#|`` previous msgid), new (untranslated), obsolete.  polib writes the
template and reads msgmerge's output, so neither side of the comparison is our own reader.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest

from l10n.catalog import merge, parse_po

SAMPLE = Path(__file__).parent / "fixtures" / "po_corpus"
pytestmark = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext (msgmerge) not installed")


def change_set(po_path: Path, seed: int) -> tuple[str, dict[str, int]]:
    """A POT from *po_path*'s msgids: ~6% edited by one word, ~4% deleted, 3 added; and what was done."""
    rng = random.Random(seed)
    src = polib.pofile(str(po_path))
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8", "POT-Creation-Date": "2026-11-30 12:00+0000"}
    done = Counter()
    for e in src:
        if e.obsolete:
            continue
        words = e.msgid.split(" ")
        r = rng.random()
        if r < 0.04:
            done["deleted"] += 1
            continue
        msgid = e.msgid
        if r < 0.10 and len(words) >= 6 and not e.msgid_plural:
            i = rng.randrange(len(words))
            words[i] = words[i] + "s" if rng.random() < 0.5 else words[i][:-1] or words[i]
            msgid = " ".join(words)
            if msgid != e.msgid and src.find(msgid, msgctxt=e.msgctxt) is None:
                done["edited"] += 1
        pot.append(polib.POEntry(msgctxt=e.msgctxt, msgid=msgid, msgid_plural=e.msgid_plural,
                                 msgstr_plural={0: "", 1: ""} if e.msgid_plural else {}, msgstr=""))  # fmt: skip
    for n in range(3):
        pot.append(polib.POEntry(msgid=f"Qzxv {seed} {n} wkjf ghyr ptlm", msgstr=""))
        done["added"] += 1
    return str(pot), dict(done)


def outcome_polib(po: polib.POFile) -> dict:
    out = {}
    for e in po:
        state = "obsolete" if e.obsolete else "fuzzy" if e.fuzzy else "kept" if (e.msgstr or any(e.msgstr_plural.values())) else "new"
        strs = (e.msgstr, tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural)))
        out[(e.msgctxt, e.msgid)] = (state, e.previous_msgid if state == "fuzzy" else None, strs if state != "new" else None)
    return out


def outcome_ours(cat) -> dict:
    out = {}
    for e in cat:
        state = "obsolete" if e.obsolete else "fuzzy" if e.fuzzy else "kept" if e.has_translation else "new"
        strs = (e.msgstr if e.msgid_plural is None else "", tuple(e.msgstr_plural))
        out[(e.msgctxt, e.msgid)] = (state, e.previous_msgid if state == "fuzzy" else None, strs if state != "new" else None)
    return out


_MSGMERGE: dict[tuple[Path, int], tuple[Path, dict]] = {}  # one msgmerge run per catalogue per session


def parity(po_path: Path, tmp: Path, seed: int, cutoff: float = 70.0) -> tuple[Counter, Counter, list]:
    if (po_path, seed) not in _MSGMERGE:
        pot_text, _ = change_set(po_path, seed)
        pot = tmp / f"{seed}.pot"
        pot.write_text(pot_text, encoding="utf-8")
        mm = tmp / f"{seed}.mm.po"
        subprocess.run(["msgmerge", "--previous", "-q", "-o", str(mm), str(po_path), str(pot)], check=True)
        _MSGMERGE[(po_path, seed)] = (pot, outcome_polib(polib.pofile(str(mm))))
    pot, theirs = _MSGMERGE[(po_path, seed)]
    ours_cat, _ = merge(
        parse_po(pot.read_bytes(), str(pot)), parse_po(po_path.read_bytes(), str(po_path)), None, cutoff=cutoff
    )
    ours = outcome_ours(ours_cat)
    mismatches = [(k, theirs.get(k), ours.get(k)) for k in set(theirs) | set(ours) if theirs.get(k) != ours.get(k)]
    return Counter(v[0] for v in theirs.values()), Counter(v[0] for v in ours.values()), mismatches


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("msgmerge")


def _run(tmp_path, cutoff):
    files = sorted(SAMPLE.rglob("*.po"))
    total_theirs, total_ours, all_mismatches = Counter(), Counter(), []
    for seed, path in enumerate(files):
        theirs, ours, mismatches = parity(path, tmp_path, seed, cutoff)
        total_theirs += theirs
        total_ours += ours
        all_mismatches += mismatches
    return total_theirs, total_ours, all_mismatches


def test_update_matches_msgmerge_previous_on_real_catalogues_at_msgmerges_threshold(work):
    """With msgmerge's own similarity threshold (0.6) the outcome is the same, entry for entry."""
    theirs, ours, mismatches = _run(work, cutoff=60.0)
    assert theirs["fuzzy"] >= 20 and theirs["obsolete"] >= 20 and theirs["new"] >= 20 and theirs["kept"] >= 1000
    assert mismatches == [], mismatches[:5]
    assert theirs == ours


def test_at_our_cutoff_the_only_differences_are_the_documented_ones(work):
    """Our default cutoff (70, measured on news sentences) only ever declines a pairing msgmerge makes
    below it: such an entry is new for us and fuzzy for msgmerge; nothing else differs."""
    from rapidfuzz import fuzz

    theirs, ours, mismatches = _run(work, cutoff=70.0)
    for key, their, our in mismatches:
        assert their[0] == "fuzzy" and our == ("new", None, None), (key, their, our)
        assert fuzz.ratio(key[1], their[1]) < 70, (key, their)
    assert theirs["kept"] == ours["kept"] and theirs["obsolete"] == ours["obsolete"]
    assert theirs["fuzzy"] - ours["fuzzy"] == len(mismatches) <= 5


def test_one_deleted_sentence_is_one_obsolete_entry_and_one_edited_is_one_fuzzy_not_two(tmp_path):
    """Issue 15 item 7, against msgmerge itself on the smallest shape of the problem."""
    po = tmp_path / "old.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The attack killed two soldiers in the desert."\nmsgstr "A"\n\n'
        'msgid "Talks resumed in Damascus."\nmsgstr "B"\n\n'
        'msgid "A sentence that will go away."\nmsgstr "C"\n',
        encoding="utf-8",
    )
    pot = tmp_path / "new.pot"
    pot.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The attack killed three soldiers in the desert."\nmsgstr ""\n\n'
        'msgid "Talks resumed in Damascus."\nmsgstr ""\n',
        encoding="utf-8",
    )
    mm = subprocess.run(["msgmerge", "--previous", "-q", "-o", "-", str(po), str(pot)], capture_output=True, check=True)
    theirs = outcome_polib(polib.pofile(mm.stdout.decode("utf-8")))
    cat, stats = merge(parse_po(pot.read_bytes(), "new.pot"), parse_po(po.read_bytes(), "old.po"), None)
    assert outcome_ours(cat) == theirs
    assert (stats.kept, stats.fuzzy, stats.new, stats.obsolete) == (1, 1, 0, 1)
