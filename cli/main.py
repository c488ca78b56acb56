"""The root command group; subcommands are imported lazily to keep start-up fast."""

from __future__ import annotations

import importlib
from typing import Any

import click

_COMMANDS = {
    "advise": "pvrules.cli.advise_cmd:advise",
    "batch": "pvrules.cli.batch_cmd:batch",
    "decide": "pvrules.cli.decide_cmd:decide",
    "diff": "pvrules.cli.explain_cmd:diff",
    "explain": "pvrules.cli.explain_cmd:explain",
    "intake": "pvrules.cli.intake_cmd:intake",
    "report": "pvrules.cli.report_cmd:report",
    "rules": "pvrules.cli.rules_cmd:rules",
    "schema": "pvrules.cli.rules_cmd:schema",
    "serve": "pvrules.cli.serve_cmd:serve",
    "sweep": "pvrules.cli.sweep_cmd:sweep",
    "test": "pvrules.cli.test_cmd:test",
    "whatif": "pvrules.cli.explain_cmd:whatif",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All command names, sorted."""
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> Any:
        """Import and return the command called ``cmd_name``."""
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        """Resolve with a did-you-mean for unknown commands."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in _COMMANDS:
            from pvrules.suggest import did_you_mean  # difflib: only for a mistyped command

            hint = did_you_mean(name, _COMMANDS)
            ctx.fail(f"no command '{name}'." + (f" {hint[0].upper()}{hint[1:]}" if hint else "")
                     + f" Commands: {', '.join(sorted(_COMMANDS))}.")
        return super().resolve_command(ctx, args)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pvrules")
def main() -> None:
    """pvrules: explained advice on municipal collaboration (Moore's public value triangle)."""
