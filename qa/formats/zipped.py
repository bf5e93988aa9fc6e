"""Zip archives (.docx, .epub) read within `MAX_UNZIPPED` bytes, whatever their entries claim.

Python's zipfile never returns more bytes of an entry than the entry's declared size (and
checks the CRC), so declared sizes are a true bound on what a read can unpack."""

from __future__ import annotations

import io
import zipfile
import zlib

from . import MAX_UNZIPPED, Skip, detail

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an old binary Office file (.doc), sometimes renamed .docx."""


def open_zip(raw: bytes, kind: str) -> zipfile.ZipFile:
    """The archive in `raw`, or `Skip` naming what is wrong with it."""
    if raw.startswith(_OLE):
        raise Skip(f"an old binary Office file, not a {kind}: save it as {kind} and index that")
    try:
        return zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise Skip(f"damaged {kind} ({detail(exc)}): it is not a complete zip archive; "
                   "save a fresh copy and index that") from exc


def check_unzipped(archive: zipfile.ZipFile, kind: str) -> None:
    """`Skip` when the entries would unpack to more than `MAX_UNZIPPED` bytes: for a library
    that unpacks every entry it is given (python-docx)."""
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_UNZIPPED:
        raise Skip(f"the {kind} unpacks to {total:,} bytes, over the {MAX_UNZIPPED:,}-byte cap "
                   "(a zip bomb?); if it is real, save it as PDF or text and index that")


class Entries:
    """An archive's entries, read within what is left of `MAX_UNZIPPED` for the file."""

    def __init__(self, archive: zipfile.ZipFile, kind: str) -> None:
        self.archive, self.kind, self.left = archive, kind, MAX_UNZIPPED

    def read(self, name: str) -> bytes:
        """One entry's bytes (KeyError when there is none), or `Skip` when it is damaged or
        the file's reads would unpack more than the cap."""
        try:
            with self.archive.open(name) as f:
                data = f.read(self.left + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
                RuntimeError) as exc:  # RuntimeError: a password-protected entry
            raise Skip(f"damaged {self.kind} ({detail(exc)}): save a fresh copy and index "
                       "that") from exc
        if len(data) > self.left:
            raise Skip(f"the {self.kind} unpacks to over {MAX_UNZIPPED:,} bytes (a zip bomb?); "
                       "if it is real, save it as PDF or text and index that")
        self.left -= len(data)
        return data
