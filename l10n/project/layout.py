"""Where an article's files live: the one place that turns names into paths.

Every path is built from a checked article name (:func:`l10n.project.files.check_name`) and a CLDR-validated
language code, so nothing a user types can make us write outside ``locale/`` or ``build/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n.errors import UsageError
from l10n.lang import Language, get_language
from l10n.project.config import Config
from l10n.project.files import check_name

__all__ = ["Project"]


@dataclass(frozen=True)
class Project:
    config: Config

    # ------------------------------------------------------------------ articles
    def articles(self, names: list[str] | tuple[str, ...] = ()) -> list[str]:
        """Article names: the ones given (names or paths to .md files), else every source/*.md."""
        if names:
            return [self._article_name(n) for n in names]
        src = self.config.source_path
        if not src.is_dir():
            raise UsageError(f"no source directory {src} (put English Markdown articles there)")
        found = sorted(p.stem for p in src.glob("*.md") if p.is_file())
        if not found:
            raise UsageError(f"no articles: {src} has no *.md files")
        return [check_name(n) for n in found]

    def _article_name(self, given: str) -> str:
        if given.endswith(".md") or "/" in given:
            path = Path(given)
            if path.suffix != ".md":
                raise UsageError(f"{given}: articles are Markdown files ending in .md")
            resolved = (self.config.root / path) if not path.is_absolute() else path
            if not resolved.exists() and not path.exists():
                raise UsageError(f"{given}: no such source file")
            if resolved.resolve().parent != self.config.source_path.resolve():
                raise UsageError(f"{given}: articles must live in {self.config.source_path}/")
            return check_name(path.stem)
        name = check_name(given)
        if not self.source_file(name).is_file():
            raise UsageError(f"unknown article {given!r}: no {self.source_file(name)}")
        return name

    def source_file(self, article: str) -> Path:
        return self.config.source_path / f"{check_name(article)}.md"

    def source_display(self, article: str) -> str:
        """Path used in PO references: relative to the project root, POSIX separators."""
        return f"{Path(self.config.source_dir).as_posix()}/{check_name(article)}.md"

    # ------------------------------------------------------------------ languages
    def languages(self, codes: list[str] | tuple[str, ...] = ()) -> list[Language]:
        codes = list(codes) or list(self.config.languages)
        if not codes:
            raise UsageError("no target language: pass --lang CODE or set languages in [tool.l10n]")
        out: list[Language] = []
        for code in codes:
            lang = get_language(code)
            if lang not in out:
                out.append(lang)
        return out

    def existing_languages(self) -> list[Language]:
        """Languages that already have a directory under locale/."""
        base = self.config.locale_path
        if not base.is_dir():
            return []
        out = []
        for d in sorted(base.iterdir()):
            if self.catalogue_dir(d.name).is_dir():
                try:
                    out.append(get_language(d.name))
                except UsageError:
                    continue
        return out

    # ------------------------------------------------------------------ files
    def template_file(self, article: str) -> Path:
        return self.config.locale_path / f"{check_name(article)}.pot"

    def catalog_file(self, article: str, lang: Language) -> Path:
        return self.catalogue_dir(lang.code) / f"{check_name(article)}.po"

    def build_file(self, article: str, lang: Language, fmt: str) -> Path:
        return self.config.build_path / lang.code / f"{check_name(article)}.{fmt}"

    # ------------------------------------------------------------------ discovery
    def catalogue_dir(self, code: str) -> Path:
        """``locale/<code>/LC_MESSAGES``: the gettext layout, written here only."""
        return self.config.locale_path / code / "LC_MESSAGES"

    def catalogues(self, codes: list[str] | tuple[str, ...] = ()) -> list[tuple[Path, str]]:
        """``[(path, language code)]``: every ``*.po`` under ``locale/<code>/LC_MESSAGES/`` for *codes*,
        else for every language directory there, in path order."""
        if codes:
            dirs = [self.catalogue_dir(code) for code in codes]
        else:
            dirs = sorted(self.config.locale_path.glob("*/LC_MESSAGES"))
        return [(path, d.parent.name) for d in dirs for path in sorted(d.glob("*.po")) if path.is_file()]

    def language_of(self, path: Path) -> str:
        """The language code of a catalogue at ``…/<code>/LC_MESSAGES/<name>.po``, or ``""``."""
        if path.parent.name != "LC_MESSAGES":
            return ""
        try:
            return get_language(path.parent.parent.name).code
        except UsageError:
            return ""
