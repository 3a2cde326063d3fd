"""APP: an application id in the digits 0-9, or a company name that matches exactly one."""

import pytest

from followup.store import repository
from followup.store.db import Store
from tests.conftest import file_hash


@pytest.fixture
def three(db_path):
    store = Store.open(db_path, create=True)
    for company, role in [("Acme", "Dev"), ("Acme", "Lead"), ("Northwind", "Backend Engineer")]:
        repository.add_application(store, repository.NewApplication(company, role))
    store.close()
    return db_path


@pytest.mark.parametrize("app", ["Northwind", "northwind", "  Northwind ", "3", "#3", "003"])
def test_a_company_name_or_an_id_finds_the_application(cli, three, app):
    result = cli("show", app)
    assert result.code == 0, result
    assert result.out.startswith("3  Northwind / Backend Engineer")


def test_every_command_taking_app_takes_a_company_name(cli, three):
    assert cli("stage", "Northwind", "screening").code == 0
    assert cli("interview", "Northwind", "--at", "tomorrow 10am").code == 0
    assert cli("log", "Northwind", "--kind", "reply").code == 0
    assert cli("snooze", "Northwind", "check-in", "--until", "tomorrow").code == 0
    assert cli("draft", "Northwind").code == 0
    assert cli("done", "Northwind", "thank-you").err.startswith("followup: there is no thank-you")
    shown = cli("show", "3")
    assert "screening" in shown.out or "interviewing" in shown.out
    assert "reply" in shown.out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["show", "Acme"], "'Acme' matches 2 applications, give the id: 1 Dev (applied); 2 Lead"),
        (["stage", "acme", "offer"], "matches 2 applications"),
        (["show", "Globex"], "no application with the id or company name 'Globex'"),
        (["show", "²"], "'²' (ids are written with the digits 0-9)"),
        (["show", "١٢"], "(ids are written with the digits 0-9)"),
        (["log", "1e3", "--kind", "reply"], "no application with the id or company name '1e3'"),
        (["show", "9223372036854775808"], "no application with id 9223372036854775808"),
        (["stage", "9" * 5000, "offer"], "no application with id 999"),
        (["interview", "0", "--at", "tomorrow"], "no application with id 0"),
        (["done", "", "thank-you"], "rule thank-you needs an application id"),
        (["show", "\x1b[31mred"], "'\\x1b[31mred'"),
    ],
)
def test_a_bad_app_is_one_line_exit_2_and_changes_nothing(cli, three, argv, words):
    before = file_hash(three)
    result = cli(*argv)
    assert result.code == 2, result
    assert words in result.err
    assert result.err.count("\n") == 1 and len(result.err) < 300, result.err
    assert "\x1b" not in result.err and "Traceback" not in result.err
    assert file_hash(three) == before


@pytest.fixture
def named(db_path):
    store = Store.open(db_path, create=True)
    for company, role in [
        ("Pied Piper, Inc.", "Backend Engineer"),
        ("Piper Sandler", "Analyst"),
        ("École Numérique", "Teacher"),
    ]:
        repository.add_application(store, repository.NewApplication(company, role))
    store.close()
    return db_path


@pytest.mark.parametrize(
    "app, shown",
    [
        ("pied piper", "1  Pied Piper, Inc. / Backend Engineer"),
        ("Sandler", "2  Piper Sandler / Analyst"),
        ("ÉCOLE NUMÉRIQUE", "3  École Numérique / Teacher"),
        ("numérique", "3  École Numérique / Teacher"),
    ],
)
def test_part_of_a_company_name_finds_it_when_only_one_company_holds_it(cli, named, app, shown):
    result = cli("show", app)
    assert result.code == 0, result
    assert result.out.startswith(shown)


def test_part_of_several_company_names_lists_them_and_changes_nothing(cli, named):
    before = file_hash(named)
    result = cli("stage", "piper", "offer")
    assert result.code == 2
    assert result.err == (
        "followup: 'piper' matches 2 applications, give the id: "
        "1 Pied Piper, Inc. / Backend Engineer (applied); 2 Piper Sandler / Analyst (applied)\n"
    )
    assert file_hash(named) == before
