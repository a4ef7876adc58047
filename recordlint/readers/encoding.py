"""Turning an export's bytes into text without guessing silently.

UK case systems export UTF-8 (often with a byte-order mark), Windows-1252, and now and then
UTF-16. Decoding is strict: a file that is almost all UTF-8 but has a damaged byte is read with a
replacement character and reported, rather than being mis-read whole as another encoding.

NUL bytes are told apart: a file full of control bytes is binary and not read; text that is
mostly NULs on every other byte is UTF-16 without its byte-order mark; any other NULs (padding
some database exports leave in fields) are removed, and the reader reports it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, replace

from charset_normalizer import from_bytes


class NotText(ValueError):
    """The bytes are not text in any encoding recordlint accepts."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    damaged_line: int | None = None  # first line holding an undecodable byte, if any
    nul_bytes: int = 0  # NUL bytes removed from text (not UTF-16)
    nul_line: int | None = None  # the first line that held one


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: bytes that text (in any single-byte or UTF-8 encoding) does not hold: C0 controls except
#: tab, line feed, vertical tab, form feed, carriage return and escape, and NUL counted apart
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 27), *range(28, 32)])
_CONTROLS_TABLE = bytes.maketrans(_CONTROL_BYTES, b"\x01" * len(_CONTROL_BYTES))
_HEAD = 8192


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first block of a file, among other control bytes, without a UTF-16/32
    mark and not laid out as UTF-16, mean it is not text."""
    head = data[:_HEAD]
    if b"\x00" not in head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if _utf16_without_bom(data) is not None:
        return False
    controls = head.translate(_CONTROLS_TABLE).count(b"\x01")
    # an image, archive or executable is full of control bytes; text with NUL padding is not
    return controls * 100 > len(head) or head.count(b"\x00") * 2 > len(head)


def _utf16_without_bom(data: bytes) -> str | None:
    """The text, when the bytes are UTF-16 without a byte-order mark: mostly-ASCII text then
    has NUL as every other byte (odd places little-endian, even places big-endian)."""
    head = data[:_HEAD]
    pairs = len(head) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    if odd * 2 >= pairs and even * 20 < pairs:
        encoding = "utf-16-le"
    elif even * 2 >= pairs and odd * 20 < pairs:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text[:_HEAD] if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return None if controls * 100 > min(len(text), _HEAD) else text


def decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:  # a damaged or truncated UTF-16/32 file: read what is there
                text = data.decode(encoding, errors="replace")
                first_bad = max(text.find("\ufffd"), 0)
                return Decoded(text, encoding, damaged_line=text.count("\n", 0, first_bad) + 1)
    if looks_binary(data):
        raise NotText("binary file, not text")
    nul_bytes, nul_line = 0, None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return Decoded(utf16, "utf-16")
        nul_bytes = data.count(b"\x00")
        nul_line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        data = data.replace(b"\x00", b"")
    decoded = _decode_text(data)
    if nul_bytes:
        decoded = replace(decoded, nul_bytes=nul_bytes, nul_line=nul_line)
    return decoded


def _decode_text(data: bytes) -> Decoded:
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
