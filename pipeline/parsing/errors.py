"""The one error a parse raises: a reason code (used in the quarantine table) and a readable detail."""


class ParseError(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
