"""`python -m followup` runs the command line."""

from followup.cli import main

# Guarded: the rules process is started with "spawn", which imports the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
