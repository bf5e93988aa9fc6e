"""Digests of what the manifest signs (the FTS5 tables, the filter columns, the schema) and
the reading of the manifest itself."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from ..errors import IndexDamagedError
from .schema import FILTER_COLUMNS, FORMAT_VERSION, feed, json_of, manifest_checksum

Damaged = Callable[[str], IndexDamagedError]


def table_digest(conn: sqlite3.Connection, tables: dict[str, str]) -> str:
    """SHA-256 over every row of `tables`, in key order."""
    h = hashlib.sha256()
    for table, order in tables.items():
        h.update(table.encode() + b"\0")
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            for value in row:
                feed(h, value)
            h.update(b"\n")
    return h.hexdigest()


def schema_digest(conn: sqlite3.Connection) -> str:
    """SHA-256 of the schema table (every table, index and their root pages)."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY name"
    ).fetchall()
    return hashlib.sha256(json_of(rows).encode()).hexdigest()


def filter_rows(conn: sqlite3.Connection) -> tuple[str, list[Any]]:
    """Every passage's (id, article id, date, source, path), by id, and their digest."""
    rows = conn.execute(FILTER_COLUMNS + " ORDER BY p.id").fetchall()
    return hashlib.sha256(json_of(rows).encode()).hexdigest(), rows


def read_manifest(conn: sqlite3.Connection, damaged: Damaged) -> dict[str, Any]:
    """The manifest, checked against its own checksum and the schema's (current format)."""
    rows = conn.execute("SELECT key, value FROM manifest").fetchall()
    try:
        manifest = {k: json.loads(v) for k, v in rows}
    except (TypeError, ValueError) as exc:
        raise damaged("the manifest is unreadable") from exc
    if manifest.get("format_version") == FORMAT_VERSION:
        if manifest.get("manifest_sha256") != manifest_checksum(manifest):
            raise damaged("the manifest fails its checksum")
        if manifest.get("schema_sha256") != schema_digest(conn):
            raise damaged("the database schema fails its checksum")
    elif manifest and not isinstance(manifest.get("format_version"), int):
        raise damaged("the manifest has no format version")
    return manifest


def generation_of(conn: sqlite3.Connection) -> str | None:
    """The committed generation as stored (JSON text), the cheap first read of a snapshot."""
    row = conn.execute("SELECT value FROM manifest WHERE key = 'generation'").fetchone()
    return None if row is None else row[0]
