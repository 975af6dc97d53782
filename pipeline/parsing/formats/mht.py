"""MHTML (a web page archive: Word's and Internet Explorer's "single file web page", .mht, often
published under a .doc name) -> the page's HTML bytes, for html.py.

The archive is MIME: the page is one part, quoted-printable or base64 (Word writes `=B1=A8` for
each byte of GB2312), which read as markup shows no Chinese at all (the page was `not_a_report`).
The stdlib's email parser undoes the transfer encoding; the page keeps its own charset declaration.
"""
from __future__ import annotations

import email
import email.policy

from ..errors import ParseError


def page(raw: bytes) -> bytes:
    """The first text/html part, decoded from its transfer encoding."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True) or b""
    raise ParseError("unsupported_format", "a web page archive (MHTML) without an HTML page in it")
