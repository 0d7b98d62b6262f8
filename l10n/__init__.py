"""l10n: offline localisation of news articles.

The package reads as the pipeline: :mod:`l10n.segment` -> :mod:`l10n.catalog` -> :mod:`l10n.glossary`
-> :mod:`l10n.translate` -> :mod:`l10n.check` -> :mod:`l10n.assemble` -> :mod:`l10n.preview`.  Stages
compute; no stage imports a later one, the project layer (:mod:`l10n.project`: paths, config, files,
one function per command) or the CLI (:mod:`l10n.cli`); :mod:`l10n.lang`, :mod:`l10n.errors` and
:mod:`l10n.markdown` are shared by all (``tests/test_layers.py`` holds the rule).  Nothing here imports torch or argostranslate: only
:mod:`l10n.translate.argos` does, and only when an Argos engine is actually asked for.
"""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
