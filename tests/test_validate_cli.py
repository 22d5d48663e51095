"""`edition validate` on fixtures with one known defect each: rule id, line and exit code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from edition.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): "
                  r"(?P<msg>.+) \[(?P<rule>[\w-]+)\]$")

# fixture (below tests/fixtures/invalid), rule, line, exit code without --strict
CASES = [
    ("relaxng/unknown-element.xml", "relaxng", 21, 1),
    ("relaxng/outside-customisation.xml", "relaxng", 21, 1),
    ("xml-syntax/text.xml", "xml-syntax", 21, 1),
    ("xml-entity/billion-laughs.xml", "xml-entity", 1, 1),
    ("xml-entity/external-entity.xml", "xml-entity", 1, 1),
    ("xml-dtd/external-dtd.xml", "xml-dtd", 1, 0),  # a warning: the DTD is never loaded
    ("tei-type/text.xml", "tei-type", 2, 1),
    ("text-id/text.xml", "text-id", 2, 1),
    ("name-ref/text.xml", "name-ref", 21, 1),
    ("date-value/text.xml", "date-value", 21, 1),
    ("foreign-lang/text.xml", "foreign-lang", 21, 1),
    ("choice-pair/text.xml", "choice-pair", 21, 1),
    ("subst-pair/text.xml", "subst-pair", 21, 1),
    ("intervention-resp/text.xml", "intervention-resp", 21, 0),
    ("note-resp/text.xml", "note-resp", 21, 0),
    ("app-lem/text.xml", "app-lem", 21, 0),  # a warning: the first reading stands in
    ("rdg-wit/text.xml", "rdg-wit", 21, 1),
    ("wit-undeclared/text.xml", "wit-undeclared", 21, 1),
    ("div-id/text.xml", "div-id", 21, 1),
    ("p-id/text.xml", "p-id", 21, 1),
    ("p-id-prefix/text.xml", "p-id-prefix", 21, 0),
    ("pb-n/text.xml", "pb-n", 21, 0),
    ("entry-id/text.xml", "entry-id", 27, 1),
    ("entry-id-form/text.xml", "entry-id-form", 27, 0),
    ("entry-name/text.xml", "entry-name", 27, 1),
    ("idno-type/text.xml", "idno-type", 27, 1),
    ("date-invalid/text.xml", "date-invalid", 21, 1),
    ("date-invalid/iso-basic.xml", "date-invalid", 21, 1),
    ("date-range/text.xml", "date-range", 21, 1),
    ("ref-unresolved/in-file.xml", "ref-unresolved", 21, 1),
    ("ref-unresolved/no-hash.xml", "ref-unresolved", 21, 1),
    ("ref-unresolved/across-files/texts/t2.xml", "ref-unresolved", 13, 1),
    ("ref-kind/text.xml", "ref-kind", 21, 1),
    ("entry-unused/registers/persons.xml", "entry-unused", 13, 0),
]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run_validate(runner: CliRunner, *args: str):
    result = runner.invoke(app, ["validate", *args])
    problems = [m.groupdict() for line in result.stdout.splitlines() if (m := LINE.match(line))]
    return result, problems


@pytest.mark.parametrize(("fixture", "rule", "line", "exit_code"), CASES,
                         ids=[case[0] for case in CASES])
def test_each_invalid_fixture_reports_exactly_its_rule_at_its_line(
        runner, fixture, rule, line, exit_code):
    result, problems = run_validate(runner, str(INVALID / fixture))
    assert result.exit_code == exit_code, result.output
    assert problems, result.output
    assert {p["rule"] for p in problems} == {rule}, result.output
    assert int(problems[0]["line"]) == line, result.output
    assert all(p["path"].endswith(Path(fixture).name) for p in problems)


@pytest.mark.parametrize("fixture", [c[0] for c in CASES if c[3] == 0])
def test_warnings_fail_only_under_strict(runner, fixture):
    result, problems = run_validate(runner, "--strict", str(INVALID / fixture))
    assert result.exit_code == 1
    assert {p["sev"] for p in problems} == {"warning"}


def test_every_problem_line_names_file_line_column_severity_and_rule(runner):
    result, problems = run_validate(runner, str(INVALID))
    printed = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(problems) == len(printed) >= len(CASES)
    assert result.stderr.strip().endswith("files")
    assert "Traceback" not in result.output


def test_unresolved_ref_names_the_missing_id_and_suggests_a_near_one(runner):
    result, problems = run_validate(runner, str(INVALID / "ref-unresolved/across-files"))
    by_line = {int(p["line"]): p["msg"] for p in problems}
    assert '@ref="#mao"' in by_line[13]
    assert 'did you mean "#stalin"' in by_line[14]
    assert len(problems) == 2  # registers/persons.xml#stalin resolves from texts/ too


def test_pointer_without_hash_is_told_how_to_write_it(runner):
    _, problems = run_validate(runner, str(INVALID / "ref-unresolved/no-hash.xml"))
    assert 'write "#kim"' in problems[0]["msg"]


def test_duplicate_id_across_files_is_reported_in_both_places(runner):
    result, problems = run_validate(runner, str(INVALID / "id-duplicate"))
    assert result.exit_code == 1
    places = {(Path(p["path"]).name, int(p["line"])) for p in problems}
    assert places == {("persons.xml", 12), ("t3.xml", 12)}
    assert {p["rule"] for p in problems} == {"id-duplicate"}
    assert all("also at" in p["msg"] for p in problems)


def test_malformed_file_does_not_stop_validation_of_the_others(runner):
    result, problems = run_validate(runner, str(INVALID / "xml-syntax/continues"))
    assert result.exit_code == 1
    assert [(Path(p["path"]).name, p["rule"]) for p in problems] == [
        ("a-broken.xml", "xml-syntax"), ("b-date.xml", "date-value")]
    assert "2 errors, 0 warnings in 2 files" in result.stderr


def test_impossible_date_is_reported_once_with_the_reason(runner):
    _, problems = run_validate(runner, str(INVALID / "date-invalid/text.xml"))
    assert len(problems) == 1
    assert "1957-02-30" in problems[0]["msg"] and "February 1957" in problems[0]["msg"]


def test_column_points_at_the_offending_element(runner):
    _, problems = run_validate(runner, str(INVALID / "name-ref/text.xml"))
    line = (INVALID / "name-ref/text.xml").read_text().splitlines()[20]
    assert line[int(problems[0]["col"]) - 1:].startswith("<persName>Stalin")


def test_column_of_a_pointer_problem_is_its_attribute(runner):
    _, problems = run_validate(runner, str(INVALID / "ref-kind/text.xml"))
    line = (INVALID / "ref-kind/text.xml").read_text().splitlines()[20]
    assert line[int(problems[0]["col"]) - 1:].startswith('ref="#pyongyang"')


def test_single_text_of_an_edition_is_checked_against_the_whole_edition(runner):
    result, problems = run_validate(runner, str(VALID / "edition/texts/letter.xml"))
    assert result.exit_code == 0, result.output
    assert problems == []


def test_valid_fixtures_pass_with_no_problems(runner):
    result, problems = run_validate(runner, "--strict", str(VALID))
    assert result.exit_code == 0, result.output
    assert problems == []
    assert "no problems" in result.stderr


def test_json_format_lists_problems_and_summary(runner):
    result = runner.invoke(app, ["validate", "--format", "json",
                                 str(INVALID / "rdg-wit/text.xml")])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(p["rule"], p["line"], p["severity"]) for p in data["problems"]] == [
        ("rdg-wit", 21, "error")]
    assert data["summary"] == "1 error, 0 warnings in 1 file"


def test_missing_path_is_one_readable_line_and_exit_1(runner, tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nowhere.xml")])
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("[io]")
    assert len(result.stderr.strip().splitlines()) == 1


def test_folder_inside_an_edition_resolves_against_the_whole_edition(runner):
    result, problems = run_validate(runner, str(VALID / "edition/texts"))
    assert result.exit_code == 0, result.output
    assert problems == []


def test_from_and_to_of_an_apparatus_entry_are_pointers_not_dates() -> None:
    from lxml import etree

    from edition.validate.calendar_checks import date_problems

    tree = etree.ElementTree(etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><ab><w xml:id="w1">ahiia</w>'
        '<app from="#w1" to="#w1"><rdg wit="#A">ahiia</rdg></app>'
        '<date from="1957-02-30">x</date></ab></body></text></TEI>'))
    problems = date_problems(Path("app.xml"), tree)
    assert [(p.rule, "1957-02-30" in p.message) for p in problems] == [("date-invalid", True)]
