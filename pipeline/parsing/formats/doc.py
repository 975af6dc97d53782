"""Legacy binary Word (.doc, Word 97-2003; .wps saved in that format) -> text, tables as grids.

No well-kept library reads these tables (legacy-doc gives text without cells or field results;
msdoc2docx converts a whole document, pictures and all), so this reads what the report needs,
after [MS-DOC], on olefile:
- the FIB at the start of the WordDocument stream names the table stream (0Table or 1Table) and
  where in it the piece table (CLX) and the paragraph properties (PlcBtePapx -> FKP pages) are;
- the piece table says which byte ranges of WordDocument make the text, each cp1252 (one byte a
  character) or UTF-16;
- a table is paragraphs: a cell ends with \\x07, and its row with one more \\x07 whose paragraph
  properties carry the row's (sprmPFTtp; sprmTDefTable: the cell boundaries and merge flags).
  Nested tables mark their cells and rows with paragraph properties and a depth (sprmPItap).
Cell boundaries of all a table's rows make its columns, so a cell over several of them spans
them (docx's gridSpan); a cell merged into the one above is laid out as docx.py lays out vMerge
(grid.MergedDown). A table that holds a table is page layout: read as text, as html.py does.
Field codes (HYPERLINK "…", PAGE) and hidden text are left out, fields' shown results kept.

Everything read is bounded by the file: the text by the WordDocument stream's size, property
pages by the table stream's, table spans by grid.check_positions.
"""
from __future__ import annotations

import bisect
import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

import olefile

from ..decode import as_marker
from ..errors import ParseError
from .grid import Grid, MergedDown, check_positions, grid_lines

_WORD_IDENT = 0xA5EC
_NFIB_WORD97 = 0xC1
_F_ENCRYPTED, _F_WHICH_TABLE, _F_OBFUSCATED = 0x0100, 0x0200, 0x8000
_FC_CLX, _FC_BTE_PAPX, _FC_BTE_CHPX = 33, 13, 12       # indices of fc/lcb pairs in FibRgFcLcb97
_FKP = 512
_MAX_DEPTH = 64          # tables nested deeper are no report's (Word itself stops far sooner)
# sprms read (paragraph, table, character)
_IN_TABLE, _TTP, _ITAP, _INNER_CELL, _INNER_TTP, _HUGE_PAPX = 0x2416, 0x2417, 0x6649, 0x244B, 0x244C, 0x6646
_DEF_TABLE, _VERT_MERGE, _ISS, _VANISH, _CHANGE_TABS = 0xD608, 0xD62B, 0x2A48, 0x083C, 0xC615
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}      # by spra; 6 is variable
_PARAGRAPH_END = "\r\x07\x0c"
# characters that stand for an object (picture, drawing, note reference) or only shape the layout
_DROP = dict.fromkeys(map(ord, "\x00\x01\x02\x03\x04\x05\x08\x0e\x1f"), None) | {0x0B: "\n", 0x1E: "-"}
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13\x14\x15"
_OTHER_OLE = {"Workbook": "an Excel workbook (.xls)", "Book": "an Excel 5/95 workbook (.xls)",
              "PowerPoint Document": "a PowerPoint presentation (.ppt)"}


def _error(detail: str) -> ParseError:
    return ParseError("corrupt_doc", f"the Word 97-2003 file cannot be read ({detail}); open it in Word or "
                      "WPS and save it again, as .docx or PDF")


@dataclass
class _Fib:
    table: str           # the table stream's name
    ccp_text: int        # characters of the main document
    fc_lcb: list[tuple[int, int]]


def _streams(raw: bytes) -> tuple[bytes, _Fib, bytes, bytes]:
    """WordDocument, its FIB, its table stream and Data (b"" when absent); a reasoned error for
    an OLE file that is not a readable Word 97 document."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(raw))       # bytes under 1,536 would be taken for a file's name
    except Exception as exc:        # olefile raises OSError and others on a damaged container
        raise _error(f"a damaged OLE container: {exc}") from None
    with ole:
        names = {"/".join(path) for path in ole.listdir()}
        if "WordDocument" not in names:
            if ole.parsing_issues:              # olefile read on past a damaged directory
                raise _error(f"a damaged OLE container: {ole.parsing_issues[0][1]}")
            if "EncryptedPackage" in names:
                raise ParseError("encrypted_doc", "an Office document protected by a password; "
                                 "ask the publisher for a copy without one")
            kind = next((what for name, what in _OTHER_OLE.items() if name in names), None)
            raise ParseError("unsupported_format", f"{kind or 'an OLE file that is not a Word document'}; "
                             "the report must be published as .docx, .doc, PDF, HTML or text")
        word = _stream(ole, "WordDocument")
        fib = _fib(word)
        if fib.table not in names:
            raise _error(f"its table stream {fib.table} is missing")
        table = _stream(ole, fib.table)
        data = _stream(ole, "Data") if "Data" in names else b""
    return word, fib, table, data


def _stream(ole: olefile.OleFileIO, name: str) -> bytes:
    """A stream's bytes, once its chain of sectors is seen to end: olefile follows a chain as
    far as the stream's stated size, round a loop too, and hands back its sectors over again."""
    data = ole.openstream(name).read()
    entry = ole.direntries[ole._find(name)]
    small = entry.size < ole.minisectorcutoff
    chains = [(ole.minifat or [], entry.isectStart), (ole.fat, ole.root.isectStart)] if small else [(ole.fat, entry.isectStart)]
    for table, sector in chains:
        seen: set[int] = set()
        while 0 <= sector < len(table) and sector not in seen:
            seen.add(sector)
            sector = table[sector]
        if sector in seen:
            raise _error(f"the sector chain of its {name} stream loops back to sector {sector}")
    return data


def _fib(word: bytes) -> _Fib:
    if len(word) < 34:
        raise _error("the WordDocument stream is too short")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    flags = struct.unpack_from("<H", word, 10)[0]
    if ident != _WORD_IDENT:
        raise _error(f"the WordDocument stream starts with {ident:#06x}, not a Word 97 FIB")
    if nfib < _NFIB_WORD97:
        raise ParseError("unsupported_format", f"a Word 6/95 document (FIB version {nfib:#x}); open it in Word "
                         "or WPS and save it as .docx or PDF")
    if flags & _F_ENCRYPTED:
        how = "XOR-obfuscated" if flags & _F_OBFUSCATED else "encrypted"
        raise ParseError("encrypted_doc", f"the Word document is {how} with a password; "
                         "ask the publisher for a copy without one")
    csw = struct.unpack_from("<H", word, 32)[0]
    at = 34 + 2 * csw
    cslw = struct.unpack_from("<H", word, at)[0]
    rglw = at + 2
    at = rglw + 4 * cslw
    pairs = struct.unpack_from("<H", word, at)[0]
    if cslw < 4 or pairs <= _FC_CLX or at + 2 + 8 * pairs > len(word):
        raise _error("its FIB is cut short")
    ccp_text = struct.unpack_from("<i", word, rglw + 12)[0]
    fc_lcb = list(struct.iter_unpack("<II", word[at + 2:at + 2 + 8 * pairs]))
    return _Fib("1Table" if flags & _F_WHICH_TABLE else "0Table", ccp_text, fc_lcb)


def _part(stream: bytes, fc: int, lcb: int, what: str) -> bytes:
    if fc + lcb > len(stream):
        raise _error(f"its {what} lies past the end of its stream")
    return stream[fc:fc + lcb]


@dataclass
class _Piece:
    cp: int              # first character
    end: int             # character after the last
    fc: int              # byte offset in WordDocument
    width: int           # bytes a character: 1 (cp1252) or 2 (UTF-16)

    def fc_of(self, cp: int) -> int:
        return self.fc + (cp - self.cp) * self.width


def _pieces(clx: bytes) -> list[_Piece]:
    """The piece table (Pcdt) of the CLX, after the property runs (Prc) it may start with."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:                  # Prc: cbGrpprl, grpprl
        at += 3 + struct.unpack_from("<h", clx, at + 1)[0]
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise _error("its piece table is missing")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + size]
    n = (len(plc) - 4) // 12
    if n < 1 or len(plc) != 4 + 12 * n:
        raise _error("its piece table has a wrong size")
    cps = struct.unpack_from(f"<{n + 1}I", plc)
    pieces = []
    for i in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        compressed = bool(fc & 0x40000000)
        fc &= 0x3FFFFFFF
        pieces.append(_Piece(cps[i], cps[i + 1], fc // 2 if compressed else fc, 1 if compressed else 2))
    return pieces


def _text(word: bytes, pieces: list[_Piece], ccp_text: int) -> str:
    """The main document's characters (the first ccp_text), pieces in order."""
    parts, cp = [], 0
    for p in pieces:
        if p.cp != cp or p.end < p.cp:
            raise _error("its piece table is out of order")
        end = min(p.end, ccp_text)
        if end <= cp:
            break
        chunk = word[p.fc:p.fc_of(end)]
        if len(chunk) != (end - cp) * p.width:
            raise _error("a piece of its text lies past the end of the WordDocument stream")
        parts.append(chunk.decode("utf-16-le" if p.width == 2 else "cp1252", errors="replace"))
        cp = end
    return "".join(parts)


def _fkp_runs(word: bytes, table: bytes, fc: int, lcb: int, paragraphs: bool) -> tuple[list[int], list[bytes]]:
    """Property runs from the FKP pages a PlcBte lists: (starts, grpprls) sorted by byte offset, a
    run going on until the next one starts. A paragraph's PAPX is istd + grpprl; a run's CHPX is
    its grpprl alone."""
    plc = _part(table, fc, lcb, "property index")
    n = (len(plc) - 4) // 8
    runs: list[tuple[int, bytes]] = []
    for i in range(max(n, 0)):
        page = struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * i)[0] & 0x3FFFFF
        fkp = _part(word, page * _FKP, _FKP, "property page")
        crun = fkp[-1]
        fcs = struct.unpack_from(f"<{crun + 1}I", fkp)
        for j in range(crun):
            offset = fkp[4 * (crun + 1) + (13 if paragraphs else 1) * j] * 2
            if offset == 0:
                runs.append((fcs[j], b""))
            elif paragraphs:
                cb = fkp[offset]
                start, size = (offset + 2, 2 * fkp[offset + 1]) if cb == 0 else (offset + 1, 2 * cb - 1)
                runs.append((fcs[j], fkp[start + 2:start + size]))        # past istd
            else:
                runs.append((fcs[j], fkp[offset + 1:offset + 1 + fkp[offset]]))
    runs.sort(key=lambda r: r[0])
    return [r[0] for r in runs], [r[1] for r in runs]


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(sprm, operand) pairs; the operand's size follows from the sprm, or its first byte(s)."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        size = _OPERAND_SIZE.get(sprm >> 13)
        if size is None:                                   # variable: a size byte (two for TDefTable)
            if sprm == _DEF_TABLE and at + 2 <= len(grpprl):
                size = struct.unpack_from("<H", grpprl, at)[0] + 1
            elif sprm == _CHANGE_TABS and grpprl[at:at + 1] == b"\xff" and at + 2 <= len(grpprl):
                deleted = grpprl[at + 1]             # tab stops deleted (4 bytes each), then added (3)
                added = grpprl[at + 2 + 4 * deleted] if at + 2 + 4 * deleted < len(grpprl) else 0
                size = 3 + 4 * deleted + 3 * added
            elif at < len(grpprl):
                size = grpprl[at] + 1
            else:
                return
        yield sprm, grpprl[at:at + size]
        at += size


@dataclass
class _Row:
    cells: list[str]
    bounds: list[int] = field(default_factory=list)       # cell edges in twips, len(cells) + 1
    merged: list[str] = field(default_factory=list)       # per cell: "" (not), "up" or "left"


@dataclass
class _Paragraph:
    depth: int = 0
    cell_end: bool = False
    row_end: bool = False
    row: _Row | None = None


def _paragraph(grpprl: bytes, mark: str, data: bytes) -> _Paragraph:
    props = dict(_sprms(grpprl))
    if _HUGE_PAPX in props and len(props[_HUGE_PAPX]) == 4:    # a grpprl too long for its page
        at = struct.unpack_from("<I", props[_HUGE_PAPX])[0]
        if at + 2 <= len(data):
            props |= dict(_sprms(data[at + 2:at + 2 + struct.unpack_from("<H", data, at)[0]]))
    in_table = props.get(_IN_TABLE, b"\0")[:1] != b"\0"
    depth = struct.unpack_from("<i", props[_ITAP])[0] if len(props.get(_ITAP, b"")) == 4 else int(in_table)
    if depth <= 0:
        return _Paragraph()
    if depth > _MAX_DEPTH:
        raise ParseError("too_complex", f"a paragraph in tables nested {depth:,} deep, more than {_MAX_DEPTH}")
    if depth == 1:
        row_end = props.get(_TTP, b"\0")[:1] != b"\0"
        cell_end = mark == "\x07" and not row_end
    else:
        row_end = props.get(_INNER_TTP, b"\0")[:1] != b"\0"
        cell_end = not row_end and props.get(_INNER_CELL, b"\0")[:1] != b"\0"
    return _Paragraph(depth, cell_end, row_end, _row_properties(props) if row_end else None)


def _row_properties(props: dict[int, bytes]) -> _Row:
    """Cell edges and merges of a row-end paragraph: sprmTDefTable (TC80 flags: fMerged, and
    fVertMerge without fVertRestart), overridden cell by cell by sprmTVertMerge."""
    row = _Row([])
    op = props.get(_DEF_TABLE, b"")
    if len(op) >= 3:
        n = op[2]
        if len(op) >= 3 + 2 * (n + 1):
            row.bounds = list(struct.unpack_from(f"<{n + 1}h", op, 3))
            tcs = op[3 + 2 * (n + 1):]
            flags = [struct.unpack_from("<H", tcs, 20 * i)[0] for i in range(min(n, len(tcs) // 20))]
            row.merged = ["left" if f & 0x02 else "up" if (f & 0x60) == 0x20 else "" for f in flags]
            row.merged += [""] * (n - len(flags))
    vert = props.get(_VERT_MERGE, b"")
    if len(vert) == 3 and vert[1] < len(row.merged):
        row.merged[vert[1]] = "up" if vert[2] == 1 else ""
    return row


@dataclass
class _Table:
    rows: list[_Row] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)        # the open row's finished cells
    lines: list[str] = field(default_factory=list)        # the open cell's paragraphs
    layout: bool = False                                  # holds a table: page layout, read as text

    def lines_out(self) -> list[str]:
        if self.layout:
            return [line for row in self.rows for cell in row.cells for line in cell.split("\n")]
        return grid_lines(_grid(self.rows))


def _grid(rows: list[_Row]) -> Grid:
    """The rows laid on the columns that all their cell edges make; a row without usable edges
    takes one column a cell."""
    edges = sorted({b for r in rows if len(r.bounds) == len(r.cells) + 1 for b in r.bounds})
    column = {b: i for i, b in enumerate(edges)}
    grid: Grid = []
    merged = MergedDown()
    positions = cells = 0
    for r in rows:
        fits = len(r.bounds) == len(r.cells) + 1
        at = [column[b] for b in r.bounds] if fits else list(range(len(r.cells) + 1))
        before = max(at[0], 0)
        check_positions(positions := positions + before, cells)
        row: list[str | None] = [None] * before
        for i, text in enumerate(r.cells):
            span = max(at[i + 1] - at[i], 1)
            cells += 1
            check_positions(positions := positions + span, cells)
            how = r.merged[i] if i < len(r.merged) else ""
            if how == "up":
                text = merged.below(len(row))
            elif how == "left":                           # covered by the cell before it
                text = None
            else:
                merged.origin(len(row), text)
            row += [text] + [None] * (span - 1)
        grid.append(row)
    return grid


def _shown(text: str) -> str:
    """The text with field codes (HYPERLINK "…", PAGE) hidden as NULs, their results kept;
    paragraph marks always stay, so every character keeps its position."""
    out, fields = [], []                 # fields: per open field, True once its result shows
    for ch in text:
        if ch == _FIELD_BEGIN:
            fields.append(False)
        elif ch == _FIELD_SEPARATOR and fields:
            fields[-1] = True
        elif ch == _FIELD_END and fields:
            fields.pop()
        elif ch in _PARAGRAPH_END or all(fields):
            out.append(ch)
            continue
        out.append("\x00")
    return "".join(out)


def _styled(text: str, pieces: list[_Piece], starts: list[int], grpprls: list[bytes]) -> str:
    """Character runs applied: hidden text (sprmCFVanish) as NULs, dropped later (paragraph marks
    stay); superscript and subscript (sprmCIss) as marker characters: footnote marks, not digits."""
    runs = []
    for i, grpprl in enumerate(grpprls):
        props = dict(_sprms(grpprl))
        hidden = props.get(_VANISH, b"\0")[:1] not in (b"\0", b"")
        if hidden or props.get(_ISS, b"\0")[:1] in (b"\1", b"\2"):
            runs.append((starts[i], starts[i + 1] if i + 1 < len(starts) else 1 << 62, hidden))
    chars = list(text)
    for p in pieces:                     # the runs that overlap each piece's bytes
        first = max(bisect.bisect_right(runs, (p.fc, 1 << 62)) - 1, 0)
        for lo, hi, hidden in runs[first:bisect.bisect_left(runs, (p.fc_of(p.end), 0))]:
            a = max(p.cp, p.cp + -(-(lo - p.fc) // p.width))
            b = min(p.end, len(chars), p.cp + -(-(hi - p.fc) // p.width))
            if a < b:
                span = "".join(chars[a:b])
                chars[a:b] = ("".join(c if c in _PARAGRAPH_END else "\x00" for c in span) if hidden
                              else as_marker(span))
    return "".join(chars)


def to_text(raw: bytes) -> str:
    try:
        return _read(*_streams(raw))
    except ParseError:
        raise
    except Exception as exc:        # struct and index errors on a damaged file
        raise _error(f"{type(exc).__name__}: {exc}") from None


def _read(word: bytes, fib: _Fib, table: bytes, data: bytes) -> str:
    if not 0 <= fib.ccp_text <= len(word):
        raise _error(f"its FIB counts {fib.ccp_text:,} characters in a {len(word):,}-byte stream")
    pieces = _pieces(_part(table, *fib.fc_lcb[_FC_CLX], "piece table"))
    text = _text(word, pieces, fib.ccp_text)
    papx = _fkp_runs(word, table, *fib.fc_lcb[_FC_BTE_PAPX], paragraphs=True)
    shown = _styled(_shown(text), pieces, *_fkp_runs(word, table, *fib.fc_lcb[_FC_BTE_CHPX], paragraphs=False))
    piece_starts = [p.cp for p in pieces]
    known: dict[tuple[bytes, str], _Paragraph] = {}
    lines: list[str] = []
    tables: list[_Table] = []                             # the open tables, outermost first
    start = 0
    for cp, mark in enumerate(text):
        if mark not in _PARAGRAPH_END:
            continue
        paragraph_text, start = shown[start:cp].translate(_DROP), cp + 1
        fc = pieces[bisect.bisect_right(piece_starts, cp) - 1].fc_of(cp)
        run = bisect.bisect_right(papx[0], fc) - 1
        grpprl = papx[1][run] if run >= 0 else b""
        if (grpprl, mark) not in known:
            known[grpprl, mark] = _paragraph(grpprl, mark, data)
        p = known[grpprl, mark]
        while len(tables) > p.depth:                      # tables that ended before this paragraph
            _close(tables, lines)
        tables += [_Table() for _ in range(p.depth - len(tables))]
        if not tables:
            lines.append(paragraph_text)
            continue
        t = tables[-1]
        if p.row_end:
            t.rows.append(_Row(t.cells, p.row.bounds, p.row.merged))
            t.cells, t.lines = [], []
        else:
            t.lines.append(paragraph_text)
            if p.cell_end:
                t.cells.append("\n".join(t.lines))
                t.lines = []
    while tables:
        _close(tables, lines)
    return "\n".join(lines)


def _close(tables: list[_Table], lines: list[str]) -> None:
    """The innermost open table ends: its lines go to the cell that holds it (which makes that
    table page layout) or, at the top, to the text."""
    done = tables.pop()
    if done.cells or done.lines:                          # a row the document left open
        done.rows.append(_Row([*done.cells, *(["\n".join(done.lines)] if done.lines else [])]))
    if tables:
        tables[-1].lines += done.lines_out()
        tables[-1].layout = True
    else:
        lines += done.lines_out()
