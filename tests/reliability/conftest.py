"""Fixtures the reliability tests share with the app tests."""

from tests.tui.conftest import make_app  # noqa: F401  (the app on a temporary database)
