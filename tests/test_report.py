"""Check reports: the same findings in text, JSON, JUnit and SARIF, each read back with a parser that
is not ours (json, ElementTree) and compared finding by finding."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from l10n.check import CatalogueResult, CheckResult, Settings
from l10n.check.base import Finding
from l10n.check.report import TextReport, render, summary_line


@pytest.fixture
def result() -> CheckResult:
    findings = [
        Finding("numbers", "error", "locale/ar/LC_MESSAGES/a.po", 12, "In 2015 it fell.", "سقطت في 2016.",
                "number 2015 is missing from the translation", lang="ar"),
        Finding("end-punctuation", "warning", "locale/ar/LC_MESSAGES/a.po", 20, "Why?", "لماذا", "the question mark is lost",
                lang="ar"),
    ]
    cats = [
        CatalogueResult("locale/ar/LC_MESSAGES/a.po", "ar", total=3, translated=3, checked=3, findings=findings),
        CatalogueResult("locale/fr/LC_MESSAGES/a.po", "fr", total=3, translated=3, checked=3),
    ]
    return CheckResult(cats, Settings())


def test_summary_line_counts_and_verdict(result):
    assert summary_line(result) == "l10n check: 2 catalogues, 6 entries checked: 1 error, 1 warning, 0 info: FAILED"


def test_json_holds_every_finding_with_its_location(result):
    data = json.loads(render(result, "json"))
    assert data["summary"]["error"] == 1 and data["summary"]["failed"] is True
    assert [(f["path"], f["line"], f["check"] if "check" in f else f["check_id"]) for f in data["findings"]] == [
        ("locale/ar/LC_MESSAGES/a.po", 12, "numbers"), ("locale/ar/LC_MESSAGES/a.po", 20, "end-punctuation")
    ]


def test_junit_fails_exactly_the_entries_that_reach_fail_on(result):
    root = ET.fromstring(render(result, "junit"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["locale/ar/LC_MESSAGES/a.po", "locale/fr/LC_MESSAGES/a.po"]
    failures = root.findall(".//failure")
    assert len(failures) == 1 and "2015" in (failures[0].text or "") + (failures[0].get("message") or "")


def test_sarif_results_point_at_file_and_line(result):
    sarif = json.loads(render(result, "sarif"))
    (run,) = sarif["runs"]
    located = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    assert located == [("numbers", 12), ("end-punctuation", 20)]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"numbers", "end-punctuation"}


def test_text_report_renders_each_finding_and_the_summary(result):
    console = Console(record=True, width=100, color_system=None)
    console.print(TextReport(result))
    text = console.export_text()
    assert "locale/ar/LC_MESSAGES/a.po:12" in text and "number 2015 is missing" in text
    assert text.rstrip().endswith("FAILED")


def test_text_format_for_files_is_the_terminal_report_without_colour(result):
    text = render(result, "text")
    assert "\x1b[" not in text and "locale/ar/LC_MESSAGES/a.po:20" in text and "FAILED" in text


def test_json_rows_are_the_bytes_json_itself_writes():
    """The report writes finding rows without building dicts: each must equal json.dumps of the dict."""
    from l10n.check.report import _finding_dict, _finding_rows
    from l10n.glossary import Term

    term = Term(id="sana", source="SANA", path="glossary/terms.csv", line=5)
    nasty = 'a "quoted" \\ back\\slash\n\t\x00\x1b[31m \u2028 \u202e ✓ \U0001f600 سانا'
    findings = [
        Finding("numbers", "error", "p.po", 1, "In 2015", "في 2016", "missing 2015"),
        Finding("x", "info", nasty, 2, nasty, nasty, nasty, span=(0, 3), msgctxt=nasty, lang="ar", source_span=(1, 2)),
        Finding("x", "warning", "p.po", 3, "", "", "", span=None, msgctxt="", source_span=(0, 0)),
        Finding("glossary-missing", "error", "p.po", 4, "SANA said", "قالت", "term missing", term=term),
    ]
    assert list(_finding_rows(findings)) == [json.dumps(_finding_dict(f), ensure_ascii=False) for f in findings]


def test_json_in_chunks_is_the_whole_report_across_block_boundaries():
    """A large report is written in blocks of 4,096 findings: joined, they are valid JSON holding every
    finding in order, the same bytes as encoding it in one piece."""
    from l10n.check.report import _finding_rows, json_chunks

    findings = [Finding("x", "info", "p.po", i, f"s{i}", "", "m") for i in range(4096 * 2 + 5)]
    result = CheckResult([CatalogueResult("p.po", "fr", total=len(findings), findings=findings)], Settings())
    chunks = list(json_chunks(result))
    assert len(chunks) == 4
    text = "".join(chunks)
    assert [f["line"] for f in json.loads(text)["findings"]] == list(range(len(findings)))
    assert text.endswith(",\n    ".join(_finding_rows(findings)) + "\n  ]\n}\n")
