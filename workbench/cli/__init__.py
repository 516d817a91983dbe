"""The ``workbench`` command line: one module per command group, loaded lazily.

Commands load lazily so that ``workbench --help`` answers at once and a command
that needs torch does not make the others pay for importing it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

# command name -> "module:attribute" (each a click.Command)
COMMANDS: dict[str, str] = {
    "align": "workbench.cli.align_cmd:align",
    "drift": "workbench.cli.align_cmd:drift",
    "check": "workbench.cli.check_cmd:check",
    "model": "workbench.cli.model_cmd:model",
    "import": "workbench.cli.io_cmd:import_cmd",
    "export": "workbench.cli.io_cmd:export_cmd",
    "serve": "workbench.cli.serve_cmd:serve",
    "users": "workbench.cli.users_cmd:users",
    "tokens": "workbench.cli.users_cmd:tokens",
    "eval": "workbench.cli.eval_cmd:eval_group",
    "batch": "workbench.cli.batch_cmd:batch",
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(
            name
            for name, target in COMMANDS.items()
            if importlib.util.find_spec(target.split(":")[0]) is not None
        )

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: Any = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup)
@click.version_option(package_name="workbench")
def cli() -> None:
    """Align versions of a text, score them, and find where meaning drifted."""


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``workbench`` script."""
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="workbench")
