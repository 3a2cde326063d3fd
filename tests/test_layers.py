"""The layers: domain and store never import Textual; plain commands do not either."""

import subprocess
import sys

import pytest

PROBE = """
import sys
{body}
bad = [m for m in ("textual", "{forbidden}") if m and m in sys.modules]
print(",".join(bad))
"""


def _imports(body: str, forbidden: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body, forbidden=forbidden)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def test_domain_and_store_never_import_textual():
    body = "\n".join(
        [
            "import pkgutil, importlib",
            "import followup.domain, followup.store",
            "for pkg in (followup.domain, followup.store):",
            "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):",
            "        if '.migrations' in info.name: continue",
            "        importlib.import_module(info.name)",
        ]
    )
    assert _imports(body) == ""


@pytest.mark.parametrize("argv", [["--help"], ["list"], ["export"], ["due"], ["doctor"]])
def test_plain_commands_do_not_import_textual(argv, tmp_path):
    body = (
        "import os, io, contextlib\n"
        f"os.environ['FOLLOWUP_DB'] = {str(tmp_path / 'x.db')!r}\n"
        "from followup.cli import main\n"
        "quiet = io.StringIO()\n"
        "with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):\n"
        f"    main({argv!r})"
    )
    assert _imports(body) == ""


def test_opening_a_current_file_does_not_import_alembic(tmp_path):
    path = tmp_path / "f.db"
    body = (
        "from pathlib import Path\n"
        "from followup.store.db import Store\n"
        f"Store.open(Path({str(path)!r}), create=True).close()\n"
        f"Store.open(Path({str(path)!r})).close()"
    )
    assert _imports(body, forbidden="alembic") == ""


def _current_file(tmp_path):
    """A data file of the current schema with one application (Acme), made by the CLI."""
    path = tmp_path / "f.db"
    made = subprocess.run(
        [sys.executable, "-m", "followup", "--db", str(path), "add", "Acme", "Engineer"],
        capture_output=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    return path


def test_exporting_a_current_file_does_not_import_sqlalchemy(tmp_path):
    path = _current_file(tmp_path)
    body = (
        "import io, contextlib\n"
        "from followup.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main(['--db', {str(path)!r}, 'export', '-'])\n"
        "assert 'Acme' in out.getvalue()\n"
    )
    assert _imports(body, forbidden="sqlalchemy") == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json"],
        ["show", "Acme"],
        ["due"],
        ["add", "Initech", "Analyst", "--notes", "n"],
        ["log", "Acme", "--kind", "follow-up", "--contact", "Priya Patel"],
        ["interview", "1", "--at", "2026-12-01 10:00", "--with", "Priya Patel"],
    ],
)
def test_everyday_commands_on_a_current_file_do_not_import_sqlalchemy(argv, tmp_path):
    """What a person types many times a day needs a few rows, not half a second of imports."""
    path = _current_file(tmp_path)
    body = (
        "import io, contextlib\n"
        "from followup.cli import main\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        f"    code = main(['--db', {str(path)!r}, '--now', '2026-11-25 10:00', *{argv!r}])\n"
        "assert code == 0, err.getvalue()\n"
        "assert out.getvalue().strip(), err.getvalue()\n"
    )
    assert _imports(body, forbidden="sqlalchemy") == ""


def test_a_command_on_a_file_laid_open_to_others_makes_it_private_again(tmp_path):
    path = _current_file(tmp_path)
    path.chmod(0o644)
    listed = subprocess.run(
        [sys.executable, "-m", "followup", "--db", str(path), "list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert "Acme" in listed.stdout
    assert path.stat().st_mode & 0o777 == 0o600


def _on_a_deferred_store(path) -> str:
    """The start of a probe that reads `path` as the app's first screen does."""
    return (
        "from pathlib import Path\n"
        "from followup.store import listing\n"
        "from followup.store.deferred import DeferredStore\n"
        f"store = DeferredStore(Path({str(path)!r}))\n"
    )


def test_the_first_page_of_a_current_file_is_read_without_sqlalchemy(tmp_path):
    path = _current_file(tmp_path)
    body = _on_a_deferred_store(path) + (
        "rows = listing.page(store, listing.ListQuery(), 0, 10)\n"
        "assert [row.company for row in rows] == ['Acme'], rows\n"
        "assert listing.count(store, listing.ListQuery('acm')) == 1\n"
    )
    assert _imports(body, forbidden="sqlalchemy") == ""


def test_the_first_screen_is_read_ahead_without_textual_or_sqlalchemy(tmp_path):
    """Start-up reads the first page and the count while Textual is still loading."""
    path = _current_file(tmp_path)
    body = _on_a_deferred_store(path) + (
        "listing.read_ahead(store)\n"
        "query = listing.ListQuery()\n"
        "early = store.take_early(('page', query, 0, listing.PAGE))\n"
        "assert [row.company for row in early.result(timeout=30)] == ['Acme']\n"
        "assert listing.count(store, query) == 1  # handed over once, and not stuck\n"
        "assert store.take_early(('count', query)) is None\n"
        "assert [row.company for row in listing.page(store, query, 0, listing.PAGE)] == ['Acme']\n"
    )
    assert _imports(body, forbidden="sqlalchemy") == ""
    assert _imports(body, forbidden="textual") == ""
