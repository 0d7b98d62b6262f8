"""The import rule: stages compute and never reach the project layer, the CLI or a later stage.

An AST scan of every module under ``l10n/`` (imports inside functions and ``TYPE_CHECKING`` blocks
count too: a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "l10n"

#: The pipeline, in order: a stage may import itself and the stages before it.
STAGES = ("importer", "segment", "catalog", "glossary", "translate", "check", "assemble", "preview")
#: Utilities every layer may import.
SHARED = ("lang", "errors", "markdown", "spans", "frontmatter", "inputs", "terminal")
#: Layers above the stages: the project layer may import every stage; the CLI also the project layer.
LAYERS = {"project": (*STAGES, *SHARED, "project"), "cli": (*STAGES, *SHARED, "project", "cli")}


def _unit(module: str) -> str:
    """``l10n.translate.catalogs`` → ``translate``; ``l10n`` itself → ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                parts = module.split(".")
                keep = len(parts) - node.level + (1 if path.name == "__init__.py" else 0)
                base = parts[:keep]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            if name == "l10n":  # `from l10n import glossary`: the submodules named
                found += [(node.lineno, f"l10n.{a.name}") for a in node.names if _is_submodule(a.name)]
    return [(line, name) for line, name in found if name == "l10n" or name.startswith("l10n.")]


def _is_submodule(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _modules() -> list[tuple[Path, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out.append((path, ".".join(parts)))
    return out


def allowed(importer: str) -> tuple[str, ...]:
    """The units *importer*'s unit may import."""
    if importer in STAGES:
        return (*STAGES[: STAGES.index(importer) + 1], *SHARED)
    if importer in SHARED:
        return SHARED
    if importer in LAYERS:
        return LAYERS[importer]
    if importer in ("", "__main__"):
        return (*STAGES, *SHARED, "project", "cli")
    raise AssertionError(f"l10n.{importer} is in no layer: add it to STAGES, SHARED or LAYERS in {__file__}")


def violations() -> list[str]:
    out = []
    for path, module in _modules():
        unit = _unit(module)
        ok = allowed(unit)
        for line, name in _imports(path, module):
            target = _unit(name)
            if target and target not in ok:
                out.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {module} imports {name}")
    return out


def test_no_stage_imports_the_project_layer_the_cli_or_a_later_stage():
    assert violations() == []


@pytest.mark.parametrize(
    ("importer", "target", "ok"),
    [
        ("translate", "project", False),
        ("glossary", "cli", False),
        ("segment", "catalog", False),  # catalog comes after segment
        ("check", "assemble", False),
        ("preview", "assemble", True),
        ("assemble", "lang", True),
        ("lang", "segment", False),
        ("project", "preview", True),
        ("cli", "project", True),
    ],
)
def test_the_rule_itself(importer, target, ok):
    assert (target in allowed(importer)) is ok


def test_the_scan_sees_lazy_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from l10n.project.files import atomic_write\n", encoding="utf-8")
    assert _imports(module, "l10n.translate.m") == [(2, "l10n.project.files")]


# ------------------------------------------------------------------------------ one definition per concept


def _calls(name: str) -> list[str]:
    """``path:line`` of every call of *name* (a bare name or an attribute) under ``l10n/``."""
    out = []
    for path, _module in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if called == name:
                    out.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return out


def test_one_markdown_parser_factory():
    calls = _calls("MarkdownIt")
    assert len(calls) == 1 and calls[0].startswith("l10n/markdown.py:")


def test_one_script_resolver():
    from l10n import lang
    from l10n.assemble import conventions

    assert conventions.script_of is lang.script_of


def test_one_check_type_for_catalogue_and_glossary_checks():
    from l10n.check.base import Check
    from l10n.check.glossary_file import CHECKS

    assert CHECKS and all(isinstance(c, Check) for c in CHECKS.values())


def test_one_glossary_loader_and_one_catalogue_layout():
    """Only the project layer lists glossary directories or spells ``LC_MESSAGES``."""
    spelled = []
    for path, module in _modules():
        if _unit(module) in ("project", "cli"):
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if '"LC_MESSAGES"' in line or "load_glossary_dir(" in line and "def " not in line:
                spelled.append(f"{path.relative_to(PACKAGE.parent)}:{number}")
    assert [s for s in spelled if not s.startswith("l10n/glossary/files.py")] == []
