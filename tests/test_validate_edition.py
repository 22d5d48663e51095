"""The bundled edition passes the publish gate."""

from __future__ import annotations

from typer.testing import CliRunner

from edition.cli import app


def test_bundled_edition_validates_with_exit_0(bundled_edition):
    result = CliRunner().invoke(app, ["validate", str(bundled_edition)])
    assert result.exit_code == 0, result.output
    assert " error:" not in result.stdout
