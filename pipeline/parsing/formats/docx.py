"""DOCX -> text: paragraphs and tables in document order, merged cells as spans."""
from __future__ import annotations

import io

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import ParseError
from .grid import Grid, grid_lines


def _grid(table: Table) -> Grid:
    """Spans from the XML: gridSpan widens a cell, vMerge="continue" is covered by the cell above."""
    grid: Grid = []
    for tr in table._tbl.tr_lst:
        row: list[str | None] = [None] * tr.grid_before
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                row += [None] * tc.grid_span
            else:
                row.append("\n".join(Paragraph(p, table).text for p in tc.p_lst))
                row += [None] * (tc.grid_span - 1)
        grid.append(row)
    return grid


def to_text(raw: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(raw))
        lines: list[str] = []
        for block in document.iter_inner_content():
            lines += grid_lines(_grid(block)) if isinstance(block, Table) else [block.text]
    except Exception as exc:    # python-docx and lxml raise many kinds of errors on a damaged file
        raise ParseError("corrupt_docx", f"the Word document cannot be read: {type(exc).__name__}: {exc}") from None
    return "\n".join(lines)
