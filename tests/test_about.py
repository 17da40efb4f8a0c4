"""'About the measures' shows the README's validity table, read from the README."""

from __future__ import annotations

from pathlib import Path

from framing.app.about import validity_table

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_table_and_its_date():
    table = validity_table(ROOT / "README.md")
    assert table is not None and table.date and len(table.date) == 10
    measures = [r["measure"] for r in table.rows]
    assert any(m.startswith("opinion vs report") for m in measures)
    assert any("loaded vocabulary" in m for m in measures)
    assert all(r["measure"] for r in table.rows)  # blank cells repeat the measure above


def test_missing_readme_or_section(tmp_path):
    assert validity_table(tmp_path / "nope.md") is None
    (tmp_path / "R.md").write_text("# x\n\nno table\n")
    assert validity_table(tmp_path / "R.md") is None
