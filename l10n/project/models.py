"""Installing Argos model packages: safe offline installation from a file, or from Argos's index.

:func:`install_package` validates an archive completely *before* anything is written (zip structure,
no absolute or ``..`` member paths, no links or device files, one top-level package directory with a
valid ``metadata.json`` and a model, CRCs), then lets Argos's ``install_from_path`` unpack it into a
staging directory next to the packages directory and moves the package into place with one rename:
a failure at any point leaves no partial package behind.  Argos's own ``install_from_path`` unpacks
with ``extractall`` straight into the packages directory, which is why we never give it an archive we
have not checked, nor the real directory.  Where packages are found: :mod:`l10n.translate.models`.
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
from l10n.project.files import atomic_write, check_name, file_lock
from l10n.translate.engine import EngineError
from l10n.translate.models import ArgosPackage, argos_install_dir, argos_settings, find_argos_packages

__all__ = ["install_package", "install_shipped", "install_from_index", "check_code", "NETWORK_TIMEOUT"]

#: Limits for an archive we are asked to unpack (real packages: ~90 MB, a few dozen members).
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_MEMBERS = 10_000
_CODE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


def check_code(code: str) -> str:
    """*code* if it looks like an ISO 639 language code (what Argos's index uses), else a UsageError."""
    if not _CODE.fullmatch(code):
        raise UsageError(f"invalid language code {code!r}: expected an ISO 639 code such as 'en' or 'ar'")
    return code


# --------------------------------------------------------------------------------------------------
# Validation and installation


@dataclass(frozen=True)
class _Checked:
    top: str  # the package directory at the archive root
    metadata: dict


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
    settings = argos_settings()
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


def install_shipped(files: dict[str, bytes]) -> list[str]:
    """Install package files a cluster job shipped to this worker node; return their packages directories.

    Each file goes, validated like :func:`install_package`, into a node-local cache directory named after
    its content (sha256): ``$L10N_CLUSTER_CACHE``, default ``$TMPDIR/l10n-shipped-models``.  The lock
    makes the workers of one node install a package once; a restarted worker finds it installed.
    """
    import hashlib

    root = Path(os.environ.get("L10N_CLUSTER_CACHE") or Path(tempfile.gettempdir()) / "l10n-shipped-models")
    dirs = []
    for name, data in sorted(files.items()):
        packages = root / hashlib.sha256(data).hexdigest()[:20]
        with file_lock(packages):
            if not find_argos_packages([packages]):
                root.mkdir(parents=True, exist_ok=True)
                with tempfile.TemporaryDirectory(dir=root) as tmp:
                    archive = Path(tmp) / Path(name).name
                    archive.write_bytes(data)
                    install_package(archive, dest=packages)
        dirs.append(str(packages))
    return dirs


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

    settings = argos_settings()
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
