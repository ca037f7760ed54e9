"""Entry point: `kpi-audit` and its command groups."""
from __future__ import annotations

import sys

import click

from cli.audit_cmd import audit, validate
from cli.batch_cmd import batch
from cli.catalogue_cmd import catalogue
from cli.common import InputError
from cli.intake_cmd import convert, init
from cli.rules_cmd import rules
from engine import __version__


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
    """


cli.add_command(audit)
cli.add_command(validate)
cli.add_command(rules)
cli.add_command(init)
cli.add_command(convert)
cli.add_command(catalogue)
cli.add_command(batch)


def main() -> None:
    """Run the CLI; a usage error or bad input exits 2 with a message, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("kpi-audit: aborted", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        if isinstance(exc, click.UsageError) and not isinstance(exc, InputError):
            exc.exit_code = 2
        exc.show()
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except RecursionError:
        click.echo("kpi-audit: input nested too deeply; refused", err=True)
        sys.exit(2)
    except MemoryError:
        click.echo("kpi-audit: input too large to process; refused", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
