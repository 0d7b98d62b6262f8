"""Arguments several commands share, and the console they print on."""

from __future__ import annotations

import argparse

__all__ = ["command", "group", "articles_arg", "lang_arg", "engine_options", "translate_settings", "console"]

_LANG_HELP = "target language (repeatable; default: [tool.l10n] languages)"


def command(sub, name: str, func, help: str, description: str, *, articles: bool = False, lang: str | None = None):
    """Add command *name* handled by *func*, with the ARTICLE list and ``--lang`` when asked."""
    p = sub.add_parser(name, help=help, description=description)
    if articles:
        articles_arg(p)
    if lang:
        lang_arg(p, lang)
    p.set_defaults(func=func)
    return p


def group(sub, name: str, help: str, description: str):
    """Add a command group (``glossary …``, ``models …``); returns its subparsers, one required."""
    parser = sub.add_parser(name, help=help, description=description)
    subcommands = parser.add_subparsers(dest=f"{name}_command", metavar="SUBCOMMAND")
    subcommands.required = True
    return subcommands


def articles_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help="article names or source/*.md paths (default: all)")


def lang_arg(p: argparse.ArgumentParser, help: str = _LANG_HELP) -> None:
    p.add_argument("-l", "--lang", action="append", default=[], metavar="CODE", help=help)


def engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", default=None, help="MT engine: argos (default), apertium, deterministic, or one you registered")
    p.add_argument("--beam", type=int, default=None, metavar="N", help="beam size (Argos; default 4)")
    p.add_argument("--threads", type=int, default=None, metavar="N", help="CPU threads for the engine")
    p.add_argument("--device", default=None, choices=("cpu", "cuda", "auto"), help="where CTranslate2 runs (default cpu)")
    p.add_argument("--batch-size", type=int, default=None, metavar="N", help="sentences per MT batch and per save (default 32)")
    p.add_argument("--n-best", type=int, default=None, metavar="N", help="hypotheses per sentence for glossary reranking (default 4)")
    p.add_argument("--no-glossary", action="store_true", help="do not enforce the glossary")


def translate_settings(args: argparse.Namespace, config):
    """``[tool.l10n.translate]`` with the engine options given on the command line."""
    return config.translate.override(
        engine=args.engine, beam=args.beam, threads=args.threads, device=args.device,
        batch_size=args.batch_size, n_best=args.n_best,
    )


def console():
    """The CLI's console: plain strings pass through :func:`l10n.terminal.safe` (no escape sequences)."""
    from l10n.terminal import console as safe_console

    return safe_console(highlight=False, soft_wrap=True, markup=False)
