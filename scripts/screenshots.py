"""Render the real screens on the demo data at a fixed moment to SVG in screenshots/."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from followup.tui.showcase import SCENES, demo_app

OUT = Path(__file__).resolve().parent.parent / "screenshots"


async def shoot(name: str, scene, size: tuple[int, int], folder: Path) -> Path:
    app = demo_app(folder / "demo.db")
    async with app.run_test(size=size) as pilot:
        await scene(pilot)
        target = OUT / f"{name}.svg"
        app.save_screenshot(filename=target.name, path=str(OUT))
    app.store.close()
    return target


async def main(names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, (scene, size) in SCENES.items():
            if names and name not in names:
                continue
            print(await shoot(name, scene, size, Path(folder)))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
