"""The `followup` program: the command line, which opens the full-screen app when asked.

It sits above both faces and joins them, so that neither imports the other.
"""

from __future__ import annotations

from followup.cli import main as command_line
from followup.tui.run import run_app


def main(argv: list[str] | None = None) -> int:
    return command_line(argv, full_screen=run_app)


# Guarded: the rules process is started with "spawn", which imports the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
