"""Build small CSV and XLSX files inside a test, the way operators would save them."""

import csv

from openpyxl import Workbook


def write_csv(path, rows, *, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_table(tmp_path, fmt, rows, stem="data"):
    path = tmp_path / f"{stem}.{fmt}"
    return write_csv(path, rows) if fmt == "csv" else write_xlsx(path, rows)
