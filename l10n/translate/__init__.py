"""Machine translation: engines behind one interface (see :mod:`l10n.translate.engine`).

Importing this package is cheap and never imports torch, CTranslate2, SentencePiece or argostranslate;
:mod:`l10n.translate.argos` imports them when an Argos engine is first used.
"""

from __future__ import annotations

from l10n.translate.engine import (
    DeterministicEngine,
    Engine,
    EngineError,
    MissingModelError,
    available_engines,
    get_engine,
    register_engine,
)

__all__ = [
    "Engine",
    "EngineError",
    "MissingModelError",
    "DeterministicEngine",
    "get_engine",
    "register_engine",
    "available_engines",
]
