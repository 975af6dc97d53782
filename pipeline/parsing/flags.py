"""What the parser says about a report besides its numbers: flags, and the rules in one place."""
from __future__ import annotations

from dataclasses import dataclass, field

# The accounting identities of CONTRACT.md (pipeline/parsing/checks.py): a report that breaks one
# is loaded as written and flagged with the identity's name.
IDENTITY_RULES = frozenset({"column_balance", "outcome_sum", "row_total", "review_total"})


@dataclass
class Flag:
    rule: str
    detail: str
    severity: str = "warning"   # info | warning
    # the cells an identity flag (or ocr_unverified) is about: (section, row, column) as ParsedReport names them
    cells: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)
