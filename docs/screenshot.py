"""Save the README's screenshot of the chat: docs/chat.svg, written by the app itself.

    python docs/screenshot.py

Runs the real app (headless) over ./corpus and its index, asks a question and a follow-up,
and calls `app.save_screenshot`.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from qa.bot import make_bot
from qa.tui import make_app
from qa.tui.widgets import PendingLine, PromptInput, TurnView

HERE = Path(__file__).resolve().parent
QUESTIONS = ("Who is Canada's foreign affairs minister?", "what did she announce in July 2023?")


async def shoot(size: tuple[int, int] = (110, 36)) -> Path:
    app = make_app(make_bot("corpus", "embeddings"))
    async with app.run_test(size=size) as pilot:
        screen = app.chat_screen
        while not screen.ready:
            await pilot.pause(0.1)
        prompt = screen.query_one(PromptInput)
        for question in QUESTIONS:
            prompt.value = question
            await pilot.press("enter")
            while not [t for t in screen.query(TurnView)
                       if t.question == question and not t.query(PendingLine)]:
                await pilot.pause(0.05)
        prompt.cursor_blink = False
        await pilot.pause(0.3)
        return Path(app.save_screenshot("chat.svg", path=str(HERE)))


if __name__ == "__main__":
    print(asyncio.run(shoot()))
    sys.exit(0)
