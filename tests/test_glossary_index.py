"""A large glossary is matched through an index: same results as the full regex, time not proportional to size."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))


@pytest.fixture(scope="module")
def big():
    """The project's glossary plus 1,000 synthetic terms, parsed from CSV like a real one."""
    from bench_glossary_scale import synthetic_rows

    from l10n.glossary.csvio import parse_csv

    base = (REPO / "glossary/terms.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    return parse_csv("\n".join(base + synthetic_rows(1000)) + "\n", "big.csv")


def _texts(glossary, lang: str, n: int = 120) -> list[str]:
    """Sentences made of glossary forms/renderings with clitics, plurals, case changes and noise."""
    rng = random.Random(3)
    terms = list(glossary.terms)
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(2, 6)):
            t = rng.choice(terms)
            pool = list(t.forms) if lang == "en" else list(t.renderings(lang)) + list(t.forbidden_in(lang))
            if not pool:
                continue
            w = rng.choice(pool)
            if lang == "en":
                w = rng.choice([w, w.upper(), w.lower(), w + "s", w[:-1] + "ies", w + "'s"])
            else:
                w = rng.choice(["", "و", "ب", "لل", "وال", "فب"]) + rng.choice([w, w.replace("ال", "", 1)])
            words.append(w)
            words.append(rng.choice(["and", "the", "في", "من", ",", "-", "  "]))
        out.append(" ".join(words))
    return out


def _without_index(monkeypatch):
    import l10n.glossary.index as index

    monkeypatch.setattr(index, "INDEX_MIN", 10**9)


def test_source_matches_with_the_index_equal_the_full_regex(big, monkeypatch):
    from l10n.glossary.match import find_terms
    from l10n.glossary.model import Glossary

    texts = _texts(big, "en")
    fast = [[(m.term.id, m.start, m.end) for m in find_terms(big, t)] for t in texts]
    assert big._cache["source-index"], "the index is in use for a 1,000-term glossary"
    _without_index(monkeypatch)
    fresh = Glossary(big.terms, big.languages, big.options)
    slow = [[(m.term.id, m.start, m.end) for m in find_terms(fresh, t)] for t in texts]
    assert fast == slow and sum(map(len, slow)) > 100


@pytest.mark.parametrize("lang", ["ar"])
def test_target_matches_with_the_index_equal_the_full_regex(big, monkeypatch, lang):
    from l10n.glossary.model import Glossary
    from l10n.glossary.target import find_forbidden, find_target_terms

    texts = _texts(big, lang)

    def run(g):
        return [([(m.term.id, m.start, m.end) for m in find_target_terms(g, lang, t)],
                 [(m.term.id, m.start, m.end) for m in find_forbidden(g, lang, t)]) for t in texts]

    fast = run(Glossary(big.terms, big.languages, big.options))
    _without_index(monkeypatch)
    slow = run(Glossary(big.terms, big.languages, big.options))
    assert fast == slow and sum(len(a) for a, _ in slow) > 100 and sum(len(b) for _, b in slow) > 20


def test_a_sentence_is_matched_against_only_the_terms_it_can_contain(big):
    """Index, not scan: the regex run on a sentence holds a handful of the glossary's 1,000+ forms."""
    from l10n.glossary.match import _indexed
    from l10n.glossary.target import _glossary_matcher

    sentence = "Officials in Palmyra said the Syrian Arab News Agency reported the attack on Tuesday."
    regex, groups = _indexed(big).for_text(sentence)
    assert 0 < len(groups) < 30, len(groups)
    matcher = _glossary_matcher(big, "ar", "forbidden")
    assert len(matcher.groups) >= 1000 and len(matcher.for_text("قالت سانا إن الهجوم وقع في تدمر").groups) < 30


def test_paused_gc_hands_what_it_allocated_to_the_oldest_generation_still_collectable():
    """After a pause the collector is back on; what was allocated meanwhile is in the oldest generation
    (not walked by the next young collection), and a cycle among it is still collected."""
    import gc
    import weakref

    from l10n.glossary.index import paused_gc

    class Node:
        pass

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        kept = [[i] for i in range(100)]
        a, b = Node(), Node()
        a.other, b.other = b, a
        dead = weakref.ref(a)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert any(o is kept for o in gc.get_objects(generation=2))
    del a, b
    gc.collect()
    assert dead() is None
