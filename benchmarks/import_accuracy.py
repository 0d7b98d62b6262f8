"""How well ``l10n import`` gets real news pages, against hand-verified expected articles.

Run on demand::

    PYTHONPATH=. python benchmarks/import_accuracy.py

For each saved page in tests/data/news/ (11 sites, from trafilatura's test data) it prints the
word-level precision/recall of the body text (see tests/news_eval.py) for

* ``l10n import`` (trafilatura's XML mapped to our blocks, figures and standfirst read from the page);
* trafilatura's default output (``trafilatura.extract(html)``, plain text), the extractor as it comes;
* readability-lxml (``Document(html).summary()``, text of the returned HTML), a readability-style
  extractor for comparison;

and whether the headline, standfirst, captions and credits landed in the right blocks (only ours has
blocks).  The expected articles were written by reading each page, not by running an extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from news_eval import HELD_OUT, NEWS, PAGES, body_words, overlap, plain_words, score  # noqa: E402


def main() -> int:
    table(PAGES, "tuned on")
    print()
    table(HELD_OUT, "held out")
    return 0


def table(pages, label: str) -> None:
    import lxml.html
    import trafilatura
    from readability import Document

    from l10n.importer import import_html

    rows = []
    print(f"-- {label}")
    print(f"{'page':<42} {'ours P/R':>11} {'traf. P/R':>11} {'readab. P/R':>11}  headline standfirst captions credits")
    for page in pages:
        html = (NEWS / f"{page}.html").read_bytes()
        expected = (NEWS / f"{page}.expected.md").read_text(encoding="utf-8")
        ours = import_html(html).markdown()
        s = score(ours, expected)
        exp_words = body_words(expected)
        t = overlap(plain_words(trafilatura.extract(html) or ""), exp_words)
        summary = Document(html.decode("utf-8", "replace")).summary(html_partial=True)
        r = overlap(plain_words(lxml.html.fromstring(summary).text_content()), exp_words)
        rows.append((s.precision, s.recall, *t, *r))
        yes = lambda b: "yes" if b else "NO"  # noqa: E731
        print(
            f"{page:<42} {s.precision:5.3f}/{s.recall:5.3f} {t[0]:5.3f}/{t[1]:5.3f} {r[0]:5.3f}/{r[1]:5.3f}  "
            f"{yes(s.headline):<8} {yes(s.standfirst):<10} {s.captions[0]}/{s.captions[1]:<6} "
            f"{s.credits[0]}/{s.credits[1]}"
        )
    n = len(rows)
    means = [sum(col) / n for col in zip(*rows)]
    print(
        f"{'mean':<42} {means[0]:5.3f}/{means[1]:5.3f} {means[2]:5.3f}/{means[3]:5.3f} {means[4]:5.3f}/{means[5]:5.3f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
