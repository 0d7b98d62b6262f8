"""Reports of a check run: text for people (rich), JSON, JUnit XML and SARIF 2.1.0 for machines.

Each format is a pure function ``CheckResult -> str`` (the text report is a rich renderable), so the
CLI decides where output goes and tests can parse what they get.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from l10n import __version__
from l10n.check.base import REGISTRY, SEVERITIES, Finding
from l10n.terminal import safe

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from l10n.check import CheckResult

__all__ = ["FORMATS", "TextReport", "summary_line", "render", "render_chunks", "json_chunks", "to_json", "to_junit", "to_sarif"]

FORMATS = ("text", "json", "junit", "sarif")
#: Entry-state findings the text report folds into one line per catalogue.
_FOLDED = ("untranslated", "fuzzy")
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_INFORMATION_URI = "https://example.invalid/l10n/docs/check.md"


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def summary_line(result: CheckResult) -> str:
    """``l10n check: 3 catalogues, 180 entries checked: 2 errors, 1 warning, 140 info: FAILED``."""
    counts = result.counts()
    cats = len(result.catalogues)
    checked = sum(c.checked for c in result.catalogues)
    parts = ", ".join(
        [_plural(counts["error"], "error"), _plural(counts["warning"], "warning"), f"{counts['info']} info"]
    )
    verdict = "FAILED" if result.failed else "passed"
    fail_on = result.settings.fail_on
    tail = f" (fails on {fail_on} or worse)" if fail_on not in ("error", "never") else ""
    return f"l10n check: {_plural(cats, 'catalogue')}, {checked} entries checked: {parts}: {verdict}{tail}"


# --------------------------------------------------------------------------- text


class TextReport:
    """The human report: one block per finding, a summary line last.  Untranslated and fuzzy entries and
    the weak signals of info findings are folded into one line per check and catalogue (``-v`` lists
    them) unless they fail the run."""

    def __init__(self, result: CheckResult, *, verbose: bool = False, context: int = 160) -> None:
        self.result = result
        self.verbose = verbose
        self.context = context

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for cat in self.result.catalogues:
            folded: dict[str, list[Finding]] = defaultdict(list)
            for f in cat.findings:
                if not self.verbose and (
                    f.check_id in _FOLDED or (f.severity == "info" and not self.result.settings.fails(f))
                ):
                    folded[f.check_id].append(f)
                    continue
                yield from self._finding(f)
            for check_id, items in folded.items():
                sev = items[0].severity
                lines = ", ".join(str(f.line) for f in items[:12]) + (", …" if len(items) > 12 else "")
                what = {"untranslated": "untranslated entry", "fuzzy": "fuzzy entry"}.get(check_id, "entry")
                text = Text(safe(f"{cat.path}: "))
                text.append(sev, _STYLE[sev])
                text.append(f" [{check_id}] {_plural(len(items), what)} (lines {lines})")
                yield text
        yield Text(summary_line(self.result), style="bold red" if self.result.failed else "bold green")

    def _finding(self, f: Finding) -> Iterator:
        from rich.text import Text

        head = Text(safe(f"{f.path}:{f.line}: "))
        head.append(f.severity, _STYLE.get(f.severity, ""))
        head.append(f" [{f.check_id}] ")
        head.append(safe(f.message))
        if f.term is not None:
            head.append(f"  (glossary {f.term_where})", "dim")
        yield head
        yield self._line("source", f.msgid, f.source_span, "bold yellow")
        if f.msgstr:
            yield self._line("target", f.msgstr, f.span, "bold white on red")

    def _line(self, label: str, text: str, span: tuple[int, int] | None, style: str):
        from rich.text import Text

        start, end, shown = 0, len(text), text
        if len(text) > self.context * 2 and span is not None:  # long sentence: a window around the span
            start = max(0, span[0] - self.context)
            end = min(len(text), span[1] + self.context)
            shown = text[start:end]
        elif len(text) > self.context * 2:
            end = self.context * 2
            shown = text[:end]
        out = Text(f"    {label}: ", style="dim")
        body = Text(safe(("…" if start else "") + shown + ("…" if end < len(text) else "")))
        if span is not None and span[1] > span[0]:
            offset = (1 if start else 0) - start
            body.stylize(style, max(0, span[0] + offset), max(0, span[1] + offset))
        out.append_text(body)
        return out


# --------------------------------------------------------------------------- JSON


def _term(f: Finding) -> dict | None:
    if f.term is None:
        return None
    return {"id": f.term.id, "source": f.term.source, "path": f.term.path, "line": f.term.line}


def _finding_dict(f: Finding) -> dict:
    return {
        "check": f.check_id,
        "severity": f.severity,
        "path": f.path,
        "line": f.line,
        "lang": f.lang,
        "msgctxt": f.msgctxt,
        "msgid": f.msgid,
        "msgstr": f.msgstr,
        "message": f.message,
        "span": list(f.span) if f.span else None,
        "source_span": list(f.source_span) if f.source_span else None,
        "term": _term(f),
    }


def _row_encoder() -> Callable[[dict], str]:
    """``JSONEncoder(ensure_ascii=False).encode``, the C encoder built once: ``encode`` builds a new one
    for every call, a third of the report's time on 65,000 findings.  Same bytes either way."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without json's C accelerator
        return encoder.encode
    one = make(None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda row: "".join(one(row, 0))


def _finding_rows(findings: list[Finding]) -> Iterator[str]:
    """Each finding as ``json.dumps(_finding_dict(f), ensure_ascii=False)`` writes it, without the dict:
    the strings go through json's own (C) string encoder, the few findings with a glossary term through
    the whole encoder, and what findings repeat (check, severity, path, language, message) is encoded
    once (tests/test_report.py compares both ways on every kind of value)."""
    q = json.encoder.encode_basestring
    encode = _row_encoder()
    heads: dict[tuple[str, str, str], str] = {}
    langs: dict[tuple[str, str | None], str] = {}
    messages: dict[str, str] = {}
    for f in findings:
        if f.term is not None or type(f.line) is not int:
            yield encode(_finding_dict(f))
            continue
        key = (f.check_id, f.severity, f.path)
        head = heads.get(key)
        if head is None:
            head = heads[key] = f'{{"check": {q(f.check_id)}, "severity": {q(f.severity)}, "path": {q(f.path)}, "line": '
        where = (f.lang, f.msgctxt)
        lang = langs.get(where)
        if lang is None:
            ctxt = "null" if f.msgctxt is None else q(f.msgctxt)
            lang = langs[where] = f', "lang": {q(f.lang)}, "msgctxt": {ctxt}, "msgid": '
        message = messages.get(f.message)
        if message is None:
            message = messages[f.message] = q(f.message)
        span, source_span = f.span, f.source_span
        yield (
            f'{head}{f.line}{lang}{q(f.msgid)}, "msgstr": {q(f.msgstr)}, "message": {message}, '
            f'"span": {f"[{int(span[0])}, {int(span[1])}]" if span else "null"}, '
            f'"source_span": {f"[{int(source_span[0])}, {int(source_span[1])}]" if source_span else "null"}, '
            '"term": null}'
        )


def to_json(result: CheckResult) -> str:
    return "".join(json_chunks(result))


def json_chunks(result: CheckResult) -> Iterator[str]:
    """:func:`to_json` in pieces of a few thousand findings, for a file to be written as they come."""
    counts = result.counts()
    data = {
        "tool": {"name": "l10n check", "version": __version__},
        "summary": {
            "catalogues": len(result.catalogues),
            "entries": sum(c.total for c in result.catalogues),
            "checked": sum(c.checked for c in result.catalogues),
            **{s: counts[s] for s in SEVERITIES},
            "fail_on": result.settings.fail_on,
            "failed": result.failed,
        },
        "checks": [
            {"id": c.id, "severity": result.settings.severity_of(c.id), "description": c.summary}
            for c in result.settings.active
        ],
        "catalogues": [
            {
                "path": c.path,
                "lang": c.lang,
                "total": c.total,
                "translated": c.translated,
                "fuzzy": c.fuzzy,
                "untranslated": c.untranslated,
                "checked": c.checked,
                "findings": len(c.findings),
            }
            for c in result.catalogues
        ],
        "findings": [],
    }
    # One finding per line: readable, and the C encoder (json only uses it without indent) does the bulk.
    head = json.dumps(data, ensure_ascii=False, indent=2)
    assert head.endswith('"findings": []\n}')
    findings = result.findings
    if not findings:
        yield head + "\n"
        return
    yield head[: -len("[]\n}")] + "[\n    "
    rows = _finding_rows(findings)
    block: list[str] = []
    for i, row in enumerate(rows):
        if i and not i % 4096:
            yield ",\n    ".join(block) + ",\n    "
            block = []
        block.append(row)
    yield ",\n    ".join(block) + "\n  ]\n}\n"


# --------------------------------------------------------------------------- JUnit


def _finding_text(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}: {f.severity} [{f.check_id}] {f.message}"]
    if f.term is not None:
        lines.append(f"  glossary: {f.term_where} ({f.term.id})")
    lines.append(f"  source: {f.msgid}")
    if f.msgstr:
        lines.append(f"  target: {f.msgstr}")
    return "\n".join(lines)


def to_junit(result: CheckResult) -> str:
    """JUnit XML: a testsuite per catalogue, a testcase per entry with findings (failing when any
    finding reaches ``--fail-on``), and a passing ``all checks`` case for a clean catalogue."""
    root = ET.Element("testsuites", name="l10n check")
    total_tests = total_failures = 0
    for cat in result.catalogues:
        suite = ET.SubElement(root, "testsuite", name=cat.path)
        by_entry: dict[int, list[Finding]] = defaultdict(list)
        for f in cat.findings:
            by_entry[f.line].append(f)
        tests = failures = 0
        for line, items in sorted(by_entry.items()):
            tests += 1
            msgid = items[0].msgid
            short = msgid if len(msgid) <= 60 else msgid[:59] + "…"
            case = ET.SubElement(
                suite,
                "testcase",
                classname=cat.path,
                name=f"line {line}: {short}",
                file=cat.path,
                line=str(line),
            )
            failing = [f for f in items if result.settings.fails(f)]
            body = "\n\n".join(_finding_text(f) for f in items)
            if failing:
                failures += 1
                ids = ", ".join(dict.fromkeys(f.check_id for f in failing))
                first = failing[0]
                fail = ET.SubElement(case, "failure", message=f"[{first.check_id}] {first.message}", type=ids)
                fail.text = body
            else:
                ET.SubElement(case, "system-out").text = body
        if not by_entry:
            tests += 1
            ET.SubElement(suite, "testcase", classname=cat.path, name="all checks", file=cat.path)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- SARIF

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _fingerprint(f: Finding) -> str:
    key = "\0".join([f.check_id, f.path, f.msgctxt or "", f.msgid, f.term.id if f.term else "", f.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def to_sarif(result: CheckResult) -> str:
    """SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.

    Rules come from the registry (id, description, default level); each result points at the
    catalogue entry's line and, for glossary findings, relates the glossary row.
    """
    checks = list(REGISTRY.values())
    index = {c.id: i for i, c in enumerate(checks)}
    rules = [
        {
            "id": c.id,
            "name": "".join(part.title() for part in c.id.split("-")),
            "shortDescription": {"text": c.summary},
            "fullDescription": {"text": " ".join(c.description.split())},
            "defaultConfiguration": {
                "level": _LEVEL[result.settings.severity_of(c.id)],
                "enabled": c.id not in result.settings.disabled,
            },
            "properties": {"category": c.category, "tags": ["localization", c.category]},
        }
        for c in checks
    ]
    results = []
    for f in result.findings:
        region: dict = {"startLine": max(1, f.line)}
        res: dict = {
            "ruleId": f.check_id,
            "ruleIndex": index[f.check_id],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message + (f" (glossary {f.term_where})" if f.term is not None else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }
            ],
            "partialFingerprints": {"l10nEntry/v1": _fingerprint(f)},
            "properties": {"lang": f.lang, "msgid": f.msgid, "msgstr": f.msgstr},
        }
        if f.span is not None:
            res["properties"]["span"] = list(f.span)
        if f.term is not None and f.term.path:
            res["relatedLocations"] = [
                {
                    "id": 1,
                    "message": {"text": f"glossary term {f.term.id}"},
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.term.path, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": max(1, f.term.line)},
                    },
                }
            ]
        results.append(res)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "l10n check",
                        "version": __version__,
                        "informationUri": _INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def render_chunks(result: CheckResult, fmt: str) -> Iterable[str]:
    """:func:`render` in pieces (JSON as it is encoded), for writing to a file."""
    return json_chunks(result) if fmt == "json" else [render(result, fmt)]


def render(result: CheckResult, fmt: str) -> str:
    """The report as text in *fmt* (``text`` renders without colour, for files)."""
    if fmt == "json":
        return to_json(result)
    if fmt == "junit":
        return to_junit(result)
    if fmt == "sarif":
        return to_sarif(result)
    from rich.console import Console

    console = Console(record=True, width=200, no_color=True, highlight=False, soft_wrap=True, file=_Null())
    console.print(TextReport(result))
    return console.export_text()


class _Null:
    def write(self, _s: str) -> int:
        return 0

    def flush(self) -> None:
        pass
