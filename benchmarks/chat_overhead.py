"""How much of Enter → answer is the search and how much the app: Pilot, real model and index.

    python benchmarks/chat_overhead.py [--rounds 2]

Drives the real app headless over ./corpus and ./embeddings (built first if missing), times
`Chat.ask` inside the worker and the whole Enter → cards-mounted span, and prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from typing import Any

from qa.bot import make_bot
from qa.chat import Chat
from qa.tui import make_app
from qa.tui.widgets import PendingLine, PromptInput, TurnView

QUESTIONS = ("Who is Canada's foreign affairs minister?", "what did she announce in July 2023?",
             "Why did Canada suspend export permits to Turkey?", "Who made that announcement?")


async def measure(rounds: int) -> list[tuple[str, float, float]]:
    searched: list[float] = []
    ask = Chat.ask

    def timed(self: Chat, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return ask(self, *args, **kwargs)
        finally:
            searched.append(time.perf_counter() - start)

    Chat.ask = timed  # type: ignore[method-assign]
    rows = []
    app = make_app(make_bot("corpus", "embeddings"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.chat_screen
        while not screen.ready:
            await pilot.pause(0.05)
        for question in QUESTIONS * rounds:
            screen.query_one(PromptInput).value = question
            start = time.perf_counter()
            await pilot.press("enter")
            while True:
                turns = list(screen.query(TurnView))
                if turns and turns[-1].question == question and not turns[-1].query(PendingLine):
                    break
                await pilot.pause(0.005)
            rows.append((question, searched[-1], time.perf_counter() - start))
    Chat.ask = ask  # type: ignore[method-assign]
    return rows


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=2)
    rows = asyncio.run(measure(p.parse_args().rounds))
    print("| question | Chat.ask (search) | Enter → cards shown | app's share |")
    print("| --- | --- | --- | --- |")
    for question, search, total in rows:
        print(f"| {question} | {search:.3f} s | {total:.3f} s | {total - search:.3f} s |")
    extra = [total - search for _, search, total in rows]
    print(f"\napp's share: median {statistics.median(extra):.3f} s, max {max(extra):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
