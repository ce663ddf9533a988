"""Every report table downloads as CSV and XLSX (the district of conftest.py with its
pre-test and post-test, so every table has rows)."""

import pytest

from reports.tables import TABLES
from tests.reports.conftest import csv_rows, get_table, xlsx_rows


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_table_downloads(analyst_client, district, gains, name, fmt):
    response = get_table(analyst_client, name, fmt)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert f".{fmt}" in response["Content-Disposition"]
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert len(rows) >= 2  # header and at least one row in this district


def test_learning_gain_table(analyst_client, gains):
    rows = csv_rows(get_table(analyst_client, "gain", "csv"))
    assert rows[1:] == [["Kursus Pembukuan Digital", "2", "50.0", "75.0", "0.5"]]
