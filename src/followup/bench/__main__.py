"""`make bench`: every figure the median of at least five runs, and as a ratio to a reference
measured in the same run where there is one. Prints one markdown table and writes bench/results.md.
"""

from __future__ import annotations

import asyncio
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from followup.bench.terminal import launch

RUNS = 5
FIGURES = {"B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"}
STARTUP_RUNS = 9  # one launch varies by a quarter on a shared machine
# Any demo company's name on the screen means application rows are there.
ROW = tuple(
    name.split()[0].encode()
    for name in __import__("followup.store.demo", fromlist=["COMPANIES"]).COMPANIES
)
BARE_APP = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("bare textual app is up")
Bare().run()
"""


def median(values):
    return statistics.median(values)


def build(path: Path, size: int) -> None:
    if path.exists():
        return
    subprocess.run(
        [
            sys.executable,
            "-m",
            "followup",
            "demo",
            "--size",
            str(size),
            "--no-open",
            "--db",
            str(path),
        ],
        check=True,
        capture_output=True,
    )


def startup(path: Path | None, size: tuple[int, int]) -> float:
    """Seconds from launch until the first rows (or the bare app's line) are on screen."""
    if path is None:
        session = launch(["-c", BARE_APP], size)
        needle: bytes | tuple[bytes, ...] = b"bare textual app is up"
    else:
        session = launch(
            ["-m", "followup", "--db", str(path)],
            size,
            env={"FOLLOWUP_CONFIG": str(path.with_suffix(".toml"))},
        )
        needle = ROW  # a company's name: the first rows are on screen
    try:
        return session.read_until(needle)
    finally:
        session.close()


def startups(paths: list[Path | None], size: tuple[int, int]) -> list[float]:
    """The median start-up of each, launched in turn (bare, small, big, bare, ...): the
    machine's speed drifts, and taking turns lets every figure of a ratio see the same drift."""
    times: list[list[float]] = [[] for _ in paths]
    for _ in range(STARTUP_RUNS):
        for found, path in zip(times, paths, strict=True):
            found.append(startup(path, size))
    return [median(found) for found in times]


def keys(path: Path) -> dict[str, tuple[float, float]]:
    session = launch(
        ["-m", "followup", "--db", str(path)],
        (120, 40),
        env={"FOLLOWUP_CONFIG": str(path.with_suffix(".toml"))},
    )
    found: dict[str, tuple[float, float]] = {}
    try:
        session.read_until(ROW)
        time.sleep(2.0)
        moves = [session.key_to_change(b"j") for _ in range(50)]
        found["50 cursor moves"] = (median(moves), max(moves))
        pages = [session.key_to_change(b"\x1b[6~") for _ in range(5)]
        found["page down"] = (median(pages), max(pages))
        ends = [
            session.key_to_change(b"G"),
            session.key_to_change(b"g"),
            session.key_to_change(b"G"),
        ]
        found["jump to the end"] = (median(ends), max(ends))
        session.key_to_change(b"/")
        typed = [session.key_to_change(ch.encode()) for ch in "labs c"]
        found["typing a 6-letter filter"] = (median(typed), max(typed))
        found["peak memory (kB)"] = (session.peak_memory_kb(), 0)
    finally:
        session.close()
    return found


def keys_from_first_frame(
    path: Path, seconds: float = 10.0
) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """B7: from the first frame with rows, a key every 100 ms (j and k in turn) for `seconds`,
    at 80x24: the first key, the median, the worst; until the screen starts to change, and
    until the details show the row the cursor moved to (what kept a key waiting 2-3 s after
    start-up was there, not in the cursor)."""
    session = launch(
        ["-m", "followup", "--db", str(path)],
        (80, 24),
        env={"FOLLOWUP_CONFIG": str(path.with_suffix(".toml"))},
        screen=True,
    )
    try:
        session.read_until(ROW)
        began = time.perf_counter()
        found: list[tuple[float, float]] = []
        while time.perf_counter() - began < seconds:
            row = 1 if len(found) % 2 == 0 else 0  # where j (then k) takes the cursor
            key = b"j" if row else b"k"
            found.append(
                session.keys_on_screen(key, lambda lines, row=row: _details_of(lines, row))
            )
            time.sleep(0.1)
    finally:
        session.close()
    changes, details = [f[0] for f in found], [f[1] for f in found]
    return (
        (changes[0], median(changes), max(changes)),
        (details[0], median(details), max(details)),
    )


def _details_of(lines: list[str], row: int) -> bool:
    """Whether the details (below the list, at 80x24) are those of list row `row`: they start
    with its company."""
    rule = next((i for i, line in enumerate(lines) if line.startswith("▔")), None)
    if rule is None or rule + 1 >= len(lines) or row + 1 >= rule:
        return False
    company = re.split(r"\s{2,}", lines[row + 1].strip(" ●○◌–"))[0].rstrip("…")
    return bool(company) and lines[rule + 1].strip().startswith(company)


def memory(path: Path) -> int:
    session = launch(
        ["-m", "followup", "--db", str(path)],
        (120, 40),
        env={"FOLLOWUP_CONFIG": str(path.with_suffix(".toml"))},
    )
    try:
        session.read_until(ROW)
        time.sleep(3.0)
        return session.peak_memory_kb()
    finally:
        session.close()


def rules(path: Path) -> tuple[float, float]:
    from followup.domain.policy import Policy
    from followup.domain.rules import RulesEngine
    from followup.domain.when import local_zone
    from followup.store import facts
    from followup.store.db import Store

    store = Store.open(path)
    zone = local_zone()
    engine = RulesEngine(Policy(), zone)
    loads, evaluations = [], []
    for _ in range(RUNS):
        # As in the app, one pass's facts and results are gone before the next pass loads.
        found = result = None
        started = time.perf_counter()
        found = facts.rule_facts(store)
        loaded = time.perf_counter()
        result = engine.evaluate(found, datetime.now(zone))
        evaluations.append(time.perf_counter() - loaded)
        loads.append(loaded - started)
    del found, result
    store.close()
    return median(loads), median(evaluations)


def ui_blocked(path: Path) -> float:
    """The longest stall of the UI thread while three rules ticks run, once the first rows and
    the first tick are shown (a 10 ms heartbeat's worst lag)."""
    from followup.config import Settings
    from followup.domain.clock import SystemClock
    from followup.domain.when import local_zone
    from followup.store.db import Store
    from followup.tui.app import FollowupApp

    async def run() -> float:
        app = FollowupApp(
            Store.open(path), Settings(), SystemClock(), local_zone(), tick_seconds=1.0
        )
        worst = 0.0
        async with app.run_test(size=(120, 40)) as pilot:
            # Start-up (building the screen) is B1's business: this measures the ticks after it.
            while app.ticks < 1:
                await asyncio.sleep(0.05)
            last = time.perf_counter()
            end = last + 30.0
            while time.perf_counter() < end and app.ticks < 4:
                await asyncio.sleep(0.01)
                now = time.perf_counter()
                worst = max(worst, now - last - 0.01)
                last = now
            await pilot.pause(0)
        return worst

    return asyncio.run(run())


def timed(command: list[str], env: dict | None = None, stdout=subprocess.DEVNULL) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(
            command,
            check=True,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, **(env or {})),
        )
        times.append(time.perf_counter() - started)
    return median(times)


def export(path: Path, folder: Path) -> tuple[float, float | None]:
    ours = timed(
        [sys.executable, "-m", "followup", "--db", str(path), "export", str(folder / "out.csv")]
    )
    if shutil.which("sqlite3") is None:
        return ours, None
    # The same columns as the export's: every field, the number of interviews and the last
    # message, in the same order.
    query = (
        "SELECT a.id, company, role, stage, applied_on, source, url, location, salary, "
        "priority, decision_by, notes, created_at, updated_at, "
        "(SELECT count(*) FROM interviews i WHERE i.application_id = a.id), "
        "(SELECT max(t.at) FROM touchpoints t WHERE t.application_id = a.id) "
        "FROM applications a ORDER BY a.id;"
    )
    with open(folder / "ref.csv", "w") as out:
        reference = timed(["sqlite3", "-csv", "-header", str(path), query], stdout=out)
    return ours, reference


# B8: what a person types many times a day, on a file of 100 applications.
EVERYDAY = {
    "add": ["add", "Bench Co", "Engineer"],
    "log": ["log", "1", "--kind", "follow-up"],
    "list": ["list"],
    "show": ["show", "1"],
    "due": ["due"],
}
# The reference: Python opening the same file with the standard library and counting rows.
COUNT_ROWS = (
    "import sqlite3, sys; "
    "sqlite3.connect(sys.argv[1]).execute('select count(*) from applications').fetchone()"
)


def everyday(path: Path, folder: Path) -> tuple[float, dict[str, float]]:
    """B8: the reference and each everyday command, launched in turns (the machine's speed
    drifts; taking turns lets every ratio see the same drift), on a copy of `path` since two
    of them write. The reference's median, and each command's."""
    copy = folder / "b8.db"
    shutil.copyfile(path, copy)
    env = dict(os.environ, FOLLOWUP_CONFIG=str(folder / "none.toml"))
    commands = {"reference": [sys.executable, "-c", COUNT_ROWS, str(copy)]} | {
        name: [sys.executable, "-m", "followup", "--db", str(copy), *args]
        for name, args in EVERYDAY.items()
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(
                command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
            )
            times[name].append(time.perf_counter() - started)
    reference = median(times.pop("reference"))
    return reference, {name: median(found) for name, found in times.items()}


def imports_textual(path: Path, command: str) -> bool:
    probe = (
        "import sys, io, contextlib\n"
        "from followup.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['--db', {str(path)!r}, {command!r}])\n"
        "print('textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return done.stdout.strip().endswith("True")


def main(argv: list[str] | None = None) -> None:
    """Every figure, or only those named (`python -m followup.bench B8`): a partial run
    replaces its own rows in bench/results.md and keeps the others."""
    chosen = set(sys.argv[1:] if argv is None else argv)
    unknown = chosen - FIGURES
    if unknown:
        raise SystemExit(f"unknown figures {sorted(unknown)}; choose from {sorted(FIGURES)}")

    def wanted(*figures: str) -> bool:
        return not chosen or bool(chosen.intersection(figures))

    folder = Path(os.environ.get("FOLLOWUP_BENCH_DIR", tempfile.mkdtemp(prefix="followup-bench")))
    folder.mkdir(parents=True, exist_ok=True)
    small, big = folder / "n100.db", folder / "n100000.db"
    build(small, 100)
    if wanted(*(FIGURES - {"B8"})):
        build(big, 100_000)
    rows: list[tuple[str, str, str, str]] = []

    def add(figure: str, value: str, ratio: str = "", target: str = "") -> None:
        rows.append((figure, value, ratio, target))
        print(f"{figure}: {value} {ratio}", file=sys.stderr, flush=True)

    if wanted("B1"):
        for size in ((80, 24), (120, 40)):
            bare, at_small, at_big = startups([None, small, big], size)
            label = f"{size[0]}x{size[1]}"
            add(f"B1 start-up, bare Textual app, {label}", f"{bare:.2f} s")
            add(f"B1 start-up, N=100, {label}", f"{at_small:.2f} s")
            add(
                f"B1 start-up, N=100,000, {label}",
                f"{at_big:.2f} s",
                f"{at_big / at_small:.2f} × N=100; {at_big / bare:.2f} × bare",
                "≤ 1.15 × N=100; ≤ 2.2 × bare",
            )
    if wanted("B2"):
        found = keys(big)
        for name, (mid, worst) in found.items():
            if name.startswith("peak"):
                continue
            add(
                f"B2 keys at 100,000: {name}",
                f"median {mid * 1000:.0f} ms, worst {worst * 1000:.0f} ms",
                "",
                "≤ 30 ms median, ≤ 100 ms worst",
            )
    if wanted("B7"):
        for label, path in (("100", small), ("100,000", big)):
            runs = [keys_from_first_frame(path) for _ in range(3)]
            for until, which in (("the screen changes", 0), ("the row's details show", 1)):
                first, mid, worst = (median(run[which][i] for run in runs) for i in range(3))
                add(
                    f"B7 keys from the first frame, N={label}, 80x24, until {until} "
                    "(one every 100 ms for 10 s)",
                    f"first {first * 1000:.0f} ms, median {mid * 1000:.0f} ms, "
                    f"worst {worst * 1000:.0f} ms",
                    "",
                    "first ≤ 50 ms, median ≤ 30 ms, worst ≤ 100 ms",
                )
    if wanted("B3"):
        load, evaluate = rules(big)
        add("B3 rules, 100,000: loading the facts", f"{load:.2f} s")
        add("B3 rules, 100,000: evaluation in the engine", f"{evaluate:.2f} s", "", "≤ 1.5 s")
        add(
            "B3 longest UI-thread stall during rules ticks",
            f"{ui_blocked(big) * 1000:.0f} ms",
            "",
            "≤ 50 ms",
        )
    if wanted("B4"):
        ours, reference = export(big, folder)
        add(
            "B4 CSV export of 100,000",
            f"{ours:.2f} s",
            f"{ours / reference:.2f} × sqlite3 -csv ({reference:.2f} s)"
            if reference
            else "sqlite3 not installed",
            "≤ 3 × sqlite3",
        )
    if wanted("B5"):
        small_memory, big_memory = memory(small), memory(big)
        add(
            "B5 peak memory of the app (main process)",
            f"{small_memory / 1024:.0f} MB at 100; {big_memory / 1024:.0f} MB at 100,000",
            f"{big_memory / small_memory:.2f} ×",
            "≤ 1.5 ×",
        )
    if wanted("B6"):
        env = {"FOLLOWUP_CONFIG": str(folder / "none.toml")}
        due = timed([sys.executable, "-m", "followup", "--db", str(big), "due"], env)
        listing = timed([sys.executable, "-m", "followup", "--db", str(big), "list"], env)
        add("B6 `followup due` at 100,000", f"{due:.2f} s")
        add("B6 `followup list` at 100,000", f"{listing:.2f} s")
        add(
            "B6 `due` / `list` import Textual",
            f"{imports_textual(big, 'due')} / {imports_textual(big, 'list')}",
            "",
            "False / False",
        )
    if wanted("B8"):
        reference, commands = everyday(small, folder)
        for name, seconds in commands.items():
            add(
                f"B8 `followup {name}` at 100",
                f"{seconds:.2f} s",
                f"{seconds / reference:.1f} × sqlite3 counting rows ({reference:.3f} s)",
                "≤ 10 ×",
            )

    import sqlalchemy
    import textual

    header = [
        "# followup benchmark",
        "",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Textual {textual.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, SQLite {__import__('sqlite3').sqlite_version}. "
        f"Each figure is the median of {RUNS} runs ({STARTUP_RUNS} for B1, where the bare app, "
        "N=100 and N=100,000 are launched in turns) unless it says otherwise.",
        "",
        "| figure | measured | ratio | target |",
        "|---|---|---|---|",
    ]
    table = header + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join(table) + "\n"
    print(text)
    out = Path("bench")
    out.mkdir(exist_ok=True)
    results = out / "results.md"
    if chosen and results.exists():
        text = _merged(results.read_text(), table[0 : len(header)], rows, chosen)
    results.write_text(text)


def _merged(before: str, header: list[str], rows: list[tuple[str, ...]], chosen: set[str]) -> str:
    """The committed table with the rows of the `chosen` figures replaced by `rows`, and a
    line saying when those were measured (the rest keep the date of their own run)."""
    lines = before.rstrip("\n").split("\n")
    kept = [line for line in lines if not any(line.startswith(f"| {f} ") for f in chosen)]
    kept = [line for line in kept if not line.startswith(tuple(f"{f} run " for f in chosen))]
    note = f"{', '.join(sorted(chosen))} run {header[2].removeprefix('Run ')}"
    table_start = next(i for i, line in enumerate(kept) if line.startswith("| figure"))
    kept.insert(table_start, note)
    kept.insert(table_start + 1, "")
    return "\n".join(kept + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]) + "\n"


if __name__ == "__main__":
    main()
