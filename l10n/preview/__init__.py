"""Stage 6 — preview: the localised article in a terminal, the way an editor needs to see it.

* :mod:`.layout` — pure bidi layout (levels, wrapping on cells, per-line reordering, shaping);
* :mod:`.view` — rich renderables (:class:`BidiText`, :class:`ArticlePreview`);
* this module — terminal detection (who does bidi, the app or the terminal?) and the I/O edge
  :func:`load_preview`.

Only babel, rich, python-bidi, arabic-reshaper, polib and markdown-it are imported: the preview must
start fast, and never loads an MT engine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from l10n.preview.view import BIDI_MODES, MARKERS, ArticlePreview, BidiText, markdown_to_text

__all__ = [
    "ArticlePreview",
    "BidiText",
    "BIDI_MODES",
    "MARKERS",
    "markdown_to_text",
    "terminal_does_bidi",
    "terminal_draws_isolates_as_boxes",
    "watched_files",
    "resolve_bidi",
    "resolve_shape",
    "glossary_highlighter",
    "load_preview",
]

#: Environment variables that name a terminal which applies the bidi algorithm itself.
_BIDI_TERMINAL_VARS = ("VTE_VERSION", "KONSOLE_VERSION", "KONSOLE_DBUS_SESSION", "MLTERM")


def terminal_does_bidi(env: Mapping[str, str] | None = None) -> bool:
    """Does the terminal we run in reorder right-to-left text itself?

    VTE terminals (GNOME Terminal, Tilix, Terminator …: ``VTE_VERSION``, bidi on by default since VTE
    0.58), Konsole (``KONSOLE_VERSION``), mlterm (``TERM=mlterm`` or ``MLTERM``) and Apple Terminal
    (``TERM_PROGRAM=Apple_Terminal``) do.  xterm, tmux, screen, kitty, Alacritty, WezTerm (bidi off by
    default), Windows Terminal and iTerm2 (by default) do not.
    """
    env = os.environ if env is None else env
    if any(env.get(name) for name in _BIDI_TERMINAL_VARS):
        return True
    return env.get("TERM", "").startswith("mlterm") or env.get("TERM_PROGRAM") == "Apple_Terminal"


def terminal_draws_isolates_as_boxes(env: Mapping[str, str] | None = None) -> bool:
    """Does the terminal show LRI/RLI/FSI/PDI (U+2066-2069) as boxes instead of applying them?

    mlterm (through its fribidi-based reordering, 3.9) draws them as boxes; it does honour LRM/RLM.
    Everywhere else we either reorder ourselves (controls dropped) or the terminal knows isolates.
    """
    env = os.environ if env is None else env
    return bool(env.get("MLTERM")) or env.get("TERM", "").startswith("mlterm")


def resolve_bidi(mode: str, env: Mapping[str, str] | None = None) -> str:
    """``auto``/``app``/``terminal``/``off`` → ``app`` or ``terminal`` (``off`` is ``terminal``)."""
    if mode == "off":
        return "terminal"
    if mode in BIDI_MODES:
        return mode
    if mode != "auto":
        raise ValueError(f"bidi mode must be auto, app, terminal or off, not {mode!r}")
    return "terminal" if terminal_does_bidi(env) else "app"


def resolve_shape(mode: str, bidi: str) -> bool:
    """``auto`` shapes exactly when we reorder (``app``): a terminal that shapes would join letters in
    display order, i.e. backwards, and one that does not shape shows isolated letters; pre-shaped
    presentation forms look right in both.  A terminal doing bidi itself also shapes."""
    if mode == "on":
        return True
    if mode == "off":
        return False
    if mode != "auto":
        raise ValueError(f"shape must be auto, on or off, not {mode!r}")
    return bidi == "app"


def glossary_highlighter(config, lang_code: str):
    """A function text → glossary term spans, or None when there is no glossary (or no glossary module)."""
    try:
        from l10n.glossary import find_target_terms, load_project_glossary
    except ImportError:
        return None
    try:
        glossary = load_project_glossary(config)
    except Exception:  # noqa: BLE001 - a broken glossary must not stop the preview; `l10n glossary check` reports it
        return None
    if not len(glossary):
        return None

    def highlight(text: str):
        return [(m.start, m.end) for m in find_target_terms(glossary, lang_code, text)]

    return highlight


def load_preview(
    project, article: str, language, *, digits: str = "default", drafts: bool = True, **options
) -> ArticlePreview:
    """Read the article and its catalogue and build the preview (I/O edge).

    *drafts* (the default, as for ``l10n run``): unreviewed machine drafts are shown, marked ``[MT]``;
    False shows English in their place, as ``l10n build`` does without ``--drafts``.
    """
    from l10n.assemble import localise, lookup_from_catalog
    from l10n.assemble.conventions import localise_document
    from l10n.errors import InputError
    from l10n.project.commands import load_document
    from l10n.project.store import read_po

    document = load_document(project, article)
    path = project.catalog_file(article, language)
    if path.exists() and path.stat().st_size == 0:
        raise InputError(f"{path}: empty (being written?)")
    po = read_po(path)
    ldoc = localise_document(localise(document, lookup_from_catalog(po, drafts=drafts), language), digits=digits)
    return ArticlePreview(ldoc, **options)


def watched_files(project, article: str, language) -> list:
    """What ``--watch`` follows: the article, its catalogue and the glossary directory (its CSV files)."""
    return [project.source_file(article), project.catalog_file(article, language), project.config.glossary_path]
