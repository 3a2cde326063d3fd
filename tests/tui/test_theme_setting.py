"""The theme chosen in the app is written into config.toml without losing anything there."""

from followup.config import Settings
from tests.conftest import file_hash

COMMENTED = "# mine\nwait_days = 10   # slow industry\n"


async def test_the_theme_is_saved_with_the_comments_kept(make_app, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause(0.3)
    assert path.read_text() == COMMENTED + 'theme = "nord"\n'


async def test_a_settings_file_broken_while_the_app_runs_is_not_overwritten(make_app, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("wait_days = = 10  # a slip while editing\n")
    before = file_hash(path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause(0.3)
        shown = [n.message for n in app._notifications]
    assert file_hash(path) == before
    assert any("is not valid TOML" in m and "left as it is" in m for m in shown), shown


async def test_ignored_keys_are_shown_when_the_app_opens(make_app):
    app = make_app()
    app.settings = Settings(warnings=("settings file x: unknown key 'colour' is ignored",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.1)
        shown = [n.message for n in app._notifications]
    assert shown == ["settings file x: unknown key 'colour' is ignored"]
