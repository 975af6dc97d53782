"""Image-only PDFs (scans) -> text, by OCR that runs offline: rapidocr 3.10 (PP-OCRv6 small, Chinese)
on onnxruntime, its models read from the files inside its wheel.

OCR costs ~5 CPU-s a page, so pages are chosen first, cheaply: a page is rendered (pypdfium2, 150
dpi grey) and its ruled lines found by OpenCV morphology (~0.1 s); a page with a ruled grid holds a
table and is read, and so are the page after it when it holds a rule (a table's last row alone
atop it), and page 1 (the title, the agency); pages before the first table are added
one by one while the title's year or the agency is still missing. A scan without any ruled grid is
read whole (up to MAX_PAGES). A scan of more than MAX_SCAN_PAGES is refused before a page is
rendered, a page is rendered within MAX_PIXELS, whatever size it declares, and one longer than
MAX_ASPECT times its width is refused.

The rulings also straighten the page (a scanner turns it by a degree or so), are taken out of the
image that is read (a digit touching one keeps its stroke: see _rules), and cut the text boxes
that the detector draws across a vertical rule (a label and the value set against the rule to its
right read as one line, "三安全一稳定”0"), and find the cells whose ink no box touches (a lone digit
against a rule that the detector passed over), which are read whole. What OCR read goes to
words.py as positioned words, with the horizontal rules as row bands; values read with low
confidence are left blank and named, and offered to vouch.py as candidates that an identity may
confirm.

The engine is imported only when a scan needs it (ogi ingest of text and HTML never loads it); one
ONNX thread, as each worker of the pool is one process. The model paths are pinned: a missing or
damaged model fails the file (`ocr_unavailable`) instead of being downloaded.
"""
from __future__ import annotations

import re
import time
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from ..decode import normalise
from ..errors import ParseError
from ..metadata import read_metadata
from ..tokens import BLANK_PIECES
from .grid import BLANK as UNREAD
from .word_columns import bunched
from .word_lines import Word, is_value
from .words import Doubt, read

DPI = 150
MIN_CONFIDENCE = 0.9        # a value read with less is left blank (NULL) and named in a flag
SPECK = 0.5                 # a character read with less, no value, between two values is noise (_speck)
MAX_PAGES = 30              # pages recognised at most: a report's tables fill a few
# Pages of a scan surveyed at most (each rendered and its rules found, ~0.2 s): a report's scan has a
# few dozen; more is a collection of documents, refused before any page is rendered.
MAX_SCAN_PAGES = 100
# Pixels a page is rendered with at most: A3 at DPI (A4 is 2.2 M). A page declared larger (a scan
# placed at 72 dpi, four times A4; the 14,400 pt square PDF allows: 900 M pixels at DPI) is rendered
# at the resolution that fits, so a worker's memory stays bounded whatever size a page declares.
MAX_PIXELS = 4_500_000
MIN_SIDE = 32               # px: a page rendered narrower holds no line of text; it is read as blank
# Length over width of a page read at most. The text detector scales a page's narrow side up to 736
# px, so its input grows with the ratio (736^2 x ratio pixels, ~40 bytes each): a 14,400 x 40 pt
# strip took 7.4 GB. Paper is 1.4; a long image (长图) posted as one page 1:20 or so.
MAX_ASPECT = 30
INK = 160                   # grey level below which a pixel is ink, for finding rules
RULE_CONTRAST = 40          # a thin line this much darker than the paper around it is ink too (_ink)
FAINT_CONTRAST = 6          # a light-grey border's mean darkness over the paper beside it (_faint)
FAINT_RUN = 9               # px along a rule that darkness is averaged over: the scanner's noise is as dark
TEXT_GREY = 200             # a pixel darker than this is a glyph's, never a light border's
BLANK_INK = 0.0005          # a page with less ink than this share of its pixels is blank: not OCR'd
MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx")



@dataclass
class Scan:
    """What OCR read: the text for the parser, and how it was read."""
    text: str
    pages: int
    pages_read: list[int]
    confidence: float | None          # mean over the boxes read
    seconds: float
    doubts: list[Doubt] = field(default_factory=list)
    # the text with the doubted values in their cells: candidates that an identity may confirm (vouch.py)
    candidates: str = ""
    # per doubt, the text with it alone in its cell: where that reads as the same report, the value
    # is no cell of the report (a digit read in the page's chrome: parse_scan)
    alone: list[str] = field(default_factory=list)


@dataclass
class _Rules:
    horizontal: list[tuple[float, float, float]]    # y, x0, x1
    vertical: list[tuple[float, float, float]]      # x, y0, y1

    @property
    def grid(self) -> bool:
        return len(self.horizontal) >= 3 and len(self.vertical) >= 3


@cache
def engine():
    """The recogniser, built once per process, with the packaged models pinned."""
    import rapidocr

    root = Path(rapidocr.__file__).parent / "models"
    missing = [name for name in MODELS if not (root / name).is_file()]
    if missing:
        raise ParseError("ocr_unavailable", f"OCR models missing in {root} ({', '.join(missing)}): "
                         "reinstall rapidocr==3.10.0 (its wheel ships them)")
    return rapidocr.RapidOCR(params={
        "Global.use_cls": False, "Global.log_level": "error", "Global.text_score": 0.0,
        "Global.model_root_dir": str(root),
        "EngineConfig.onnxruntime.intra_op_num_threads": 1, "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        "Det.model_path": str(root / MODELS[0]), "Rec.model_path": str(root / MODELS[1]),
    })


def _segments(mask: np.ndarray, horizontal: bool) -> list[tuple[float, float, float]]:
    import cv2

    count, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for i in range(1, count):
        x, y, w, h = stats[i, :4]
        out.append((centroids[i][1], x, x + w) if horizontal else (centroids[i][0], y, y + h))
    return out


def _ink(img: np.ndarray) -> np.ndarray:
    """The pixels that may be a rule's: dark (under INK), or a thin line darker by RULE_CONTRAST
    than the paper beside it (a black-hat: the image closed by a 7 px square, less itself). A
    scanner's blur, or a light print of a thin border, leaves a rule lighter than INK (grey 170 on
    white: a 150 dpi page blurred by 0.9 px lost 4 of section 三's 11 column rules); a filled grey cell
    is no line (the closing keeps it), a grey background leaves the contrast as it was."""
    import cv2

    lines = cv2.morphologyEx(img, cv2.MORPH_BLACKHAT, np.ones((7, 7), np.uint8)) > RULE_CONTRAST
    return ((img < INK) | lines).astype(np.uint8)


def _faint(img: np.ndarray, horizontal: bool) -> np.ndarray:
    """The pixels of a light-grey border running across (or down) the page: a web page's #eee table
    printed, then scanned, is ~12 grey levels under the paper, the scanner's noise as strong, far
    under RULE_CONTRAST. A pixel is the border's when, along the border, it is on average darker
    than the paper just above and below it (beside it), and no glyph's (TEXT_GREY): a glyph's stroke
    is dark, and a line of text, taken without its strokes, has no run as long as a rule's."""
    import cv2

    across = np.ones((7, 1) if horizontal else (1, 7), np.uint8)
    thin = cv2.morphologyEx(img, cv2.MORPH_BLACKHAT, across).astype(np.float32)
    mean = cv2.blur(thin, (FAINT_RUN, 1) if horizontal else (1, FAINT_RUN))
    return ((mean > FAINT_CONTRAST) & (img >= TEXT_GREY)).astype(np.uint8)


def _rules(img: np.ndarray) -> tuple[_Rules, np.ndarray]:
    """The page's ruled lines, and the page with them taken out (see _detect).

    A rule is taken out by subtracting its own ink, not by painting it white: in a narrow cell
    a digit touches the rule (printed small, 1 px of padding), and whitening the rule's band took
    the digit's stroke with it (0 read as 'D' or ')', or under MIN_CONFIDENCE). The rules' ink is
    the page's darkness opened by a long thin line (grey morphology): at each pixel, the darkness
    a rule through it has along its length; a glyph's stroke, darker than the rule or beside it,
    stays."""
    import cv2

    ink = _ink(img)
    h, w = img.shape
    # odd lengths: an even kernel is anchored off its centre, and its opening is no longer under the image
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (w // 20 | 1, 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, h // 40 | 1))
    dark = 255 - img
    lines = np.maximum(cv2.morphologyEx(dark, cv2.MORPH_OPEN, across), cv2.morphologyEx(dark, cv2.MORPH_OPEN, down))
    rules = _Rules(_segments(cv2.morphologyEx(ink, cv2.MORPH_OPEN, across), True),
                   _segments(cv2.morphologyEx(ink, cv2.MORPH_OPEN, down), False))
    if not rules.grid:      # no border as dark as ink: a light-grey one, if the page has one
        rules = _Rules(_segments(cv2.morphologyEx(_faint(img, True), cv2.MORPH_OPEN, across), True),
                       _segments(cv2.morphologyEx(_faint(img, False), cv2.MORPH_OPEN, down), False))
    return rules, 255 - cv2.subtract(dark, lines)


def _skew(img: np.ndarray) -> float:
    """The page's turn in degrees, from its long horizontal rules (0 when it has none)."""
    import cv2

    across = cv2.morphologyEx(_ink(img), cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (img.shape[1] // 20, 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(across, connectivity=8)
    slopes = []
    for i in range(1, count):
        if stats[i, 2] > img.shape[1] // 4:
            ys, xs = np.nonzero(labels[stats[i, 1]:stats[i, 1] + stats[i, 3], stats[i, 0]:stats[i, 0] + stats[i, 2]] == i)
            slopes.append(np.polyfit(xs, ys, 1)[0])
    return float(np.degrees(np.arctan(np.median(slopes)))) if slopes else 0.0


def _straight(img: np.ndarray) -> np.ndarray:
    import cv2

    angle = _skew(img)
    if abs(angle) < 0.05:
        return img
    h, w = img.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _cut(box: np.ndarray, vertical: list[tuple[float, float, float]]) -> list[np.ndarray]:
    """A detected box as rectangles, cut where a vertical rule crosses it."""
    x0, y0 = np.maximum(box.min(axis=0), 0)
    x1, y1 = box.max(axis=0)
    mid, height = (y0 + y1) / 2, y1 - y0
    cuts = sorted(x for x, top, bottom in vertical if top <= mid <= bottom and x0 + height / 2 < x < x1 - height / 2)
    edges = [x0, *cuts, x1]
    return [np.array([[a, y0], [b, y0], [b, y1], [a, y1]], dtype=np.float32)
            for a, b in zip(edges, edges[1:]) if b - a > height / 3]


def _overlaps(a: np.ndarray, b: np.ndarray) -> bool:
    return bool((np.minimum(a.max(0), b.max(0)) > np.maximum(a.min(0), b.min(0))).all())


def _detect(page: np.ndarray, erased: np.ndarray) -> list[np.ndarray]:
    """Text boxes found on the page, and those found only once its rules are taken out, or painted
    white (a band 1 px wider than the rule). Each alone misses digits: a value set against a rule
    reads as part of it on the page, the white band hides some lone digits beside it (kiro_1: 15
    of 15 on the page, 11 whitened; pt_6h: the other way round), and the detector passes over a lone
    0 beside a label in the page without rules that it finds with the band (pt_6h_scan). A
    detection costs ~1 s a page."""
    import cv2

    det = engine()._load_det_model()

    def boxes(img: np.ndarray) -> list[np.ndarray]:
        found = det(cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)).boxes
        return [] if found is None else [np.asarray(b) for b in found]

    rule = cv2.dilate(((erased.astype(np.int16) - page) > 255 - INK).astype(np.uint8), np.ones((3, 3), np.uint8))
    found = boxes(page)
    for img in (erased, np.where(rule > 0, 255, page).astype(np.uint8)):
        found += [b for b in boxes(img) if not any(_overlaps(b, f) for f in found)]
    return found


def _recognise(page: np.ndarray, erased: np.ndarray, rules: _Rules, number: int) -> list[Word]:
    """The page's words: boxes detected, cut at vertical rules, read on the page without its rules."""
    import cv2

    ocr = engine()
    colour = cv2.cvtColor(erased, cv2.COLOR_GRAY2BGR)
    boxes = [piece for box in _detect(page, erased) for piece in _cut(box, rules.vertical)]
    if not boxes:
        return []

    def read(boxes: list[np.ndarray]) -> list[Word]:
        # straight rectangles, cut out as they are: rapidocr's own crop turns any box taller than
        # wide by half to read it as vertical text, and a lone digit's box is (a 0 read at 0.58, not 1.0)
        found = ocr.recognize_txt([colour[int(b[0, 1]):int(np.ceil(b[2, 1])), int(b[0, 0]):int(np.ceil(b[1, 0]))]
                                   for b in boxes])
        return [Word(text.strip(), float(b[0, 0]), float(b[1, 0]), float(b[0, 1]), float(b[2, 1]), number,
                     float(score)) for b, text, score in zip(boxes, found.txts, found.scores) if text.strip()]

    # the inked cells read apart (a batch's crops are read together: the boxes read as they were), of
    # them only numbers: a label's characters the detector passed over stay unread, as before
    inked = _unboxed(erased, rules, boxes)
    numbers = [w for w in (read(inked) if inked else []) if is_value(w.text) and any(c.isdigit() for c in w.text)]
    return read(boxes) + numbers


RULE_NEAR = 4.0         # px: rules found this near are one (a rule found twice)
CELL_INK = 15           # ink pixels a ruled cell holds at least to be read whole (a '1' at 75 % has ~27)


def _unboxed(erased: np.ndarray, rules: _Rules, boxes: list[np.ndarray]) -> list[np.ndarray]:
    """The ink of each ruled cell that no detected box touches, as a box: the detector passes over
    a lone digit set against a cell's rule (a row's total 1 beside the table's edge, a 0 at the
    foot of a narrow column), whichever of its three images it reads. A cell lies between two
    horizontal rules and the vertical rules across its middle; its ink is taken 3 px inside them (a
    rule's remnant is none), the box around it as tall as the page's usual box, inside the cell.
    Ink taller than two boxes is no lone value."""
    usual = float(np.median([b[2, 1] - b[0, 1] for b in boxes]))
    ys = bunched(sorted(y for y, _, _ in rules.horizontal), RULE_NEAR)
    out = []
    for top, bottom in zip(ys, ys[1:]):
        xs = bunched(sorted(x for x, y0, y1 in rules.vertical if y0 <= (top + bottom) / 2 <= y1), RULE_NEAR)
        for a, b in zip(xs, xs[1:]):
            x0, y0, x1, y1 = int(a) + 3, int(top) + 3, int(b) - 3, int(bottom) - 3
            if x1 - x0 < 4 or y1 - y0 < 4 or (ink := erased[y0:y1, x0:x1] < INK).sum() < CELL_INK:
                continue
            rows, cols = np.nonzero(ink)
            left, right, high, low = x0 + cols.min(), x0 + cols.max() + 1, y0 + rows.min(), y0 + rows.max() + 1
            if low - high > 2 * usual or any(_overlaps(_rect(left, high, right, low), found) for found in boxes):
                continue
            half = max(usual, low - high + 6) / 2
            pad = half - (low - high) / 2
            out.append(_rect(max(a + 1, left - pad), max(top + 1, (high + low) / 2 - half),
                             min(b - 1, right + pad), min(bottom - 1, (high + low) / 2 + half)))
    return out


def _rect(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


def _page(doc, i: int) -> tuple[np.ndarray, np.ndarray]:
    page = _render(doc, i)
    return page, _rules(page)[1]


def _render(doc, i: int) -> np.ndarray:
    """The page in grey at DPI, or at the resolution that fits MAX_PIXELS; a page too small to
    hold text (MIN_SIDE) as a blank one, not rendered."""
    page = doc[i]
    width, height = page.get_size()
    scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1e-9)) ** 0.5)
    if min(width, height) * scale < MIN_SIDE:
        return np.full((MIN_SIDE, MIN_SIDE), 255, np.uint8)
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise ParseError("too_complex", f"page {i + 1} of the scan is {width:,.0f} x {height:,.0f} pt, more than "
                         f"{MAX_ASPECT} times as long as it is wide: not a page OCR can read in bounded memory")
    return _straight(page.render(scale=scale, grayscale=True).to_numpy())


def _doubted(word: Word) -> bool:
    return word.confidence is not None and word.confidence < MIN_CONFIDENCE and is_value(word.text)


@dataclass
class Recording:
    """What the engine saw of a scan, before words.py: per page read, its words, the y of its
    horizontal rules and its vertical rules (x, y0, y1). Tests replay recordings (to_json/from_json)
    instead of running the engine."""
    pages: int
    words: dict[int, list[Word]]
    rulings: dict[int, list[float]]
    verticals: dict[int, list[tuple[float, float, float]]] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"pages": self.pages, "read": {
            str(i): {"rulings": [round(y, 1) for y in self.rulings[i]],
                     "verticals": [[round(float(v), 1) for v in rule] for rule in self.verticals.get(i, [])],
                     "words": [[w.text, *(round(v, 1) for v in (w.x0, w.x1, w.y0, w.y1)), round(w.confidence, 4)]
                               for w in self.words[i]]} for i in sorted(self.words)}}

    @classmethod
    def from_json(cls, data: dict) -> Recording:
        read = {int(i): page for i, page in data["read"].items()}
        return cls(data["pages"], {i: [Word(t, x0, x1, y0, y1, i, c) for t, x0, x1, y0, y1, c in page["words"]]
                                   for i, page in read.items()},
                   {i: page["rulings"] for i, page in read.items()},
                   {i: [tuple(rule) for rule in page.get("verticals", [])] for i, page in read.items()})


_NONE = _Rules([], [])


def _table_pages(rules: dict[int, _Rules]) -> list[int]:
    """The pages with a ruled grid, and each page after one that holds a rule: a table's last row
    alone atop the next page (section 四's values under its header) is too short for its column
    rules to be found. With no grid anywhere, every page (up to MAX_PAGES)."""
    grid = {i for i, r in rules.items() if r.grid}
    pages = sorted(grid | {i + 1 for i in grid if rules.get(i + 1, _NONE).horizontal})
    return pages or list(range(min(len(rules), MAX_PAGES)))


def _open(raw: bytes) -> pdfium.PdfDocument:
    """The scan, when it has pages to read and no more than MAX_SCAN_PAGES."""
    try:
        doc = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise ParseError("corrupt_pdf", f"the PDF cannot be read: {exc}") from None
    if not 0 < len(doc) <= MAX_SCAN_PAGES:
        pages = len(doc)
        doc.close()
        if not pages:
            raise ParseError("corrupt_pdf", "the PDF has no pages")
        raise ParseError("too_many_pages", f"an image-only PDF (a scan) of {pages:,} pages, more than the "
                         f"{MAX_SCAN_PAGES} that OCR looks through (a report's scan has a few dozen): ask for the "
                         "report alone, or with a text layer")
    return doc


def recognise(raw: bytes, on_page: Callable[[], None] | None = None) -> Recording:
    """OCR of the scan's table pages and of the opening pages metadata needs. on_page is called
    before each page is recognised (the parse budget's time limit counts per OCR page)."""
    start = time.process_time()
    doc = _open(raw)
    try:
        images: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        rules: dict[int, _Rules] = {}
        for i in range(len(doc)):
            page = _render(doc, i)
            rules[i], erased = _rules(page)
            if (rules[i].grid or i == 0) and len(images) < MAX_PAGES:     # a worker's memory stays bounded
                images[i] = page, erased
        tables = _table_pages(rules)
        words: dict[int, list[Word]] = {}

        def read_page(i: int) -> None:
            if on_page:
                on_page()
            page, erased = images.pop(i) if i in images else _page(doc, i)
            words[i] = _recognise(page, erased, rules[i], i) if (erased < INK).mean() > BLANK_INK else []

        for i in sorted({0, *tables})[:MAX_PAGES]:
            read_page(i)
        for i in range(1, min(tables[0], MAX_PAGES)):   # the opening, while the agency or the year is still missing
            meta = read_metadata(normalise("\n".join(read(_in_order(words)).lines)))
            if meta.agency_name and meta.report_year:
                break
            read_page(i)
        pages = len(doc)
    finally:
        doc.close()
    if not any(words.values()):
        raise ParseError("ocr_no_text", f"an image-only PDF (a scan) in whose {len(words)} page(s) read "
                         "OCR found no text: blank pages, or not a document")
    return Recording(pages, words, {i: [y for y, _, _ in rules[i].horizontal] for i in words},
                     {i: rules[i].vertical for i in words}, time.process_time() - start)


def _rule_piece(word: Word, rulings: list[float], verticals: list[tuple[float, float, float]]) -> bool:
    """A '1' that is a piece of a vertical rule the rule finder missed, boxed and read as a digit
    (a digit stands inside its cell, beside a rule, within the rule's found length):
    - on a found rule's line, the rule ending inside its box (above its middle, or below) where
      the table's other rules go on: the rule's end, broken by the scan's noise;
    - over the whole ruled row it stands in, across the horizontal rules above and below it (by a
      pixel or more: a digit's box may touch them): the rule between two cells of a row too short
      for its rules to be found (h // 40)."""
    if word.text != "1":
        return False
    row = bisect(rulings, word.mid_y)
    if 0 < row < len(rulings) and word.y0 <= rulings[row - 1] - 1 and word.y1 >= rulings[row] + 1:
        return True
    mid_x, near = (word.x0 + word.x1) / 2, (word.y1 - word.y0) / 6
    on = [(y0, y1) for x, y0, y1 in verticals if abs(x - mid_x) <= near]
    return any(word.y0 <= y1 < word.mid_y or word.mid_y < y0 <= word.y1 for y0, y1 in on) \
        and not any(y0 <= word.mid_y <= y1 for y0, y1 in on) \
        and any(y0 <= word.mid_y <= y1 for x, y0, y1 in verticals if abs(x - mid_x) > near)


# A group's enumerator, （一） to （七）, holds Chinese numerals only: a digit OCR read inside one
# (（四9）, a stroke of its parenthesis) is noise, which the parser would read as the row before's value.
_ENUMERATOR_NOISE = re.compile(r"([（(][一二三四五六七八九十]+)\d+([）)])")


def _speck(word: Word, page: list[Word]) -> bool:
    """A mark read as a character that is no value, at confidence under SPECK, set between two
    values of its line with no room between (a speck in a cell beside a 0, read 一): noise, which
    cut the row's run of values in two (the values left of it read as label text)."""
    return word.confidence is not None and word.confidence < SPECK and _between_values(word, page, near=True)


def _misread(word: Word, page: list[Word]) -> bool:
    """A character that is no value, read at confidence SPECK to MIN_CONFIDENCE, whose neighbours on
    its line are values (a 3 read 'β' at 0.54, in a cell of its own): a value OCR could not read.
    It is kept as a doubted blank mark: its cell NULL and named, the row's run of values whole (cut
    by it, the values left of it read as label text and were lost unnamed), no value guessed."""
    return word.confidence is not None and SPECK <= word.confidence < MIN_CONFIDENCE \
        and _between_values(word, page, near=False)


def _between_values(word: Word, page: list[Word], near: bool) -> bool:
    """A single character, no value nor blank mark, whose neighbours on its line are values (near:
    with no room between)."""
    if len(word.text) != 1 or is_value(word.text) or word.text in BLANK_PIECES:
        return False
    room = (word.y1 - word.y0) / 2
    line = [w for w in page if w is not word and min(w.y1, word.y1) - max(w.y0, word.y0) > (word.y1 - word.y0) / 2]
    left = max((w for w in line if w.x1 <= word.x0 + room), key=lambda w: w.x1, default=None)
    right = min((w for w in line if w.x0 >= word.x1 - room), key=lambda w: w.x0, default=None)
    return left is not None and right is not None and is_value(left.text) and is_value(right.text) \
        and (not near or left.x1 >= word.x0 - room and right.x0 <= word.x1 + room)


def scan_text(recording: Recording) -> Scan:
    """The recording's words as the parser's text (words.py), low-confidence values left blank, a
    piece of a rule read as a digit (_rule_piece) and a speck between two values (_speck) left
    out, a value misread as a letter (_misread) a doubted blank mark, a digit inside a group's
    enumerator taken out (_ENUMERATOR_NOISE). A scan in which no vertical rule was found is read as a
    table printed without borders (words.py's borderless mode: its label cells, its values run
    together, a run the tables' reader cuts as the row's width and total say)."""
    kept = [w for w in _in_order(recording.words) if not _speck(w, recording.words[w.page]) and not _rule_piece(
        w, sorted(recording.rulings.get(w.page, [])), recording.verticals.get(w.page, []))]
    borderless = not any(recording.verticals.values())
    misread = {w._replace(text=UNREAD): w for w in kept if _misread(w, recording.words[w.page])}
    words = [w._replace(text=UNREAD) if w in misread.values() else w._replace(text=_ENUMERATOR_NOISE.sub(r"\1\2", w.text))
             for w in kept]

    def text(doubted: Callable[[Word], bool], shown: list[Word] = words) -> tuple[str, list[Doubt]]:
        reading = read(shown, rulings=recording.rulings, doubted=doubted, verticals=recording.verticals,
                       borderless=borderless)
        return "\n".join(reading.lines), reading.doubts

    reading, doubts = text(_doubted)
    candidates = text(lambda w: False)[0] if doubts else ""
    alone = []
    for doubt in doubts:
        # a misread value alone in its cell as a number (any: the reading only tells its cell, never loads)
        word = doubt.word._replace(text="0") if doubt.word in misread else doubt.word
        without, others = text(lambda w, word=word: _doubted(w) and w != word,
                               [word if w == doubt.word else w for w in words])
        # "" (none) where the doubt was not the one left out (a word moved across a page is read anew)
        alone.append(without if len(others) == len(doubts) - 1 else "")
    scores = [w.confidence for page in recording.words.values() for w in page]
    return Scan(reading, recording.pages, sorted(recording.words),
                sum(scores) / len(scores) if scores else None, recording.seconds,
                [replace(d, word=misread.get(d.word, d.word)) for d in doubts], candidates, alone)


def read_scan(raw: bytes, on_page: Callable[[], None] | None = None) -> Scan:
    return scan_text(recognise(raw, on_page))


def _in_order(words: dict[int, list[Word]]) -> list[Word]:
    return [w for i in sorted(words) for w in words[i]]
