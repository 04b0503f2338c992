"""The `jobkg` command: a thin shim over KnowledgeBase. Every command is declared with its
arguments in one of this package's modules; main() parses, dispatches and turns every
JobkgError into one line on stderr and the exit status of its kind (jobkg.errors)."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

from jobkg.cli import ask, build, export, occupations, roles, tools  # noqa: F401 - importing registers their commands
from jobkg.cli.output import err
from jobkg.cli.registry import COMMANDS, build_parser
from jobkg.errors import JobkgError

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `cat file | head -1` gives the shell
EXIT_BUG = 70  # EX_SOFTWARE: not the user's mistake


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit status (0 ok, others per jobkg.errors)."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser, parsers = build_parser()
    debug = "--debug" in words
    words = [word for word in words if word != "--debug"]
    try:
        if not words or words[0] not in COMMANDS:
            parser.parse_args(words)  # --help, --version, or the usage error for an unknown command
            parser.print_help(sys.stderr)
            return 2
        args = parsers[words[0]].parse_intermixed_args(words[1:])
        status = COMMANDS[words[0]].handler(args)
        sys.stdout.flush()  # a reader that went away is found here, not at interpreter exit
        return status
    except SystemExit as done:  # argparse's --help and usage errors
        return done.code if isinstance(done.code, int) else 2
    except JobkgError as error:
        if debug:
            traceback.print_exc()
        err.print(f"jobkg: error: {error}", markup=False)
        return error.exit_status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return 130
    except Exception as bug:  # a bug, not the user's input: one line, the traceback with --debug
        if debug:
            traceback.print_exc()
        err.print(f"jobkg: internal error: {type(bug).__name__}: {bug} (rerun with --debug for details)", markup=False)
        return EXIT_BUG


def _silence_stdout() -> None:
    """The reader went away (`| head`): point stdout at /dev/null so the exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests capture it)
        pass
