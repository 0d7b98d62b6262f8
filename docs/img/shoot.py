"""Re-make the editor's-view screenshots in docs/img/ (issue 14).  Needs Chromium, tmux, and for the
terminal shots Xvfb, xterm, mlterm and ImageMagick's ``import``; a missing tool skips its pictures.

    PYTHONPATH=. python docs/img/shoot.py

The seed article in Arabic from ``tests/fixtures/palmyra-attack.ar.po`` with two changes an editor meets
every day: «Just over a decade…» and «This time, an IS operative…» untranslated (two adjacent English
fallbacks), and four entries turned into unreviewed machine drafts (the standfirst's two sentences, the
first caption, the heading «Spanner in the works»).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "img"
CLEAR = ("Just over a decade", "This time, an IS operative")
DRAFTS = ("An Islamic State operative", "The assault requires", "US forces patrol", "Spanner in the works")


def project(clear: tuple[str, ...] = CLEAR, drafts: tuple[str, ...] = DRAFTS) -> Path:
    """A throw-away project: the seed and the Arabic fixture, *clear* msgstrs emptied, *drafts* made MT drafts."""
    from l10n.catalog import MT_TAG

    root = Path(tempfile.mkdtemp(prefix="l10n-shots-"))
    (root / "source").mkdir()
    shutil.copy(REPO / "source" / "palmyra-attack.md", root / "source")
    po_dir = root / "locale" / "ar" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    po = polib.pofile(str(REPO / "tests" / "fixtures" / "palmyra-attack.ar.po"))
    for e in po:
        if clear and e.msgid.startswith(clear):
            e.msgstr = ""
        if drafts and e.msgid.startswith(drafts):
            e.flags.append("fuzzy")
            e.tcomment = f"{MT_TAG} argos en->ar (screenshot)"
    po.save(str(po_dir / "palmyra-attack.po"))
    return root


def l10n(root: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "l10n", "-C", str(root), *args], env=env, check=True, **kw)


def chromium_shot(page: Path, png: Path, size: str) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={size}", f"--screenshot={png}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    print("wrote", png.relative_to(REPO))


def html_shot(root: Path, name: str = "html-ar-editor") -> None:
    l10n(root, "build", "-l", "ar", "-f", "html", "--drafts", capture_output=True)
    chromium_shot(root / "build" / "ar" / "palmyra-attack.html", OUT / f"{name}.png", "900,1500")


def tmux_capture(root: Path, columns: int = 80, lines: int = 60) -> str:
    """The first *lines* lines of the preview in a tmux pane *columns* wide (a tall pane, so nothing scrolls)."""
    script = root / "preview.sh"
    script.write_text(f"unset COLUMNS LINES\ncd {root}\nPYTHONPATH={REPO} {sys.executable} -m l10n preview "
                      "palmyra-attack -l ar --bidi app\nsleep 30\n", encoding="utf-8")
    tmux = ["tmux", "-L", f"l10n-shots-{os.getpid()}", "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-x", str(columns), "-y", "400", f"sh {script}"], check=True)
    try:
        time.sleep(3)
        pane = subprocess.run([*tmux, "capture-pane", "-e", "-p"], capture_output=True, text=True, check=True).stdout
        return "\n".join(pane.splitlines()[:lines]) + "\n"
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def tmux_shot(root: Path, name: str = "preview-ar-editor") -> None:
    """The pane as tmux holds it (``capture-pane -e``): as text, and shown by xterm (``cat``) for the PNG."""
    from rich.text import Text

    capture = tmux_capture(root)
    text = OUT / f"{name}.txt"
    text.write_text("\n".join(line.rstrip() for line in Text.from_ansi(capture).plain.splitlines()) + "\n",
                    encoding="utf-8")
    print("wrote", text.relative_to(REPO))
    ansi = root / "capture.ansi"
    ansi.write_text(capture, encoding="utf-8")
    if shutil.which("xterm") and shutil.which("Xvfb"):
        x_shot(name, XTERM + ["-geometry", "80x61"], f"cat {ansi}")


XTERM = ["xterm", "-fa", "DejaVu Sans Mono", "-fs", "10", "-bg", "#1e1e1e", "-fg", "#e0e0e0"]
_displays = iter(range(80 + os.getpid() % 50, 200))


def x_shot(name: str, terminal: list[str], command: str) -> None:
    """*terminal* running *command* under Xvfb, photographed with ImageMagick's ``import`` and trimmed."""
    display = f":{next(_displays)}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1000x1100x24"], stderr=subprocess.DEVNULL)
    script = Path(tempfile.mkdtemp()) / "shot.sh"
    script.write_text(f"{command}\nsleep 30\n", encoding="utf-8")
    term = None
    try:
        time.sleep(1)
        term = subprocess.Popen([*terminal, "-e", "sh", str(script)], env={**os.environ, "DISPLAY": display},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(6)
        png = OUT / f"{name}.png"
        subprocess.run(["import", "-display", display, "-window", "root", str(png)], check=True)
        subprocess.run(["convert", str(png), "-bordercolor", "black", "-border", "1", "-trim", "+repage", str(png)],
                       check=True)
        print("wrote", png.relative_to(REPO))
    finally:
        if term is not None:
            term.terminate()
            term.wait()
        xvfb.terminate()
        xvfb.wait()


def terminal_shots(root: Path) -> None:
    """The preview as each terminal here shows it, first 24 lines and the adjacent fallbacks' paragraph."""
    run = (f"cd {root}; {{env}}FORCE_COLOR=1 PYTHONPATH={REPO} {sys.executable} -m l10n preview palmyra-attack "
           "-l ar --width 78 {args} | head -42")
    if shutil.which("xterm"):
        x_shot("term-xterm", XTERM + ["-geometry", "80x44"], run.format(env="", args=""))  # auto: app bidi, shaped
    if shutil.which("mlterm"):
        ml = ["mlterm", "-g", "80x44", "--bg", "#1e1e1e", "--fg", "#e0e0e0"]
        x_shot("term-mlterm", ml, run.format(env="", args=""))  # auto: the terminal reorders, LRM marks
        # what mlterm showed before: isolates sent (as to a terminal not recognised as mlterm)
        x_shot("term-mlterm-isolates", ml, run.format(env="env -u MLTERM TERM=xterm-256color ", args="--bidi terminal"))


def main() -> int:
    plain = project(clear=(), drafts=())  # the fixture as it is: README's and docs/rtl.md's first pictures
    root = project()
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        html_shot(plain, "html-ar")
        html_shot(root)
    if shutil.which("tmux"):
        tmux_shot(plain, "preview-ar-80")
        tmux_shot(root)
    if shutil.which("Xvfb") and shutil.which("import"):
        terminal_shots(root)
    shutil.rmtree(root)
    shutil.rmtree(plain)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
