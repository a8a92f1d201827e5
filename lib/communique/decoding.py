"""Bytes to text: byte-order marks, binary files and a stated fallback for legacy encodings."""
from __future__ import annotations

import codecs
from dataclasses import dataclass

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE (BOM)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE (BOM)"),
)
#: Tried when bytes are not valid UTF-8: the Windows superset of Latin-1 that most
#: legacy Western text (Word exports, old web pages) is written in.
FALLBACK_ENCODING = "cp1252"


class DecodeError(ValueError):
    """The bytes are not text this reader can decode; `line` is 1-based or None."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a human-readable name, e.g. "UTF-8" or "UTF-16 LE (BOM)"
    warning: str | None = None  # set when a fallback was used


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB of a file without a UTF-16/32 byte-order mark."""
    return b"\x00" in data[:8192]


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode file bytes to text with universal newlines.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 with BOM are read as they are; other
    bytes are decoded as cp1252 with a warning, and bytes that are not even that raise
    DecodeError with the line. Pass `encoding` to force one.

    >>> decode("café".encode("utf-16")).text
    'café'
    """
    if encoding is not None:
        try:
            return Decoded(_newlines(data.decode(encoding)), encoding)
        except UnicodeDecodeError as err:
            raise DecodeError(f"bytes are not valid {encoding} (byte {err.start})", _line_of(data, err.start)) from None
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_newlines(data[len(bom):].decode(codec)), name)
            except UnicodeDecodeError as err:
                raise DecodeError(f"bytes after the {name} mark are not valid {codec} (byte {err.start + len(bom)})") from None
    if looks_binary(data):
        raise DecodeError("binary file (NUL bytes and no UTF-16/UTF-32 byte-order mark): not a text statement")
    try:
        return Decoded(_newlines(data.decode("utf-8")), "UTF-8")
    except UnicodeDecodeError as err:
        line = _line_of(data, err.start)
        try:
            text = data.decode(FALLBACK_ENCODING)
        except UnicodeDecodeError as err2:
            raise DecodeError(
                f"undecodable bytes: not UTF-8 (first bad byte on line {line}) and not {FALLBACK_ENCODING} "
                f"(byte 0x{data[err2.start]:02x}); re-save the file as UTF-8 or pass encoding=",
                _line_of(data, err2.start),
            ) from None
        return Decoded(
            _newlines(text),
            FALLBACK_ENCODING,
            f"not valid UTF-8 (first bad byte on line {line}); decoded as {FALLBACK_ENCODING} (Windows Western) "
            "as a fallback: check the accented characters, or re-save the file as UTF-8",
        )


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
