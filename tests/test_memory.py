"""Translation memory over real catalogues (Django admin, ar): exact and fuzzy lookups, human over MT."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n.translate.memory import TranslationMemory, Unit

DJANGO_AR = Path("/work/corpus/src/django/contrib/admin/locale/ar/LC_MESSAGES/django.po")


def test_a_human_translation_beats_mt_and_is_never_replaced_by_it():
    tm = TranslationMemory([Unit("Palmyra", "تدمر (آلي)", human=False, origin="a.po:3")])
    tm.add(Unit("Palmyra", "تدمر", human=True, origin="b.po:5"))
    tm.add(Unit("Palmyra", "بالميرا", human=False, origin="c.po:7"))
    assert tm.exact("Palmyra") == Unit("Palmyra", "تدمر", True, "b.po:5")


def test_fuzzy_suggestions_are_human_only_and_exclude_the_exact_source():
    tm = TranslationMemory([
        Unit("The city fell in 2015.", "سقطت المدينة في 2015.", True, "a:1"),
        Unit("The city fell in 2016.", "سقطت المدينة في 2016.", False, "a:2"),
    ])
    hits = tm.fuzzy("The city fell in 2017.")
    assert [h.unit.origin for h in hits] == ["a:1"] and hits[0].score > 90
    assert tm.fuzzy("The city fell in 2015.") == []


@pytest.mark.skipif(not DJANGO_AR.is_file(), reason="the .po corpus is not unpacked at /work/corpus")
def test_memory_from_a_real_catalogue_holds_exactly_its_live_translations():
    po = polib.pofile(str(DJANGO_AR))
    tm = TranslationMemory.from_catalogs([(str(DJANGO_AR), po)])
    live = {e.msgid: e for e in po if not e.obsolete and e.msgid and e.msgstr}
    assert len(tm) == len(live)
    for msgid, entry in live.items():
        unit = tm.exact(msgid)
        assert unit is not None and unit.target == entry.msgstr and unit.human == (not entry.fuzzy)
        assert unit.origin == f"{DJANGO_AR}:{entry.linenum}"
    obsolete = [e.msgid for e in po.obsolete_entries() if e.msgid not in live]
    assert all(tm.exact(m) is None for m in obsolete)
