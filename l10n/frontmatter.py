"""YAML front matter: where it ends, how a value is read and written back.  Shared by every layer.

Front matter is the ``---`` … ``---`` block of YAML at the very start of an article (Jekyll, Hugo,
Eleventy, Pandoc).  :mod:`l10n.importer` writes it, :mod:`l10n.segment` finds the values to translate
in it, :mod:`l10n.assemble` writes translations back into it and keeps it out of the rendered body.
One module, so all of them agree on what front matter is.  PyYAML is imported on first use only.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["front_matter_end", "read_front_matter", "read_scalar", "yaml_plain_ok", "yaml_scalar", "render_front_matter"]

_FENCE = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)


def front_matter_end(text: str) -> int:
    """Offset just past a YAML front matter block at the very start of *text*, else 0.

    >>> front_matter_end("---\\ntitle: A\\n---\\n\\n# A\\n")
    17
    >>> front_matter_end("# No front matter\\n")
    0
    """
    m = _FENCE.match(text)
    if not m:
        return 0
    close = _CLOSE.search(text, m.end())
    return close.end() if close else 0


def read_front_matter(text: str) -> dict[str, Any]:
    """The front matter of *text* as a mapping ({} when there is none or it is not a YAML mapping)."""
    import yaml

    end = front_matter_end(text)
    if not end:
        return {}
    body = _CLOSE.sub("", _FENCE.sub("", text[:end], count=1))
    try:
        data = yaml.safe_load(body) or {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def read_scalar(value: str) -> tuple[str | None, str, tuple[int, int]]:
    """A one-line YAML value as (the string it means or None, its quote character, the span of its
    text inside *value*, quotes and a trailing ``# comment`` left out).  None for anything but a string
    scalar (a date, a number, a list, a block scalar).

    >>> read_scalar("'It''s' # note")
    ("It's", "'", (1, 6))
    """
    import yaml

    if value[:1] in ("'", '"'):
        quote = value[0]
        end = value.rfind(quote)
        if end <= 0:
            return None, "", (0, 0)
        inner = (1, end)
    else:
        if value[:1] in "|>[{&*!%@`#":
            return None, "", (0, 0)
        quote = ""
        cut = re.search(r"[ \t]#", value)
        inner = (0, len(value[: cut.start()].rstrip()) if cut else len(value))
    try:
        decoded = yaml.safe_load(f"k: {value}")
    except yaml.YAMLError:
        return None, "", (0, 0)
    if not isinstance(decoded, dict) or not isinstance(decoded.get("k"), str):
        return None, "", (0, 0)
    return decoded["k"], quote, inner


def yaml_plain_ok(text: str) -> bool:
    """Can *text* be written as a plain (unquoted) YAML scalar and read back as the same string?"""
    import yaml

    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False


def yaml_scalar(text: str, quote: str = "") -> str:
    """*text* as the inside of a YAML scalar quoted with *quote* (``'``, ``"``), or plain when *quote* is
    empty (double-quoted when it would not read back as plain).

    >>> yaml_scalar("It's: news"), yaml_scalar("It's", "'"), yaml_scalar('a "b"', '"')
    ('"It\\'s: news"', "It''s", 'a \\\\"b\\\\"')
    """
    if quote == '"':
        return json.dumps(text, ensure_ascii=False)[1:-1]
    if quote == "'":
        return text.replace("'", "''")
    return text if yaml_plain_ok(text) else json.dumps(text, ensure_ascii=False)


def render_front_matter(items: list[tuple[str, str]]) -> str:
    """A front matter block for (key, value) pairs, in that order; an ISO date stays a YAML date."""
    lines = ["---"]
    for key, value in items:
        value = " ".join(str(value).split())
        if not value:
            continue
        if key == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            lines.append(f"date: {value}")  # a YAML date: the build formats it for each locale
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"
