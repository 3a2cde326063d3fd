"""How the screens look, on deterministic demo data at a fixed moment (pytest-textual-snapshot).

After an intended change of look: `pytest tests/tui/test_snapshots.py --snapshot-update`, then
look at the report and at `make screenshots`.
"""

import pytest

from followup.tui.showcase import SCENES, demo_app


@pytest.mark.parametrize("name", list(SCENES))
def test_screen_looks_right(name, snap_compare, tmp_path):
    scene, size = SCENES[name]
    app = demo_app(tmp_path / "demo.db")
    try:
        assert snap_compare(app, terminal_size=size, run_before=scene)
    finally:
        app.store.close()
