"""Argos model packages: where they live, what is installed, and safe offline installation.

An Argos package (``*.argosmodel``) is a zip archive holding one directory with ``metadata.json``
(``from_code``, ``to_code``, ``package_version`` …), a CTranslate2 model in ``model/`` and a
``sentencepiece.model`` (older packages: ``bpe.model``).  Installing one means unpacking that directory
into Argos's packages directory, where :func:`argostranslate.package.get_installed_packages` finds it.

Packages directory, first match wins:

1. ``L10N_ARGOS_PACKAGES`` — ours; several directories may be given, separated by ``os.pathsep``;
   the first is where ``l10n models install`` installs;
2. ``ARGOS_PACKAGES_DIR`` — Argos's own variable, read here at call time (Argos reads it once, at
   import);
3. Argos's settings (``~/.config/argos-translate/settings.json``, default
   ``~/.local/share/argos-translate/packages``).

:func:`install_package` validates an archive completely *before* anything is written (zip structure,
no absolute or ``..`` member paths, no links or device files, one top-level package directory with a
valid ``metadata.json`` and a model, CRCs), then lets Argos's ``install_from_path`` unpack it into a
staging directory next to the packages directory and moves the package into place with one rename:
a failure at any point leaves no partial package behind.  Argos's own ``install_from_path`` unpacks
with ``extractall`` straight into the packages directory, which is why we never give it an archive we
have not checked, nor the real directory.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from l10n.errors import InputError, UsageError
from l10n.translate.engine import EngineError

__all__ = [
    "ArgosPackage",
    "argos_package_dirs",
    "argos_install_dir",
    "find_argos_packages",
    "validate_package_archive",
    "install_package",
    "install_from_index",
    "ARGOS_EXTRA_HINT",
]

ARGOS_EXTRA_HINT = "the Argos engine needs the 'mt' extra: pip install 'l10n[mt]'"

#: Limits for an archive we are asked to unpack (real packages: ~90 MB, a few dozen members).
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_MEMBERS = 10_000
_CODE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class ArgosPackage:
    """One installed Argos translation package."""

    from_code: str
    to_code: str
    package_version: str
    path: Path
    from_name: str = ""
    to_name: str = ""
    argos_version: str = ""
    target_prefix: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece_model(self) -> Path | None:
        sp = self.path / "sentencepiece.model"
        return sp if sp.is_file() else None

    def version_key(self) -> tuple:
        """Sort key: higher package versions sort last (PEP 440 where it parses, text otherwise)."""
        try:
            from packaging.version import Version

            return (1, Version(self.package_version), str(self.path))
        except Exception:  # noqa: BLE001 - unparsable versions sort first, by text
            return (0, self.package_version, str(self.path))


def _argos_settings():
    try:
        from argostranslate import settings
    except ImportError as exc:
        raise EngineError(f"argostranslate is not installed: {ARGOS_EXTRA_HINT}") from exc
    return settings


def argos_package_dirs() -> list[Path]:
    """Directories searched for installed Argos packages, in order (see the module docstring)."""
    ours = os.environ.get("L10N_ARGOS_PACKAGES")
    if ours:
        return [Path(p).expanduser() for p in ours.split(os.pathsep) if p]
    theirs = os.environ.get("ARGOS_PACKAGES_DIR")
    if theirs:
        return [Path(theirs).expanduser()]
    return [Path(p) for p in _argos_settings().package_dirs]


def argos_install_dir() -> Path:
    """Where ``l10n models install`` puts packages: the first of :func:`argos_package_dirs`."""
    return argos_package_dirs()[0]


def find_argos_packages(dirs: list[Path] | None = None) -> list[ArgosPackage]:
    """Installed translation packages, read through Argos's own :class:`argostranslate.package.Package`.

    Unlike ``argostranslate.package.get_installed_packages`` this skips (rather than fails on) missing
    directories, hidden directories (our staging areas) and directories without ``metadata.json``.
    A package whose metadata cannot be read is skipped too: one broken package must not hide the rest.
    """
    try:
        from argostranslate.package import Package
    except ImportError as exc:
        raise EngineError(f"argostranslate is not installed: {ARGOS_EXTRA_HINT}") from exc

    found: list[ArgosPackage] = []
    for directory in argos_package_dirs() if dirs is None else dirs:
        try:
            children = sorted(directory.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            continue
        for child in children:
            if child.name.startswith(".") or not (child / "metadata.json").is_file():
                continue
            try:
                pkg = Package(child)
            except (OSError, ValueError):  # unreadable or invalid JSON
                continue
            if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
                continue
            found.append(
                ArgosPackage(
                    from_code=pkg.from_code,
                    to_code=pkg.to_code,
                    package_version=str(pkg.package_version),
                    path=child,
                    from_name=pkg.from_name or "",
                    to_name=pkg.to_name or "",
                    argos_version=str(pkg.argos_version),
                    target_prefix=getattr(pkg, "target_prefix", "") or "",
                )
            )
    return found


# --------------------------------------------------------------------------------------------------
# Validation and installation


@dataclass(frozen=True)
class _Checked:
    top: str  # the package directory at the archive root
    metadata: dict


def validate_package_archive(path: str | os.PathLike[str]) -> dict:
    """Check that *path* is an Argos package we can unpack safely; return its metadata.

    Raises :class:`InputError` (one line naming the file and the problem) otherwise.  Nothing is written.
    """
    return _check_archive(Path(path)).metadata


def _check_archive(path: Path) -> _Checked:
    def bad(problem: str) -> InputError:
        return InputError(f"{path}: not a valid Argos package: {problem}; nothing was installed")

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise bad("not a zip archive")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise bad(f"unreadable zip ({exc})") from exc
    with zf:
        infos = zf.infolist()
        if not infos:
            raise bad("the archive is empty")
        if len(infos) > MAX_MEMBERS:
            raise bad(f"{len(infos)} members (more than {MAX_MEMBERS})")
        tops: set[str] = set()
        names: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if "\\" in name or "\x00" in name:
                raise bad(f"member {name!r} has a backslash or NUL in its path")
            pure = PurePosixPath(name)
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
                raise bad(f"member {name!r} has an absolute path")
            if ".." in pure.parts or not pure.parts:
                raise bad(f"member {name!r} points outside the package directory")
            mode = info.external_attr >> 16
            kind = stat.S_IFMT(mode)
            if stat.S_ISLNK(mode):
                raise bad(f"member {name!r} is a symbolic link")
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise bad(f"member {name!r} is not a regular file or directory")
            if info.flag_bits & 0x1:
                raise bad(f"member {name!r} is encrypted")
            total += info.file_size
            tops.add(pure.parts[0])
            names.add(str(pure) + ("/" if info.is_dir() else ""))
        if total > MAX_UNPACKED_BYTES:
            raise bad(f"it unpacks to {total} bytes (more than {MAX_UNPACKED_BYTES})")
        if len(tops) != 1:
            raise bad(f"expected one package directory at the archive root, found {len(tops)}")
        top = tops.pop()
        if f"{top}/metadata.json" not in names:
            raise bad(f"no {top}/metadata.json")
        if top in names:
            raise bad(f"{top!r} is both a file and the package directory")
        try:
            from l10n.project.files import check_name

            check_name(top, "package directory")
        except UsageError as exc:
            raise bad(str(exc)) from exc
        if f"{top}/model/model.bin" not in names:
            raise bad(f"no CTranslate2 model ({top}/model/model.bin)")
        if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
            raise bad(f"no tokenizer ({top}/sentencepiece.model or {top}/bpe.model)")
        try:
            metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile) as exc:
            raise bad(f"metadata.json is not valid UTF-8 JSON ({exc})") from exc
        if not isinstance(metadata, dict):
            raise bad("metadata.json is not a JSON object")
        for key in ("from_code", "to_code"):
            value = metadata.get(key)
            if not isinstance(value, str) or not _CODE.match(value):
                raise bad(f"metadata.json {key} is {value!r}, not a language code")
        if metadata.get("type", "translate") != "translate":
            raise bad(f"metadata.json type is {metadata.get('type')!r}, not 'translate'")
        try:
            broken = zf.testzip()
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            raise bad(f"corrupt archive ({exc})") from exc
        if broken is not None:
            raise bad(f"member {broken!r} is corrupt (CRC mismatch)")
    return _Checked(top=top, metadata=metadata)


def install_package(path: str | os.PathLike[str], dest: Path | None = None) -> ArgosPackage:
    """Validate and install the Argos package file *path*; return the installed package.

    A package with the same directory name is replaced (that is how Argos upgrades); everything is
    staged first and moved into place with a rename, so there is never a half-unpacked package.
    """
    path = Path(path)
    checked = _check_archive(path)
    dest = argos_install_dir() if dest is None else Path(dest)
    settings = _argos_settings()
    from argostranslate import package as argos_package

    try:
        dest.mkdir(parents=True, exist_ok=True)
        staging = _staging_dir(dest)
    except OSError as exc:
        raise EngineError(f"cannot install into {dest}: {exc.strerror or exc}") from exc
    final = dest / checked.top
    old = None
    try:
        with _package_data_dir(settings, staging):
            argos_package.install_from_path(path)
        unpacked = staging / checked.top
        if not (unpacked / "metadata.json").is_file():  # pragma: no cover - validated above
            raise InputError(f"{path}: unpacking did not produce {checked.top}/metadata.json")
        if final.exists():
            old = staging / (".old-" + checked.top)
            os.replace(final, old)
        os.replace(unpacked, final)
    except OSError as exc:
        if old is not None and not final.exists():
            with contextlib.suppress(OSError):
                os.replace(old, final)
        raise EngineError(f"cannot install {path.name} into {dest}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for pkg in find_argos_packages([dest]):
        if pkg.path == final:
            return pkg
    raise InputError(
        f"{path}: installed, but Argos does not read it as a translation package"
    )  # pragma: no cover


def _staging_dir(dest: Path) -> Path:
    """A fresh directory on *dest*'s file system, outside it if we may (Argos lists every subdirectory)."""
    try:
        return Path(tempfile.mkdtemp(prefix=".l10n-install-", dir=dest.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=".l10n-install-", dir=dest))


@contextlib.contextmanager
def _package_data_dir(settings, directory: Path) -> Iterator[None]:
    """Point Argos's install target at *directory* for the duration (it reads the global at call time)."""
    saved = settings.package_data_dir
    settings.package_data_dir = directory
    try:
        yield
    finally:
        settings.package_data_dir = saved


# --------------------------------------------------------------------------------------------------
# Installing from Argos's package index (needs network)

#: Seconds to wait for the network before telling the user to install from a file instead.
NETWORK_TIMEOUT = 5.0


def install_from_index(
    source: str,
    target: str,
    *,
    timeout: float = NETWORK_TIMEOUT,
    progress: Callable[[int, int | None], None] | None = None,
    dest: Path | None = None,
) -> ArgosPackage:
    """Download the package for *source* → *target* from Argos's index and install it.

    Argos's own ``update_package_index`` and ``AvailablePackage.download`` have no timeout (an
    unreachable host hangs for minutes) and retry silently; we fetch with a short *timeout*, stream the
    download into a temporary file (reporting ``progress(done, total)``), then install that file through
    :func:`install_package` like any other.
    """
    import urllib.error
    import urllib.request

    settings = _argos_settings()
    from argostranslate import package as argos_package

    offline = (
        f"cannot reach the Argos package index ({{why}}); without network, install from a file: "
        f"'l10n models install PATH/translate-{source}_{target}-1_0.argosmodel'"
    )
    try:
        with urllib.request.urlopen(settings.remote_package_index, timeout=timeout) as response:
            index = response.read()
        json.loads(index)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise EngineError(offline.format(why=_why(exc))) from exc
    from l10n.project.files import atomic_write

    atomic_write(settings.local_package_index, index)
    candidates = [
        p
        for p in argos_package.get_available_packages()
        if p.from_code == source and p.to_code == target and getattr(p, "type", "translate") == "translate"
    ]
    if not candidates:
        raise UsageError(f"Argos's package index has no package for {source}→{target}")
    best = max(candidates, key=lambda p: _loose_version(p.package_version))
    links = [u for u in best.links if u.startswith(("https://", "http://"))]
    if not links:
        raise EngineError(f"Argos's package index lists {source}→{target} without a download link")
    name = f"translate-{source}_{target}-{str(best.package_version).replace('.', '_')}.argosmodel"
    with tempfile.TemporaryDirectory(prefix="l10n-download-") as tmp:
        file = Path(tmp) / name
        last: Exception | None = None
        for url in links:
            try:
                _download(url, file, timeout=timeout, progress=progress)
                break
            except (urllib.error.URLError, OSError) as exc:
                last = exc
        else:
            raise EngineError(offline.format(why=f"download failed: {_why(last)}"))
        return install_package(file, dest=dest)


def _download(url: str, file: Path, *, timeout: float, progress) -> None:
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "l10n"})
    with urllib.request.urlopen(request, timeout=timeout) as response, file.open("wb") as out:
        total = response.headers.get("Content-Length")
        total_n = int(total) if total and total.isdigit() else None
        done = 0
        while chunk := response.read(1 << 16):
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total_n)


def _why(exc: Exception | None) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason) or type(exc).__name__


def _loose_version(text: str):
    try:
        from packaging.version import Version

        return (1, Version(str(text)))
    except Exception:  # noqa: BLE001
        return (0, str(text))
