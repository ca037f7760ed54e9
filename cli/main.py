"""Entry point: `kpi-audit` and its command groups, and the one place that decides the exit status.

Exit status: 0 the command ran, 1 an audit scored below --fail-under, 2 invalid input or usage (a message,
never a traceback), 3 an internal error: a bug of ours, told in one "please report" line naming the exception's
type (KPI_AUDIT_DEBUG=1 adds the traceback). Whatever goes wrong, a person never sees a traceback by default.
"""
from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

import click

from cli.audit_cmd import audit, validate
from cli.batch_cmd import batch
from cli.catalogue_cmd import catalogue
from cli.click_zh import show_in_chinese
from cli.common import InputError, current_lang
from cli.compare_cmd import compare_cmd
from cli.history_cmd import history
from cli.intake_cmd import convert, init
from cli.rules_cmd import rules
from cli.serve_cmd import serve
from cli.token_cmd import token
from engine import __version__
from engine.bidi import reveal
from engine.messages import LANGS, Msg, in_lang

EXIT_USAGE = 2
EXIT_INTERNAL = 3
DEBUG_VARIABLE = "KPI_AUDIT_DEBUG"


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kpi-audit")
def cli() -> None:
    """Audit the health of a company's KPI system and write a scored diagnosis and remediation plan.

    \b
    Start here:
      kpi-audit audit examples/cross-border-seller.yaml --format md
      kpi-audit validate my-client.xlsx
      kpi-audit init client-intake.xlsx --lang zh
      kpi-audit rules list

    Exit status: 0 done, 1 score below --fail-under, 2 invalid input or usage, 3 internal error (please report).
    """


cli.add_command(audit)
cli.add_command(validate)
cli.add_command(rules)
cli.add_command(init)
cli.add_command(convert)
cli.add_command(catalogue)
cli.add_command(batch)
cli.add_command(history)
cli.add_command(compare_cmd)
cli.add_command(serve)
cli.add_command(token)


class RevealingStream:
    """A text stream for people (standard error, or standard output on a terminal) that drops bidi controls and
    shows invisible characters (engine/bidi.py), so client text quoted in a message cannot reverse the message
    or pass for other text. Bytes written to its `buffer` (reports, JSON) are data and pass untouched."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: object) -> object:
        return self._stream.write(reveal(text) if isinstance(text, str) else text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _lang(argv: Sequence[str]) -> str:
    """The language of a message given after the command has ended (its context is gone): the --lang on the
    command line when it is a language, else the default (KPI_AUDIT_LANG, the locale)."""
    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else \
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if value in LANGS:
            return value
    return current_lang()


def _tell(code: str, argv: Sequence[str], **params: object) -> None:
    click.echo(f"kpi-audit: {in_lang(Msg(code, **params), _lang(argv))}", err=True)


def _silence_stdout() -> None:
    """After a closed pipe: point standard output at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _output_closed(argv: Sequence[str]) -> int:
    """Standard output closed early (`| head`): nothing more can be written there; say so, exit 2."""
    _silence_stdout()
    _tell("output_closed", argv)
    return EXIT_USAGE


def run(argv: Sequence[str]) -> int:
    """Run one command line and return its exit status; never raises but SystemExit (exit 1, --fail-under)."""
    stdout, stderr = sys.stdout, sys.stderr
    try:
        status = cli.main(args=list(argv), prog_name="kpi-audit", standalone_mode=False)
        sys.stdout.flush()  # a closed pipe shows here, inside the guard, not at interpreter exit
        return status if isinstance(status, int) else 0
    except click.exceptions.Abort:
        _tell("aborted", argv)
        return EXIT_USAGE
    except click.ClickException as exc:
        if isinstance(exc, click.UsageError) and not isinstance(exc, InputError):
            exc.exit_code = EXIT_USAGE
            if _lang(argv) == "zh":  # click has no Chinese: its usage errors are told by cli.click_zh
                show_in_chinese(exc)
                return exc.exit_code
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except RecursionError:
        _tell("too_nested", argv)
        return EXIT_USAGE
    except MemoryError:
        _tell("out_of_memory", argv)
        return EXIT_USAGE
    except BrokenPipeError:
        return _output_closed(argv)
    except SystemExit as exc:
        # click answers a closed pipe with exit 1, the status of --fail-under, after wrapping standard output
        # (its only reason to replace it): tell the two apart by that
        if exc.code == 1 and sys.stdout is not stdout:
            sys.stdout, sys.stderr = stdout, stderr
            return _output_closed(argv)
        raise
    except Exception as exc:  # the guard: anything else is a bug of ours, told without a traceback
        if os.environ.get(DEBUG_VARIABLE) == "1":
            traceback.print_exc()
        _tell("internal_error", argv, kind=type(exc).__name__)
        return EXIT_INTERNAL


def main() -> None:
    """The `kpi-audit` command: people-facing streams reveal hidden controls, and every failure is an exit
    status with a message (see the module docstring)."""
    streams = sys.stdout, sys.stderr
    sys.stderr = RevealingStream(sys.stderr)
    if streams[0].isatty():
        sys.stdout = RevealingStream(streams[0])
    try:
        status = run(sys.argv[1:])
    finally:
        sys.stdout, sys.stderr = streams
    sys.exit(status)


if __name__ == "__main__":
    main()
