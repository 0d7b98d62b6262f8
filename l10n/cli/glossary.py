"""CLI for the glossary stage (placeholder: filled in by its issue)."""

from __future__ import annotations

import argparse

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:  # noqa: ARG001
    """Add this module's subcommands to *sub*."""
