"""On a PostgreSQL server: the password stays secret wherever it comes from, `sslmode` is
honoured, and two people, each with their own role, cannot see each other's applications."""

from __future__ import annotations

import json
import secrets

import psycopg
import pytest

from tests.postgres_server import ROLE


def _without_password(url: str, password: str) -> str:
    return url.replace(f":{password}@", "@")


def test_the_password_may_come_from_pgpassword_or_pgpass(
    cli, postgres_server, pg_url, isolated, monkeypatch
):
    bare = _without_password(pg_url, postgres_server.password)
    assert postgres_server.password not in bare
    monkeypatch.setenv("PGPASSWORD", postgres_server.password)
    added = cli("add", "Acme", "Engineer", db=bare)
    assert added.code == 0, added.err
    monkeypatch.delenv("PGPASSWORD")
    pgpass = isolated / ".pgpass"  # HOME is the test's own folder
    pgpass.write_text(f"127.0.0.1:{postgres_server.port}:*:{ROLE}:{postgres_server.password}\n")
    pgpass.chmod(0o600)
    listed = cli("list", "--json", db=bare)
    assert listed.code == 0, listed.err
    assert [a["company"] for a in json.loads(listed.out)] == ["Acme"]


def test_a_wrong_password_is_one_line_with_the_password_masked(cli, postgres_server, pg_url):
    wrong = pg_url.replace(postgres_server.password, "n0t-the-r1ght-one")
    for argv in (["add", "Acme", "Engineer"], ["list"], ["doctor"]):
        result = cli(*argv, db=wrong)
        assert result.code == 1, result
        assert result.err.count("\n") == 1 and "password authentication failed" in result.err
        assert "n0t-the-r1ght-one" not in result.err + result.out
        assert f"{ROLE}:***@127.0.0.1" in result.err


def test_the_password_is_never_printed(cli, postgres_server, pg_url, tmp_path):
    said = ""
    for argv in (
        ["add", "Acme", "Engineer"],
        ["list"],
        ["show", "1"],
        ["doctor"],
        ["show", "9"],
        ["export", "-"],
    ):
        result = cli(*argv)
        said += result.out + result.err
    assert "Acme" in said and "no application with id 9" in said
    assert postgres_server.password not in said
    config = tmp_path / "config.toml"
    assert not config.exists() or postgres_server.password not in config.read_text()


def test_sslmode_in_the_url_is_honoured(cli, pg_url):
    # The test server has no certificate: a URL that requires SSL must be refused by it,
    # and one that only prefers SSL works without.
    required = cli("list", db=pg_url + "?sslmode=require")
    assert required.code == 1 and "SSL" in required.err, required
    assert cli("list", db=pg_url + "?sslmode=prefer").code == 0


@pytest.fixture
def two_people(postgres_server):
    """Alice and Bob, each with their own role and password, on one database of one server."""
    suffix = secrets.token_hex(3)
    database = f"cohort_{suffix}"
    people = {}
    postgres_server.admin(f"CREATE DATABASE {database}")
    for name in ("alice", "bob"):
        role, password = f"{name}_{suffix}", secrets.token_hex(8)
        postgres_server.admin(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        postgres_server.admin(f"GRANT CONNECT, CREATE ON DATABASE {database} TO {role}")
        people[name] = (role, postgres_server.url(database, role=role, password=password))
    return people


def test_two_roles_cannot_read_or_change_each_others_applications(cli, two_people):
    (alice, alice_url), (bob, bob_url) = two_people["alice"], two_people["bob"]
    assert cli("add", "Alice's Co", "Designer", db=alice_url).code == 0
    assert cli("add", "Bob's Co", "Plumber", db=bob_url).code == 0
    assert cli("add", "Bob's Other Co", "Welder", db=bob_url).code == 0
    mine = json.loads(cli("list", "--json", db=alice_url).out)
    theirs = json.loads(cli("list", "--json", db=bob_url).out)
    assert [a["company"] for a in mine] == ["Alice's Co"]
    assert [a["company"] for a in theirs] == ["Bob's Co", "Bob's Other Co"]
    assert cli("show", "2", db=alice_url).code == 2  # Bob's second is not hers to see

    # Bob, going around followup, straight at Alice's tables: refused by the server.
    with psycopg.connect(bob_url, autocommit=True) as connection:
        for sql in (
            f"SELECT company FROM {alice}.applications",
            f"UPDATE {alice}.applications SET company = 'mine now'",
            f"DELETE FROM {alice}.applications",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(sql)
    mine = json.loads(cli("list", "--json", db=alice_url).out)
    assert [a["company"] for a in mine] == ["Alice's Co"]
    assert bob  # used above through his URL


def test_the_app_on_a_server_says_it_opens_only_a_file_for_now(cli, pg_url, postgres_server):
    result = cli(db=pg_url)
    assert result.code == 2 and result.err.count("\n") == 1, result
    assert "commands work on it" in result.err and postgres_server.password not in result.err


def test_a_role_that_may_not_make_its_schema_is_told_how_and_nothing_changes(cli, postgres_server):
    suffix = secrets.token_hex(3)
    database, role = f"locked_{suffix}", f"carol_{suffix}"
    postgres_server.admin(f"CREATE DATABASE {database}")
    postgres_server.admin(f"REVOKE CREATE ON DATABASE {database} FROM PUBLIC")
    postgres_server.admin(f"CREATE ROLE {role} LOGIN PASSWORD 'pw-{suffix}'")
    url = postgres_server.url(database, role=role, password=f"pw-{suffix}")
    for argv in (["add", "Acme", "Dev"], ["list"]):
        result = cli(*argv, db=url)
        assert result.code == 1 and result.err.count("\n") == 1, result
        assert "GRANT CREATE ON DATABASE" in result.err and f"pw-{suffix}" not in result.err
