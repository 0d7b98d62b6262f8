"""The Apertium engine: rule-based MT through the ``apertium`` command, many sentences per process.

Starting ``apertium`` costs a fraction of a second (a shell pipeline of a dozen programs loading their
dictionaries), so a batch goes through **one** process: sentences are joined with a blank line and
split again on blank lines.  That separator is exact because

- Apertium's text deformatter turns a blank line into a *superblank* (formatting it copies through
  untouched) preceded by a sentence end, so no rule, reordering or multiword crosses it, and every
  other stage copies superblanks verbatim;
- a blank line inside a sentence is collapsed to one newline before sending (Apertium may move single
  newlines inside a sentence, like other white space), and blank inputs never reach Apertium;
- the number of pieces that come back is checked; on a mismatch (never seen) the batch is halved and
  retried, down to one sentence per process, so a bad split can cost time but never shift translations.

Apertium's part-of-speech tagger keeps a little state from one sentence to the next (even across
Apertium's own null-flush mode), so in rare near-tie cases a sentence can be tagged differently after
different neighbours, exactly as when translating the whole document with ``apertium``.

Unknown words: Apertium runs without ``-u``, so it marks what it could not translate: ``*vetting``
(not in the dictionary), ``#word`` (no generation), ``@word`` (no transfer).  The marks are read,
removed from the output, and kept per output sentence (:meth:`ApertiumEngine.unknown_words`), so
enforcement can report "English left in" per entry.  A mark is told from Markdown emphasis by the
word after it: Apertium copies an unknown word verbatim, so a marked word is a word of the source.
With ``mark_unknown=True`` the marks stay in the output.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Sequence

from l10n.translate.engine import EngineError, MissingModelError, translate_distinct

__all__ = ["ApertiumEngine", "ISO_639_3", "pair_package", "strip_marks"]

#: Apertium names languages by ISO 639-3 codes; we use gettext's (mostly 639-1).
ISO_639_3 = {
    "en": "eng", "es": "spa", "fr": "fra", "ca": "cat", "pt": "por", "it": "ita", "de": "deu",
    "nl": "nld", "ar": "ara", "eu": "eus", "gl": "glg", "oc": "oci", "ro": "ron", "ru": "rus",
    "uk": "ukr", "pl": "pol", "cs": "ces", "sk": "slk", "sv": "swe", "da": "dan", "nb": "nob",
    "nn": "nno", "is": "isl", "cy": "cym", "br": "bre", "ga": "gle", "mt": "mlt", "eo": "epo",
    "tr": "tur", "kk": "kaz", "tt": "tat", "hi": "hin", "ur": "urd", "id": "ind", "ms": "msa",
    "sq": "sqi", "mk": "mkd", "bg": "bul", "sr": "srp", "hr": "hrv", "bs": "bos", "sl": "slv",
    "an": "arg", "ast": "ast", "fa": "fas", "he": "heb", "el": "ell", "hu": "hun", "fi": "fin",
}  # fmt: skip
_FROM_639_3 = {v: k for k, v in ISO_639_3.items()}

_MODE = re.compile(r"^([a-z]{2,3})(?:_([A-Za-z]+))?-([a-z]{2,3})(?:_([A-Za-z]+))?$")
_SEPARATOR = "\n\n"
_SPLIT = re.compile(r"\n[ \t]*\n")
_INNER_BLANK_LINES = re.compile(r"\s*\n\s*\n\s*")
_ONLY_SINGLE_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


class ApertiumEngine:
    """Apertium through its command line (see the module docstring).

    Options: *mark_unknown* (keep ``*`` on unknown words), *timeout* (seconds per process; a batch's
    limit grows with its size), *command* (the ``apertium`` executable), *datadir* (``apertium -d``).
    ``n_best`` is accepted, but Apertium has one answer: every sentence gets a single hypothesis.
    """

    name = "apertium"

    def __init__(
        self,
        *,
        mark_unknown: bool = False,
        timeout: float = 60.0,
        command: str = "apertium",
        datadir: str | os.PathLike[str] | None = None,
    ):
        self.mark_unknown = mark_unknown
        self.timeout = timeout
        self.command = command
        self.datadir = os.fspath(datadir) if datadir is not None else None
        self._modes: dict[tuple[str, str], str] | None = None
        self._version: str | None = None
        self._unknown: dict[str, tuple[str, ...]] = {}

    def unknown_words(self, text: str) -> tuple[str, ...]:
        """The words Apertium marked unknown in the output sentence *text* (marks already removed)."""
        return self._unknown.get(text.strip(), ())

    # -- discovery ----------------------------------------------------------------------------------

    def _executable(self) -> str:
        path = shutil.which(self.command)
        if path is None:
            raise EngineError(
                f"Apertium is not installed ({self.command!r} not found): on Debian/Ubuntu run "
                "'apt-get install apertium apertium-eng-spa', or pick another engine with --engine"
            )
        return path

    def _base_args(self) -> list[str]:
        args = [self._executable()]
        if self.datadir:
            args += ["-d", self.datadir]
        return args

    def modes(self) -> dict[tuple[str, str], str]:
        """Installed translation directions: (source, target) → Apertium mode name, from ``apertium -l``."""
        if self._modes is None:
            out = self._run([*self._base_args(), "-l"], "", timeout=30).stdout
            modes: dict[tuple[str, str], str] = {}
            for line in out.split():
                match = _MODE.match(line.strip())
                if match:
                    src, src_var, tgt, tgt_var = match.groups()
                    pair = (_code(src, src_var), _code(tgt, tgt_var))
                    modes.setdefault(pair, line.strip())
            self._modes = modes
        return self._modes

    def pairs(self) -> list[tuple[str, str]]:
        return sorted(self.modes())

    def mode(self, source: str, target: str) -> str:
        try:
            return self.modes()[(source, target)]
        except KeyError:
            src, tgt = ISO_639_3.get(source, source), ISO_639_3.get(target, target)
            installed = ", ".join(sorted(self.modes().values())) or "none"
            raise MissingModelError(
                source,
                target,
                engine="apertium",
                hint=f"install the Debian package apertium-{src}-{tgt} (or apertium-{tgt}-{src}); installed: {installed}",
            ) from None

    def version(self, pair: tuple[str, str] | None = None) -> str:
        """``"3.8.3; apertium-eng-spa 0.8.1-2"``: Apertium's version and its pair packages' (dpkg)."""
        if self._version is None:
            out = self._run([*self._base_args(), "-V"], "", timeout=30, check=False).stdout
            found = re.search(r"(\d+(?:\.\d+)+)", out)
            self._version = found.group(1) if found else "?"
        modes = [self.mode(*pair)] if pair else sorted(set(self.modes().values()))
        packages = []
        for mode in modes:
            found = pair_package(mode)
            if found and " ".join(found) not in packages:
                packages.append(" ".join(found))
        return self._version + (f"; {', '.join(packages)}" if packages else "")

    # -- translation --------------------------------------------------------------------------------

    def translate(
        self, texts: Sequence[str], source: str, target: str, *, n_best: int = 1
    ) -> list[list[str]]:
        return translate_distinct(
            texts, source, target, n_best, self.mode, lambda mode, unique: [[t] for t in self._batch(mode, unique)]
        )

    def _batch(self, mode: str, texts: list[str]) -> list[str]:
        """Translate *texts* (non-blank) in one process; halve and retry if the split does not match."""
        clean = [_INNER_BLANK_LINES.sub("\n", t) for t in texts]
        args = [*self._base_args(), mode]
        # Apertium runs at roughly 1,000 words/s on one core: allow for that, on top of the timeout.
        timeout = self.timeout + sum(len(t) for t in clean) / 2000
        out = self._run(args, _SEPARATOR.join(clean) + "\n", timeout=timeout).stdout
        pieces = _SPLIT.split(out.strip("\n"))
        if len(pieces) != len(texts):
            if len(texts) == 1:
                pieces = [out.strip()]
            else:
                half = len(texts) // 2
                return self._batch(mode, texts[:half]) + self._batch(mode, texts[half:])
        out = []
        for piece, text in zip(pieces, texts, strict=True):
            piece = _tidy(piece, text)
            clean, unknown = strip_marks(piece, text)
            if unknown:
                self._unknown[clean] = unknown
            out.append(piece if self.mark_unknown else clean)
        return out

    def _run(self, args: list[str], stdin: str, *, timeout: float, check: bool = True):
        """Run *args* in a new process group, so a timeout kills the whole Apertium pipeline."""
        try:
            proc = subprocess.Popen(
                args,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                env={**os.environ, "LC_ALL": "C.UTF-8"},
                start_new_session=True,
            )
        except OSError as exc:
            raise EngineError(f"cannot run Apertium: {exc}") from exc
        try:
            stdout, stderr = proc.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(proc)
            raise EngineError(
                f"Apertium took longer than {timeout:.0f}s ({' '.join(args[1:])}); gave up"
            ) from exc
        except BaseException:
            _kill_group(proc)
            raise
        if check and proc.returncode != 0:
            detail = " ".join(stderr.split())[:300] or f"exit status {proc.returncode}"
            raise EngineError(f"Apertium failed ({' '.join(args[1:])}): {detail}")
        return subprocess.CompletedProcess(args, proc.returncode, stdout, stderr)


_MARK = re.compile(r"(?<![\w*#@])([*#@]{1,2})(\w[\w'’-]*)")


def strip_marks(output: str, source: str) -> tuple[str, tuple[str, ...]]:
    """Remove Apertium's unknown-word marks from *output*; return (clean text, marked words).

    ``*word`` is a mark only when *word* is a word of the *source* (Apertium copies unknown words
    verbatim); when the source itself has ``*word`` (emphasis), only a doubled ``**word`` is.

    >>> strip_marks("El *Palmyra el ataque, *vetting y *Luchadores* islámicos.", "the Palmyra attack, vetting")
    ('El Palmyra el ataque, vetting y *Luchadores* islámicos.', ('Palmyra', 'vetting'))
    """
    words = {w.lower() for w in re.findall(r"\w[\w'’-]*", source)}
    words |= {part for w in words for part in re.split(r"['’-]", w)}
    found: list[str] = []

    def repl(m: re.Match[str]) -> str:
        marks, word = m.group(1), m.group(2)
        if marks[-1] in "#@" and marks[-1] + word not in source:
            return marks[:-1] + word  # generation/transfer error on a translated word: not English
        # Apertium may translate what follows an apostrophe ("*Sana'a" -> "*Sana'un"): the word it
        # copied is the part before the apostrophe or hyphen.
        head = re.split(r"['’-]", word)[0]
        if word.lower() not in words and head.lower() not in words:
            return m.group(0)
        if marks[-1] + word in source and len(marks) == 1:
            return m.group(0)  # emphasis the source has too
        found.append(word if word.lower() in words else head)
        return marks[:-1] + word

    if not any(c in output for c in "*#@"):
        return output, ()
    return _MARK.sub(repl, output), tuple(dict.fromkeys(found))


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.kill()
    proc.communicate()


def _tidy(piece: str, source: str) -> str:
    """Strip, and undo the double spaces Apertium leaves where it dropped a word (``it's`` → ``es``)."""
    piece = piece.strip()
    if "  " not in source:
        piece = _ONLY_SINGLE_SPACES.sub(" ", piece)
    return piece


def _code(iso3: str, variant: str | None) -> str:
    code = _FROM_639_3.get(iso3, iso3)
    return f"{code}_{variant}" if variant else code


def pair_package(mode: str) -> tuple[str, str] | None:
    """The Debian package holding *mode* and its version (``("apertium-eng-spa", "0.8.1-2")``), if known."""
    a, _, b = mode.partition("-")
    a, b = a.split("_")[0], b.split("_")[0]
    for name in (f"apertium-{a}-{b}", f"apertium-{b}-{a}"):
        version = _dpkg_version(name)
        if version:
            return name, version
    return None


def _dpkg_version(package: str) -> str | None:
    dpkg = shutil.which("dpkg-query")
    if dpkg is None:
        return None
    try:
        proc = subprocess.run(
            [dpkg, "-W", "-f=${Version}", package], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.strip() or None
