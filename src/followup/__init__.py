"""followup: a keyboard-first terminal job tracker that knows when to follow up."""

__version__ = "0.1.0"
