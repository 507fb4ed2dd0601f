"""The catalogue (or one year, one unit) written into the spreadsheet template, one row per entry.

The same template `python -m generator template` gives and `import` reads, so an office can correct its
entries in Excel and send them back: importing the unchanged export with `--update` leaves every file as it was.
"""

from __future__ import annotations

from generator.catalog.catalog import Catalog, Record
from generator.entries import sheet_template


def export_records(cat: Catalog, year: int | None = None, unit: str | None = None) -> list[Record]:
    """The entries of a year and/or a unit (with the units merged into it), oldest year first, then by title."""
    records = cat.records
    if unit:
        records = cat.by_unit.get(unit, [])
    if year:
        records = [r for r in records if r.year == year]
    return sorted(records, key=lambda r: (r.year, cat.title_key[r.slug], r.slug))


def export_bytes(cat: Catalog, year: int | None = None, unit: str | None = None) -> tuple[bytes, int]:
    """The filled template as .xlsx bytes and the number of entries in it."""
    tax = cat.taxonomy
    cols = sheet_template.columns(tax, year, unit)
    records = export_records(cat, year, unit)
    rows = [sheet_template.entry_row(r.entry, r.body, r.slug, tax, cols) for r in records]
    return sheet_template.workbook_bytes(tax, rows, year, unit, cols=cols), len(rows)
