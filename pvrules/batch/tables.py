"""Write the summary table as CSV and as an Excel workbook, byte-for-byte reproducible."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from pvrules.batch.summary import SummaryRow, table
from pvrules.render.output import write_atomic

FIXED_STAMP = "2000-01-01T00:00:00Z"
"""The creation and modification time written into every workbook (not the clock)."""
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def summary_csv(rows: Sequence[SummaryRow]) -> bytes:
    """The summary as CSV (UTF-8, comma-separated, a header line, LF line ends)."""
    header, cells = table(rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(cells)
    return buf.getvalue().encode("utf-8")


def summary_xlsx(rows: Sequence[SummaryRow], title: str = "pvrules batch") -> bytes:
    """The summary as an .xlsx workbook with fixed properties and timestamps."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, cells = table(rows)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "samenvatting"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in cells:
        sheet.append(line)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        width = max([len(name), *(len(str(line[index - 1])) for line in cells)])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, width + 2)
    stamp = dt.datetime(2000, 1, 1)
    props = book.properties
    props.creator = "pvrules"
    props.title = title
    props.created = stamp
    props.modified = stamp
    props.lastModifiedBy = "pvrules"
    buf = io.BytesIO()
    book.save(buf)
    return _normalize(buf.getvalue())


def _normalize(data: bytes) -> bytes:
    """Fixed zip timestamps, and the modification time openpyxl takes from the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + FIXED_STAMP.encode() + rb"\g<2>", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, body, compresslevel=6)
    return out.getvalue()


def write_summaries(outdir: Path, rows: Sequence[SummaryRow]) -> list[Path]:
    """Write ``summary.csv`` and ``summary.xlsx`` in ``outdir`` (atomically, overwriting)."""
    return [write_atomic(outdir / "summary.csv", summary_csv(rows), force=True),
            write_atomic(outdir / "summary.xlsx", summary_xlsx(rows), force=True)]
