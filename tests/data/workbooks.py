"""Small workbook writers for the sample files: .xlsx and .ods written as the XML their standards define
(no writer library needed), .xls through xlwt. Values: str, int, float, bool, date, datetime or None."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

Value = str | int | float | bool | dt.date | dt.datetime | None
Sheet = tuple[str, Sequence[Sequence[Value] | None]]  # (name, rows); a row None is a blank row
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_STAMP = (2020, 10, 8, 0, 0, 0)  # every member's date: the same bytes on every run


def _member(name: str, *, stored: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_STAMP)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _column(index: int) -> str:
    letters, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_cell(ref: str, value: Value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime):
        return f'<c r="{ref}" s="2"><v>{(value - _EXCEL_EPOCH).total_seconds() / 86400!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="1"><v>{(dt.datetime.combine(value, dt.time()) - _EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def xlsx(sheets: Sequence[Sheet]) -> bytes:
    """An Excel 2007+ workbook: inline strings, dates with the built-in formats 14 (date) and 22 (date-time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
                            for i in range(1, len(sheets) + 1))
        book.writestr(_member("[Content_Types].xml"), (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>{overrides}</Types>'))
        book.writestr(_member("_rels/.rels"), f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">'
                      f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
                      '</Relationships>')
        names = "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                        for i, (name, _) in enumerate(sheets, start=1))
        book.writestr(_member("xl/workbook.xml"), f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
                      f'xmlns:r="{_DOC_RELS}"><sheets>{names}</sheets></workbook>')
        links = "".join(f'<Relationship Id="rId{i}" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                        for i in range(1, len(sheets) + 1))
        book.writestr(_member("xl/_rels/workbook.xml.rels"), f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                      f'xmlns="{_RELS}">{links}<Relationship Id="rId{len(sheets) + 1}" Type="{_DOC_RELS}/styles" '
                      'Target="styles.xml"/></Relationships>')
        book.writestr(_member("xl/styles.xml"), (
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}"><fonts count="1"><font/></fonts>'
            '<fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/>'
            '</cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
            '<xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>'))
        for i, (_, rows) in enumerate(sheets, start=1):
            body = "".join(
                f'<row r="{r}">' + "".join(_xlsx_cell(f"{_column(c)}{r}", v) for c, v in enumerate(row)) + "</row>"
                for r, row in enumerate(rows, start=1) if row)
            book.writestr(_member(f"xl/worksheets/sheet{i}.xml"), f'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                          f'xmlns="{_MAIN}"><sheetData>{body}</sheetData></worksheet>')
    return buffer.getvalue()


def _ods_cell(value: Value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}"/>'
    if isinstance(value, dt.datetime):
        return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"/>'
    if isinstance(value, dt.date):
        return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"/>'
    if isinstance(value, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{value!r}"><text:p>{value}</text:p>' \
               "</table:table-cell>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def ods(sheets: Sequence[Sheet]) -> bytes:
    """An OpenDocument spreadsheet (the mimetype stored first and uncompressed, as the standard asks)."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"')
    tables = "".join(
        f'<table:table table:name="{escape(name)}">' + "".join(
            "<table:table-row>" + ("".join(_ods_cell(v) for v in row) if row else "<table:table-cell/>")
            + "</table:table-row>" for row in rows) + "</table:table>"
        for name, rows in sheets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(_member("mimetype", stored=True), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr(_member("META-INF/manifest.xml"), (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'))
        book.writestr(_member("content.xml"), f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
                      f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
                      "</office:document-content>")
    return buffer.getvalue()


def xls(sheets: Sequence[Sheet]) -> bytes:
    """An Excel 97-2003 workbook, through xlwt (a test-only dependency)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    time_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    for name, rows in sheets:
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row or ()):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.datetime):
                    sheet.write(r, c, value, time_style)
                elif isinstance(value, dt.date):
                    sheet.write(r, c, value, date_style)
                else:
                    sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
