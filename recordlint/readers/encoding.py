"""Turning an export's bytes into text without guessing silently.

UK case systems export UTF-8 (often with a byte-order mark), Windows-1252, and now and then
UTF-16. Decoding is strict: a file that is almost all UTF-8 but has a damaged byte is read with a
replacement character and reported, rather than being mis-read whole as another encoding.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes


class NotText(ValueError):
    """The bytes are not text in any encoding recordlint accepts."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    damaged_line: int | None = None  # first line holding an undecodable byte, if any


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first block of a file without a UTF-16/32 mark mean it is not text."""
    head = data[:8192]
    return b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS)


def decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding), encoding)
    if looks_binary(data):
        raise NotText("binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    repaired = data.decode("utf-8", errors="replace")
    if any(ord(ch) > 127 and ch != "\ufffd" for ch in repaired):
        # real UTF-8 multi-byte characters elsewhere: a damaged UTF-8 file, not another encoding
        return Decoded(repaired, "utf-8", damaged_line=data.count(b"\n", 0, first_bad) + 1)
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise NotText("cannot tell which text encoding this file uses")
    return Decoded(str(best), best.encoding)
