"""l10n: offline localisation of news articles.

The package reads as the pipeline: :mod:`l10n.segment` -> :mod:`l10n.catalog` -> :mod:`l10n.translate`
-> :mod:`l10n.check` -> :mod:`l10n.assemble` -> :mod:`l10n.preview`.  No stage imports a later one;
:mod:`l10n.glossary`, :mod:`l10n.lang`, :mod:`l10n.project.config` and :mod:`l10n.project.files` are shared
foundations that any stage may use.  Nothing here imports torch or argostranslate: only
:mod:`l10n.translate.argos` does, and only when an Argos engine is actually asked for.
"""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
