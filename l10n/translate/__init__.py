"""Machine translation: engines behind one interface (see :mod:`l10n.translate.engine`).

Importing this package is cheap and never imports torch, CTranslate2, SentencePiece or argostranslate;
:mod:`l10n.translate.argos` imports them when an Argos engine is first used.  The package's names are
the engine interface's (:data:`l10n.translate.engine.__all__`).
"""

from __future__ import annotations

from l10n.translate.engine import *  # noqa: F403 - the interface, re-exported as is
from l10n.translate.engine import __all__ as __all__
