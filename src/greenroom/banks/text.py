"""Reading bank files as text: size limit, encoding detection, binary rejection."""

from __future__ import annotations

import codecs
from pathlib import Path

from greenroom.core.bank import MAX_FILE_BYTES
from greenroom.core.errors import BankError, Problem


def read_limited(path: Path) -> bytes:
    """Read at most the format's size limit, so a 2 GB file is refused without loading it."""
    name = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise BankError([Problem(name, None, "file not found")], fix="Check the path") from None
    except IsADirectoryError:
        raise BankError(
            [Problem(name, None, "is a folder, not a bank file")], fix="Pick a file"
        ) from None
    except OSError as exc:
        raise BankError([Problem(name, None, f"cannot be read ({exc.strerror})")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise BankError(
            [Problem(name, None, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")],
            fix="Split it into smaller banks",
        )
    return data


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode bank bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Returns:
        The text with universal newlines, and the encoding used.

    Raises:
        BankError: when the bytes look binary (NUL bytes outside UTF-16, or control junk).
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _binary(file, f"is not valid UTF-16 ({exc.reason})") from None
    elif data.startswith(codecs.BOM_UTF8):
        text, encoding = _utf8_or_binary(data[3:], file), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "windows-1252"
    _reject_binary(text, file)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _utf8_or_binary(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _binary(file, f"starts like UTF-8 but is not ({exc.reason})") from None


def _reject_binary(text: str, file: str) -> None:
    sample = text[:65536]
    if "\x00" in sample:
        raise _binary(file, "contains NUL bytes: this looks like a binary file, not a bank")
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if sample and controls / len(sample) > 0.01:
        raise _binary(file, "contains control characters: this looks like a binary file")


def _binary(file: str, message: str) -> BankError:
    return BankError(
        [Problem(file, None, message)],
        fix="Save the bank as YAML, JSON, CSV, plain text or Markdown",
    )
