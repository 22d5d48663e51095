"""The benchmark runs each stage in its own process and reports it as a Markdown table."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.run import Measurement, _build_note, format_table, main


def test_the_table_has_a_row_per_measurement_and_marks_skipped_and_failed_stages() -> None:
    table = format_table([
        Measurement("validate", 10, 2.0, 2.5, 40.0, "0 problems"),
        Measurement("pdf", 10, None, 0.0, 0.0, "skipped: more than 5 texts"),
        Measurement("html", 10, None, 1.0, 30.0, "exit 1: boom"),
    ]).splitlines()
    assert table[0].startswith("| texts | stage")
    assert set(table[1]) <= {"|", "-"}
    cells = [[c.strip() for c in row.split("|")[1:-1]] for row in table[2:]]
    assert cells[0][:6] == ["10", "validate", "2.00", "2.50", "5", "40"]  # 10 texts in 2 s
    assert cells[1][2:6] == ["-", "-", "-", "-"] and cells[1][6].startswith("skipped")
    assert cells[2][2] == "failed"


def test_build_notes_show_stage_times_and_what_was_reused() -> None:
    note = _build_note("built /x: 3 HTML pages (hash 0.01s, html 1.00s)\n"
                       "files checked 1, files reused 4, text pages rendered 1\n")
    assert note == "hash 0.01s, html 1.00s; checked 1, reused 4, pages rendered 1"


def test_a_small_benchmark_runs_every_build_stage(capsys: pytest.CaptureFixture[str],
                                                  mini_edition: Path, tmp_path: Path) -> None:
    assert main(["--sizes", "2", "--stages", "validate,build,noop,change1", "--jobs", "2",
                 "--source", str(mini_edition), "--keep", str(tmp_path)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("|  ")]
    assert [row.split("|")[2].strip() for row in rows] == ["validate", "build", "noop",
                                                           "change1"]
    assert not any("failed" in row for row in rows)
    noop, change = rows[2], rows[3]
    assert "hash" in noop and "pages rendered" not in noop
    assert "pages rendered 1" in change


def test_the_benchmark_prints_every_figure_beside_its_target(
        capsys: pytest.CaptureFixture[str], mini_edition: Path, tmp_path: Path) -> None:
    assert main(["--sizes", "3", "--stages", "build,xsl,pages,search,noop,change1,dask",
                 "--jobs", "2", "--dask-texts", "3", "--search-scale", "40",
                 "--source", str(mini_edition), "--keep", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    targets = out[out.index("| figure |"):].splitlines()
    figures = {row.split("|")[1].strip(): row for row in targets[2:]}
    for figure in ("largest HTML page", "contexts on one entry page",
                   "rebuild after one changed text", "build with nothing changed",
                   "peak memory of a build (one process)",
                   "Dask build (LocalCluster) against the local cold build"):
        assert figure in figures, figure
    assert "byte-identical" in figures["Dask build (LocalCluster) against the local cold build"]
    assert "met" in figures["Dask build (LocalCluster) against the local cold build"]
    searched = [row for row in targets[2:] if row.split("|")[1].strip().startswith("index")]
    assert {row.split("|")[2].strip() for row in searched} == {"3", "40"}
    # the Stylesheets ran beside the build, or the benchmark said why it could not
    from bench.stylesheets import missing
    reason = missing()
    if reason is None:
        assert any(name.startswith("cold build") for name in figures)
    else:
        assert "| xsl " in out and "skipped: " in out
