"""Question-bank files: parse, validate, import and export (BANK_FORMAT.md).

Every reader turns a file into a ``RawBank`` (values plus the line each came from); one
validator (``validate.py``) applies the format's rules to all of them, so YAML, JSON, CSV, plain
text and Markdown get the same checks and the same error messages.
"""

from greenroom.banks.loader import LoadResult, load_bank_file, load_bank_text

__all__ = ["LoadResult", "load_bank_file", "load_bank_text"]
