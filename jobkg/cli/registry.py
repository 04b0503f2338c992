"""The command table: each command is one function that declares its arguments beside it.

    @command("query", "run a canned query", arg("name"), *KB_SOURCE, arg("--param", action="append"))
    def query(args: Namespace) -> int: ...

Options and positionals may come in any order (argparse's intermixed parsing), so
`jobkg query NAME SOURCES --param k=v` and `jobkg query NAME --param k=v SOURCES` both work.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Arg:
    """One add_argument call, kept until the command's parser is made."""

    names: tuple[str, ...]
    options: dict[str, Any]


def arg(*names: str, **options: Any) -> Arg:
    return Arg(names, options)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    arguments: tuple[Arg, ...]
    handler: Handler
    epilog: str | None = None
    own_help: bool = False  # the command declares its own -h/--help


COMMANDS: dict[str, Command] = {}


def command(
    name: str, help: str, *arguments: Arg, epilog: str | None = None, own_help: bool = False
) -> Callable[[Handler], Handler]:
    """Register the decorated function as `jobkg NAME`, with these arguments."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = Command(name, help, arguments, handler, epilog, own_help)
        return handler

    return register


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser (for `jobkg --help`) and one parser per command."""
    parser = argparse.ArgumentParser(
        prog="jobkg",
        description="A graph knowledge base of a company's job architecture.",
        epilog="Run `jobkg COMMAND --help` for a command's options.",
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    parser.add_argument("--version", action="version", version=f"jobkg {version('jobkg')}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parsers = {}
    for entry in COMMANDS.values():
        sub = commands.add_parser(
            entry.name,
            help=entry.help,
            description=entry.help,
            epilog=entry.epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            add_help=not entry.own_help,
        )
        for argument in entry.arguments:
            sub.add_argument(*argument.names, **argument.options)
        parsers[entry.name] = sub
    return parser, parsers
