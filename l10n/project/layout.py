"""Where an article's files live: the one place that turns names into paths.

Every path is built from a checked article name (:func:`l10n.project.files.check_name`) and a CLDR-validated
language code, so nothing a user types can make us write outside ``locale/`` or ``build/``; and every
file path is checked to *resolve* inside the project root (symlinks followed), so a link
``source/evil.md -> /etc/passwd`` or ``build_dir = "/var/www"`` is refused with one line unless the
project sets ``allow_outside = true``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import InputError, UsageError
from l10n.inputs import check_inside
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
            if "/" not in given and not resolved.exists() and (self.config.source_path / given).is_file():
                resolved = self.config.source_path / given  # a file name: the article of that name
            if not resolved.exists() and not path.exists():
                raise UsageError(f"{given}: no such source file")
            if resolved.resolve().parent != self.config.source_path.resolve():
                raise UsageError(f"{given}: articles must live in {self.config.source_path}/")
            return check_name(path.stem)
        name = check_name(given)
        if not self.source_file(name).is_file():
            raise UsageError(f"unknown article {given!r}: no {self.source_file(name)}")
        return name

    def inside(self, path: Path, what: str) -> Path:
        """*path*, if it resolves inside the project root (or ``allow_outside`` is set); else one-line refusal."""
        if self.config.allow_outside:
            return path
        return check_inside(path, self.config.root, what)

    def source_file(self, article: str) -> Path:
        return self.inside(self.config.source_path / f"{check_name(article)}.md", "the article")

    def source_display(self, article: str) -> str:
        """Path used in PO references: relative to the project root, POSIX separators."""
        return f"{Path(self.config.source_dir).as_posix()}/{check_name(article)}.md"

    # ------------------------------------------------------------------ languages
    def languages(self, codes: list[str] | tuple[str, ...] = ()) -> list[Language]:
        codes = list(codes) or list(self.config.languages)
        if not codes:
            raise UsageError("no target language: pass --lang CODE or set languages in [tool.l10n]")
        out: list[Language] = []
        source = get_language(self.config.source_lang)
        for code in codes:
            lang = get_language(code)
            if lang.code == source.code:
                raise UsageError(
                    f"--lang {code}: {lang.name} is the source language of the articles, not a target"
                )
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
        return self.inside(self.config.locale_path / f"{check_name(article)}.pot", "the template")

    def catalog_file(self, article: str, lang: Language) -> Path:
        path = self.catalogue_dir(lang.code) / f"{check_name(article)}.po"
        return self.inside(path, "the catalogue")

    def build_file(self, article: str, lang: Language, fmt: str) -> Path:
        return self.inside(self.config.build_path / lang.code / f"{check_name(article)}.{fmt}", "the output file")

    # ------------------------------------------------------------------ discovery
    def catalogue_dir(self, code: str) -> Path:
        """``locale/<code>/LC_MESSAGES``: the gettext layout, written here only."""
        return self.config.locale_path / code / "LC_MESSAGES"

    def language_dirs(self, codes: list[str] | tuple[str, ...] = ()) -> list[Path]:
        """``locale/<lang>/`` directories that hold catalogues: those whose gettext locale name matches one of
        *codes* (``zh_CN``, ``zh-cn``, ``sr@latin``: case and ``-``/``_`` aside), else all, in name order."""
        base = self.config.locale_path
        dirs = sorted(d.parent for d in base.glob("*/LC_MESSAGES") if d.is_dir()) if base.is_dir() else []
        if not codes:
            return dirs
        wanted = {locale_key(code) for code in codes}
        return [d for d in dirs if locale_key(d.name) in wanted]

    def catalogues(self, codes: list[str] | tuple[str, ...] = ()) -> list[tuple[Path, str]]:
        """``[(path, language)]``: every ``*.po`` under ``locale/<lang>/LC_MESSAGES/`` for *codes* (gettext
        locale names, matched as :meth:`language_dirs` does), else for every language directory, in path
        order.  The language is the directory's name.  Special files (a FIFO named ``x.po``) are listed
        too, so that reading them is refused loudly rather than skipped."""
        return [
            (path, d.name)
            for d in self.language_dirs(codes)
            for path in sorted((d / "LC_MESSAGES").glob("*.po"))
            if not path.is_dir()
        ]

    def language_of(self, path: Path) -> str:
        """The gettext locale name of a catalogue at ``…/<lang>/LC_MESSAGES/<name>.po`` (``sr@latin``), or
        ``""``: the checks resolve it against CLDR, and one CLDR does not know is a warning there."""
        return path.parent.parent.name if path.parent.name == "LC_MESSAGES" else ""

    @staticmethod
    def article_of(path: str) -> str:
        """What the catalogues of one article (one template) in every language share: the path with
        the language left out (``…/locale/*/LC_MESSAGES/django.po``: each Django app is one), else the
        file name."""
        parts = path.split(os.sep)
        if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
            return os.sep.join([*parts[:-3], "*", *parts[-2:]])
        return parts[-1]

    def find_catalogues(self, given: str) -> list[Path]:
        """The catalogues one command-line PATH names: a file, a directory (searched recursively) or a
        glob (quoted or not; ``**`` recurses), relative to the project root or else the working directory."""
        import glob

        path = Path(given)
        bases = [path] if path.is_absolute() else [self.config.root / given, Path.cwd() / given]
        if is_glob(given):
            for base in bases:
                hits = sorted(glob.glob(str(base), recursive=True))
                files = [Path(h) for h in hits if h.endswith(CATALOGUE_SUFFIXES) and Path(h).is_file()]
                for d in (Path(h) for h in hits if Path(h).is_dir()):
                    files.extend(_po_files(d))
                if files:
                    return files
            raise InputError(f"{given}: no catalogue matches this pattern")
        for base in bases:
            if base.is_file():
                return [base]
            if base.is_dir():
                files = _po_files(base)
                if not files:
                    raise InputError(f"{given}: no .po catalogues under this directory")
                return files
        raise InputError(f"{given}: no such catalogue")

    def names_catalogues(self, given: str) -> bool:
        """Whether a positional argument names catalogues (a .po file, a directory, a glob), not an article."""
        if is_glob(given) or given.endswith(CATALOGUE_SUFFIXES):
            return True
        path = Path(given)
        return any((path if path.is_absolute() else base / given).is_dir() for base in (self.config.root, Path.cwd()))
        try:
            return get_language(path.parent.parent.name).code
        except UsageError:
            return ""


CATALOGUE_SUFFIXES = (".po", ".pot")


def is_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def locale_key(code: str) -> str:
    """A gettext locale name compared loosely: ``zh-CN``, ``zh_cn`` and ``zh_CN.UTF-8`` are one."""
    return code.split(".", 1)[0].replace("-", "_").lower()


def _po_files(top: Path) -> list[Path]:
    """``sorted(p for p in top.rglob("*.po") if p.is_file())``, from one directory scan each (no stat
    per file): linked directories are not entered, as rglob does not."""
    found: list[str] = []
    stack = [str(top)]
    while stack:
        with os.scandir(stack.pop()) as it:
            for entry in it:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.endswith(".po") and entry.is_file():
                    found.append(entry.path)
    found.sort(key=lambda p: p.split(os.sep))  # Path order: part by part
    return [Path(p) for p in found]
