"""Argument types of the `qa` command: each turns one option's text into its value, or says
in one line why it cannot (argparse adds the option's name)."""

from __future__ import annotations

import argparse
from datetime import date

from .errors import QAError


def positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return n


def port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port from 0 to 65535")
    return n


def interval(value: str) -> float:
    from .watch import parse_every

    try:
        return parse_every(value)
    except QAError as exc:
        raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2023-07-21") from None
