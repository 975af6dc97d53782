"""What a table reader returns (TableResult) and the flags a table's rows raise."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter

from .flags import Flag
from .solve import RowResult
from .tokens import Token

Cell = Decimal | None
token_value = attrgetter("value")


@dataclass
class TableResult:
    cells: dict = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    template_hint: str | None = None
    glued: bool = False         # cells glued into digit runs (crawled text): short rows are cut
    # the value tokens each row was read from, by the key of `cells` (section 四: its one row under
    # "row"): where a cell was read, for `ogi explain` (explain.py)
    tokens: dict[str, list[Token]] = field(default_factory=dict)
    # the cells of rows the identities placed (a cell filled, a glued run cut), not read as written:
    # those identities checked nothing there (vouch.py), as (section, row, column)
    placed: set[tuple[str, str, str]] = field(default_factory=set)
    # values past the table's end read as its cells (table 三's last rows after section 四's
    # heading): no other table's
    claimed: list[Token] = field(default_factory=list)


def garbled_flag(section: str, row: str, tokens: list[Token]) -> Flag | None:
    """Cells such as l2O, 1E3 or 0x1F: NULL, and the row says so."""
    garbled = [t.raw for t in tokens if t.garbled]
    if garbled:
        return Flag("garbled_cells", f"{section}: {row} has cells that are not numbers ({', '.join(garbled)}); "
                    "those cells are NULL")
    return None


def number_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens that are numbers: a blank mark ("/") above a table's first row is its header's
    empty cell (a Word table's header row), not a row's value."""
    return [t for t in tokens if t.value is not None]


def values_first_flag(section: str, lead: list[Token]) -> Flag:
    """Values between a table's header and its first row label: the text lost the table's layout
    (a converter wrote each cell in drawing order, a row's values before its label, as pdftotext
    without -layout does), so no label's values can be told from its neighbour's."""
    written = " ".join(t.raw for t in lead)
    return Flag("values_before_labels", f"{section}: values ({written}) stand before the first row's label: "
                "the text does not keep rows with their labels; the table's cells are left NULL")


def row_flag(section: str, row: str, res: RowResult, tokens: list[Token]) -> Flag | None:
    garbled = garbled_flag(section, row, tokens)
    if garbled or res.status == "read":
        return garbled
    written = " ".join(t.raw for t in tokens) or "(none)"
    if res.status == "recovered":
        return Flag("recovered_cells", f"{section}: {row} has {len(tokens)} values ({written}); "
                    "the missing cells are fixed by the table's identities", "info")
    if res.status == "ambiguous" and not res.cuts:
        return Flag("ambiguous_cells", f"{section}: {row} has {len(tokens)} values ({written}) and "
                    f"{res.candidates} placements fit the identities; undetermined cells left NULL")
    if res.status == "mismatch":
        return Flag("row_values_mismatch", f"{section}: {row} has values ({written}) that fit no "
                    "placement in its columns; left NULL")
    cuts = "; ".join("|".join("/" if v is None else format(v, "f") for v in cut) for cut in res.cuts)
    if res.status == "split":
        return Flag("split_cells", f"{section}: {row} is glued ({written}); {cuts} is the only cut "
                    "that fits the identities", "info")
    if res.status == "contradicted":
        return Flag("ambiguous_cells", f"{section}: {row} is glued ({written}); with {cuts} some columns "
                    "break their identities whatever the other rows' cuts; those cells are left NULL")
    if res.status in ("ambiguous", "capped"):
        many = f"more than {res.candidates} cuts (search stopped)" if res.status == "capped" else f"{res.candidates} cuts"
        return Flag("ambiguous_cells", f"{section}: {row} is glued ({written}) and {many} fit the "
                    f"identities ({cuts}{'; …' if res.candidates > len(res.cuts) else ''}); cells they "
                    "disagree on are left NULL")
    return None
