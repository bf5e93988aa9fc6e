"""The chat app driven with Pilot: the real model, the real seed index, the real Textual app."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import shutil
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot

import qa
from qa.index import Store
from qa.tui import QAApp, make_app
from qa.tui.controller import QUEUED, WAITING
from qa.tui.screens import ChatScreen, SourceScreen
from qa.tui.widgets import (
    AnswerLine,
    ArticleParagraph,
    ArticleView,
    CitationCard,
    FailureLine,
    HelpText,
    IndexProgress,
    InterpretedInput,
    NoteLine,
    NotFoundLine,
    PendingLine,
    PromptInput,
    SourceHeader,
    SourcesLabel,
    StatusLine,
    Transcript,
    TurnView,
)
from tests.conftest import ROOT, SEEDS, run_qa

MINISTER = "Who is Canada's foreign affairs minister?"
FOLLOW_UP = "what did she announce in July 2023?"
NOT_FOUND = "What is the capital of Peru?"


# --- helpers -----------------------------------------------------------------------------------

def async_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no pytest plugin needed)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 120,
                   what: str = "condition") -> None:
    """Let the app run until `condition()` holds (the workers are real threads)."""
    steps = int(timeout / 0.05)
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def chat_of(app: QAApp) -> ChatScreen:
    return app.chat_screen


async def wait_ready(pilot: Pilot[None]) -> None:
    screen = chat_of(pilot.app)  # type: ignore[arg-type]
    await wait_for(pilot, lambda: screen.ready, what="the bot to get ready")


async def ask(pilot: Pilot[None], question: str) -> TurnView:
    """Type a question in the prompt, press Enter and wait for its answer."""
    screen = chat_of(pilot.app)  # type: ignore[arg-type]
    prompt = screen.query_one(PromptInput)
    prompt.focus()
    prompt.value = question
    before = len(screen.query(TurnView))
    await pilot.press("enter")
    await wait_for(pilot, lambda: len(screen.query(TurnView)) > before, what="the turn")
    turn = list(screen.query(TurnView))[-1]
    await wait_for(pilot, lambda: not turn.query(PendingLine), what=f"an answer to {question!r}")
    await pilot.pause()
    return turn


def plain(widget: object) -> str:
    """What a widget shows, as plain text."""
    rendered = widget.render()  # type: ignore[attr-defined]
    if isinstance(rendered, Text):
        return rendered.plain
    return str(getattr(widget, "content", rendered))


def notifications(app: QAApp) -> list[tuple[str, str]]:
    return [(n.message, n.severity) for n in app._notifications]


@pytest.fixture()
def app(bot: qa.Bot) -> QAApp:
    return make_app(bot)


def articles(b: qa.Bot, more: int = 0) -> str:
    """How the status line counts the articles of `b`'s index, plus `more`: never typed in."""
    return f"{b.status().articles + more:,} articles"


def passages(b: qa.Bot) -> str:
    """How the status line counts the passages of `b`'s index."""
    return f"{b.status().passages:,} passages"


def bot_over(corpus: Path, index: Path, bot: qa.Bot) -> qa.Bot:
    """A bot over another corpus or index that shares the already loaded model."""
    return qa.Bot(corpus, index, bot.encoder)


# --- asking ------------------------------------------------------------------------------------

@async_test
async def test_window_is_usable_before_the_bot_is_ready(bot: qa.Bot, tmp_path: Path) -> None:
    """A question typed while the index is still building waits, then is answered."""
    fresh = bot_over(SEEDS, tmp_path / "index", bot)
    gate = threading.Event()
    build = fresh.refresh

    def gated_refresh(progress: object = None) -> qa.IndexSummary:
        gate.wait(60)
        return build(progress)  # type: ignore[arg-type]

    fresh.refresh = gated_refresh  # type: ignore[method-assign]
    app = make_app(fresh)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = chat_of(app)
        await wait_for(pilot, lambda: "no index yet" in plain(
            screen.query_one(IndexProgress).query_one("#progress-label")),
            what="the build step to show")
        assert screen.query_one(IndexProgress).display
        assert not screen.ready
        screen.query_one(PromptInput).value = MINISTER
        await pilot.press("enter")
        await pilot.pause()
        turn = screen.query_one(TurnView)
        assert WAITING in plain(turn.query_one(PendingLine).query_one(".pending-text"))
        gate.set()
        await wait_for(pilot, lambda: not turn.query(PendingLine), what="the queued answer")
        assert turn.query_one(AnswerLine)
        assert not screen.query_one(IndexProgress).display
        assert articles(bot) in plain(screen.query_one(StatusLine))
    fresh.close()


@async_test
async def test_stale_index_is_updated_at_start_and_flagged_when_the_corpus_changes(
        bot: qa.Bot, corpus_copy: Path, tmp_path: Path) -> None:
    own = bot_over(corpus_copy, tmp_path / "index", bot)
    own.refresh()
    added = corpus_copy / "new.txt"
    added.write_text("Ottawa announces a new embassy\n\nCanada will open an embassy in "
                     "Springfield, the minister said on Monday.\n", encoding="utf-8")
    assert own.stale() is not None
    app = make_app(own)
    labels: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = chat_of(app)
        progress = screen.query_one(IndexProgress)
        await wait_for(pilot, lambda: labels.append(plain(progress.query_one(
            "#progress-label"))) or screen.ready, what="the update")
        assert any(label.startswith("Updating the index (the corpus changed")
                   for label in labels)
        status = plain(screen.query_one(StatusLine))
        assert articles(bot, more=1) in status and "up to date" in status
        # The corpus changes while the chat is open: the next status check says so.
        added.unlink()
        screen.check_status()
        await wait_for(pilot, lambda: "stale: " in plain(screen.query_one(StatusLine)),
                       what="the stale flag")
        assert screen.query_one(StatusLine).has_class("-stale")
        # First on the line, so that a narrow terminal cuts the counts, not the warning.
        assert plain(screen.query_one(StatusLine)).startswith(
            "qa  stale: the corpus changed since the index was built  ·")
    own.close()


@async_test
async def test_a_corpus_gone_unreadable_is_answered_from_the_kept_index(
        bot: qa.Bot, corpus_copy: Path, tmp_path: Path) -> None:
    """As `qa -q`: when no file of the corpus can be read any more, the chat says so once and
    answers from the index as it was, rather than calling it unusable."""
    own = bot_over(corpus_copy, tmp_path / "index", bot)
    own.refresh()
    for path in corpus_copy.iterdir():
        path.write_bytes(b"\x00\x01binary\x00" * 50)
    app = make_app(own)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = chat_of(app)
        await wait_ready(pilot)
        transcript = screen.query_one(Transcript)
        await wait_for(pilot, lambda: transcript.query(NoteLine), what="the warning")
        [note] = transcript.query(NoteLine)  # in the transcript, covering nothing
        assert plain(note).startswith("Could not update the index, answering from it as it "
                                      f"is: No article in {corpus_copy} could be read")
        assert not notifications(app)
        # A notice (here for a command it does not know) shows under the status line, not
        # over the question being typed.
        screen.query_one(PromptInput).value = "/nosuchcommand"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.query("Toast"), what="the notice")
        [toast] = app.screen.query("Toast")  # Textual's notice widget, by its type name
        prompt = screen.query_one(PromptInput).region
        assert not toast.region.overlaps(prompt)
        assert toast.region.y > screen.query_one(StatusLine).region.y
        status = plain(screen.query_one(StatusLine))
        assert "no usable index" not in status and articles(bot) in status
        assert "stale: the corpus changed" in status
        turn = await ask(pilot, MINISTER)
        assert turn.query_one(AnswerLine) and not turn.query(FailureLine)
    # Once the corpus can be read again, an update clears the reason.
    shutil.copy(SEEDS / "000_4d762a9f0bec231f.txt", corpus_copy / "000_4d762a9f0bec231f.txt")
    own.refresh()
    assert own.kept_warning() is None
    own.close()


@async_test
async def test_a_watching_chat_answers_from_a_new_article_and_ctrl_r_updates_a_stale_index(
        bot: qa.Bot, corpus_copy: Path, tmp_path: Path) -> None:
    own = bot_over(corpus_copy, tmp_path / "index", bot)
    own.refresh()
    app = make_app(own, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = chat_of(app)
        await wait_ready(pilot)
        (corpus_copy / "harbour.txt").write_text(
            "Harbour reopens after storm\n\nThe Larkfield harbour reopened on Monday, and 40 "
            "fishing boats returned to their moorings, the port authority said.\n")
        await wait_for(pilot, lambda: articles(bot, more=1) in plain(
            screen.query_one(StatusLine)), timeout=20, what="the watcher's update")
        turn = await ask(pilot, "How many fishing boats returned to Larkfield harbour?")
        assert "40 fishing boats" in plain(turn.query_one(AnswerLine))
    own.close()
    # Not watching: the status says stale, and Ctrl+R brings the index up to date.
    own = bot_over(corpus_copy, tmp_path / "index", bot)
    app = make_app(own)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = chat_of(app)
        await wait_ready(pilot)
        (corpus_copy / "harbour.txt").unlink()
        screen.check_status()
        await wait_for(pilot, lambda: "stale: " in plain(screen.query_one(StatusLine)),
                       what="the stale flag")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "up to date" in plain(screen.query_one(StatusLine)),
                       what="the update")
        assert articles(bot) in plain(screen.query_one(StatusLine))
    own.close()


@async_test
async def test_ask_shows_answer_and_citation_cards(app: QAApp, bot: qa.Bot) -> None:
    expected = bot.ask(MINISTER, k=5)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        turn = await ask(pilot, MINISTER)
        assert expected.text is not None
        assert expected.text in plain(turn.query_one(AnswerLine))
        cards = list(turn.query(CitationCard))
        assert [c.hit.passage_id for c in cards] == [h.passage_id for h in expected.passages]
        first = cards[0].render()
        assert isinstance(first, Text)
        assert first.plain.startswith("[1] ")
        assert str(expected.passages[0].citation) in first.plain
        assert f"{expected.passages[0].score:.2f}" in first.plain
        # The answering sentence is the one span styled as the highlight.
        answering = cards[(expected.rank or 1) - 1]
        rendered = answering.render()
        highlight = answering.get_component_rich_style("citation-card--highlight")
        marked = [rendered.plain[s.start:s.end] for s in rendered.spans if s.style == highlight]
        assert marked == [expected.text]
        assert answering.has_class("-answer")
        status = plain(chat_of(app).query_one(StatusLine))
        assert articles(bot) in status and passages(bot) in status and "up to date" in status


@async_test
async def test_questions_queue_and_are_answered_in_order(app: QAApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        screen = chat_of(app)
        # Hold the first search in its thread so the second question has to queue.
        gate = threading.Event()
        ask_now = screen.chat.ask

        def gated_ask(*args: Any, **kwargs: Any) -> qa.Answer:
            gate.wait(60)
            return ask_now(*args, **kwargs)

        screen.chat.ask = gated_ask  # type: ignore[method-assign]
        prompt = screen.query_one(PromptInput)
        for question in (MINISTER, FOLLOW_UP):
            prompt.value = question
            await pilot.press("enter")
        first, second = list(screen.query(TurnView))
        assert screen.questions.busy and len(screen.questions) == 1
        assert QUEUED in plain(second.query_one(PendingLine).query_one(".pending-text"))
        gate.set()
        await wait_for(pilot, lambda: second.answer is not None, what="both answers")
        assert first.answer is not None and first.answer.question == MINISTER
        # The second was read as a follow-up of the first: the order held.
        assert "Melanie Joly" in (second.answer.interpreted_as or "")


@async_test
async def test_follow_up_shows_interpreted_line_that_can_be_edited(app: QAApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        first = await ask(pilot, MINISTER)
        assert not first.query(InterpretedInput)
        follow = await ask(pilot, FOLLOW_UP)
        line = follow.query_one(InterpretedInput)
        assert line.value == follow.answer.interpreted_as  # type: ignore[union-attr]
        assert "Melanie Joly" in line.value and "July 2023" in line.value
        top = follow.query(CitationCard).first()
        assert top.hit.citation.source == "The Canadian Press"
        # Edit the interpretation and press Enter: the edited text is asked as written.
        line.focus()
        line.value = "What did Melanie Joly say about sanctions?"
        screen = chat_of(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(screen.query(TurnView)) == 3, what="the re-ask")
        reask = list(screen.query(TurnView))[-1]
        await wait_for(pilot, lambda: reask.answer is not None, what="the re-asked answer")
        assert reask.question == "What did Melanie Joly say about sanctions?"
        assert reask.answer is not None and reask.answer.interpreted_as is None
        assert plain(reask.query_one(AnswerLine)) != plain(follow.query_one(AnswerLine))
        # what was asked is what was searched: the NDP letter's call for sanctions is shown
        assert any("sanctions" in card.hit.text for card in reask.query(CitationCard))
        assert screen.chat.answers[-1] is reask.answer


@async_test
async def test_not_found_reply_is_labelled(app: QAApp, bot: qa.Bot) -> None:
    assert bot.ask(NOT_FOUND).text is None
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        turn = await ask(pilot, NOT_FOUND)
        assert not turn.query(AnswerLine)
        assert "Not found" in plain(turn.query_one(NotFoundLine))
        assert "Closest passages" in plain(turn.query_one(SourcesLabel))
        assert len(turn.query(CitationCard)) == 5
        assert not turn.query(".-answer")
        nothing = await ask(pilot, "drone exports Turkey")  # asks nothing: not "not answered"
        assert plain(nothing.query_one(NotFoundLine)) == (
            "Not found: nothing was asked, so nothing is answered.")


# --- the source view -----------------------------------------------------------------------------

@async_test
async def test_source_view_opens_with_the_passage_marked_and_visible(app: QAApp,
                                                                    bot: qa.Bot) -> None:
    question = "What did the embassy call the fears of ethnic cleansing?"
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        turn = await ask(pilot, question)
        card = turn.query(CitationCard).first()
        hit = card.hit
        assert hit.citation.paragraph > 5, "pick a question answered deep in an article"
        await pilot.press("tab")
        assert app.focused is card
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen), what="source view")
        await pilot.pause(0.2)
        article = bot.article(hit.citation.article_id)
        marked = list(app.screen.query(ArticleParagraph).filter(".-passage"))
        assert marked
        shown = "".join(p.text[p.marked[0]:p.marked[1]] for p in marked if p.marked)
        passage = article.body[hit.citation.start:hit.citation.end]
        assert shown.replace("\n", "") == passage.replace("\n", "")
        assert hit.highlight is not None
        sentence = "".join(p.text[p.answer[0]:p.answer[1]] for p in marked if p.answer)
        assert sentence == hit.text[hit.highlight[0]:hit.highlight[1]]
        all_text = "\n\n".join(p.text for p in app.screen.query(ArticleParagraph))
        assert all_text == article.body.strip()
        view = app.screen.query_one(ArticleView)
        assert view.scroll_offset.y > 0
        top = marked[0].virtual_region.y
        height = view.scrollable_content_region.height
        assert view.scroll_offset.y <= top < view.scroll_offset.y + height
        # c copies the passage with its citation; Escape returns to the chat.
        await pilot.press("c")
        assert hit.text.strip() in app.clipboard and str(hit.citation) in app.clipboard
        await pilot.press("escape")
        assert isinstance(app.screen, ChatScreen)
        # And with the mouse: a click on a card opens its article.
        second = list(turn.query(CitationCard))[1]
        second.scroll_visible(animate=False)
        await pilot.pause()
        assert await pilot.click(second)
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen), what="click open")
        assert app.screen.hit == second.hit  # type: ignore[attr-defined]
        # The footer's "Back" is a button too.
        back = [k for k in app.screen.query("FooterKey") if getattr(k, "key", "") == "escape"]
        assert back and await pilot.click(back[0])
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen), what="click back")


@async_test
async def test_the_index_is_never_read_on_the_event_loop(bot: qa.Bot,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Getting ready, the status and opening an article read the index in workers: a slow disk
    or a long query never freezes the window."""
    loop = threading.current_thread()
    calls: list[tuple[str, threading.Thread]] = []
    for name in ("article", "status", "stale", "refresh"):
        method = getattr(bot, name)

        def recording(*args: Any, _name: str = name, _method: Any = method,
                      **kwargs: Any) -> Any:
            calls.append((_name, threading.current_thread()))
            return _method(*args, **kwargs)

        monkeypatch.setattr(bot, name, recording)
    app = make_app(bot)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        await ask(pilot, MINISTER)
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen), what="source view")
        await pilot.press("escape")
        chat_of(app).check_status()
        await wait_for(pilot, lambda: sum(n == "status" for n, _ in calls) >= 2,
                       what="the status re-check")
    assert "article" in [n for n, _ in calls]
    assert [n for n, thread in calls if thread is loop] == []


@async_test
async def test_copy_from_a_card(app: QAApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        turn = await ask(pilot, MINISTER)
        card = turn.query(CitationCard).first()
        card.focus()
        await pilot.press("c")
        assert app.clipboard.startswith("“" + card.hit.text.strip()[:40])
        assert app.clipboard.endswith(str(card.hit.citation))
        assert any("Copied passage [1]" in m for m, _ in notifications(app))


# --- export ------------------------------------------------------------------------------------

@async_test
async def test_export_writes_markdown_and_verifiable_json(app: QAApp, bot: qa.Bot,
                                                          tmp_path: Path) -> None:
    target = tmp_path / "out" / "session.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        await ask(pilot, MINISTER)
        await ask(pilot, FOLLOW_UP)
        await ask(pilot, NOT_FOUND)
        screen = chat_of(app)
        screen.query_one(PromptInput).value = f"/export {target}"
        await pilot.press("enter")
        json_path = target.with_suffix(".json")
        await wait_for(pilot, lambda: any("Saved" in m for m, _ in notifications(app)),
                       what="the export")
        answers = screen.chat.answers
    md = target.read_text(encoding="utf-8")
    assert f"## 1. {MINISTER}" in md and f"## 2. {FOLLOW_UP}" in md
    assert f"*Interpreted as:* {answers[1].interpreted_as}" in md
    assert f"**Answer:** {answers[0].text}[^1-{answers[0].rank}]" in md
    assert "**Not found:**" in md
    for n, answer in enumerate(answers, 1):
        for hit in answer.passages:
            assert f"[^{n}-{hit.rank}]: {hit.citation}" in md
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["manifest"] == bot.store.manifest
    assert [t["question"] for t in data["turns"]] == [a.question for a in answers]
    assert data["turns"][1]["interpreted_as"] == answers[1].interpreted_as
    checked = 0
    for turn in data["turns"]:
        for p in turn["passages"]:
            body = bot.article(p["citation"]["article_id"]).body
            quote = body[p["citation"]["start"]:p["citation"]["end"]]
            assert hashlib.sha256(quote.encode()).hexdigest() == p["text_sha256"]
            assert hashlib.sha256(body.encode()).hexdigest() == p["body_sha256"]
            assert quote == p["text"]
            checked += 1
    assert checked == sum(len(a.passages) for a in answers) == 15


@async_test
async def test_export_to_an_unwritable_place_notifies(app: QAApp, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        screen = chat_of(app)
        screen.query_one(PromptInput).value = "/export"
        await pilot.press("enter")
        assert any("Nothing to export" in m for m, _ in notifications(app))
        await ask(pilot, MINISTER)
        screen.query_one(PromptInput).value = f"/export {blocker}/sub/s.md"
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(s == "error" for _, s in notifications(app)),
                       what="the export error")
        message = [m for m, s in notifications(app) if s == "error"][0]
        assert "Cannot write the export" in message and "/export PATH" in message
        assert app.is_running


# --- errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["vectors", "database"])
@async_test
async def test_broken_index_gives_a_notification_not_a_crash(bot: qa.Bot, seed_index: Path,
                                                             tmp_path: Path, damage: str) -> None:
    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    if damage == "vectors":
        # The copy's own manifest: the session's bot may have seen an older generation.
        faiss_file = index / Store(index).manifest["faiss_file"]
        faiss_file.write_bytes(b"\0" * 64)
    else:
        (index / "qa.sqlite3").write_bytes(b"this is not a database" * 100)
        for extra in ("qa.sqlite3-wal", "qa.sqlite3-shm"):
            (index / extra).unlink(missing_ok=True)
    broken = bot_over(SEEDS, index, bot)
    app = make_app(broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        # App.notify posts a message: the notification is there once it has been handled.
        await wait_for(pilot, lambda: any(s == "error" for _, s in notifications(app)),
                       what="the error notification")
        errors = [m for m, s in notifications(app) if s == "error"]
        assert len(errors) == 1
        assert "damaged" in errors[0] and "qa index" in errors[0]
        assert "Traceback" not in errors[0]
        assert "no usable index" in plain(chat_of(app).query_one(StatusLine))
        turn = await ask(pilot, MINISTER)
        assert "damaged" in plain(turn.query_one(FailureLine))
        await wait_for(pilot, lambda: len([s for _, s in notifications(app)
                                           if s == "error"]) == 2, what="the second error")
        assert app.is_running
        # The app keeps working: commands still run.
        chat_of(app).query_one(PromptInput).value = "/help"
        await pilot.press("enter")
        assert chat_of(app).query(HelpText)


# --- untrusted text ----------------------------------------------------------------------------

EVIL_NAME = "[bold]evil[-] [@click=app.quit]x.txt"
EVIL = (
    "Mayor [bold]x[/] speaks about the [@click=app.quit]go[/] parade\n\n"
    "The mayor of Springfield said the [@click=app.quit]go[/] parade will go ahead on "
    "Saturday, a stray [/] tag and \x1b[31mred\x1b[0m text and \x1b]52;c;aGk=\x07 included. "
    "The mayor said the parade route [link=https://example.com]is[/link] unchanged.\n"
)


@async_test
async def test_markup_and_escapes_in_articles_show_literally(bot: qa.Bot, corpus_copy: Path,
                                                             tmp_path: Path) -> None:
    (corpus_copy / EVIL_NAME).write_text(EVIL, encoding="utf-8")
    evil_bot = bot_over(corpus_copy, tmp_path / "index", bot)
    app = make_app(evil_bot)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        assert articles(bot, more=1) in plain(chat_of(app).query_one(StatusLine))
        turn = await ask(pilot, "What did the mayor of Springfield say about the parade?")
        card = turn.query(CitationCard).first()
        assert card.hit.citation.path == EVIL_NAME
        shown = plain(card)
        assert "[@click=app.quit]go[/]" in shown
        assert "a stray [/] tag" in shown
        assert EVIL_NAME in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "\ufffd[31mred\ufffd[0m" in shown
        assert "[link=https://example.com]is[/link]" in shown
        assert "[bold]x[/]" in shown  # the headline, in the citation line
        # Nothing in the rendered card carries an action or link.
        rendered = card.render()
        assert all(not getattr(s.style, "meta", None) and not getattr(s.style, "link", None)
                   for s in rendered.spans if not isinstance(s.style, str))
        # Clicking where the "link" is opens the source view; the app does not quit.
        await pilot.click(card)
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen), what="source view")
        header = plain(app.screen.query_one(SourceHeader))
        assert EVIL_NAME in header and "[bold]x[/]" in header
        paragraphs = [plain(p) for p in app.screen.query(ArticleParagraph)]
        assert any("[@click=app.quit]go[/]" in p for p in paragraphs)
        assert all("\x1b" not in p for p in paragraphs)
        await pilot.click(ArticleParagraph)
        await pilot.pause()
        assert app.is_running and app.return_value is None
        await pilot.press("escape")
        assert app.is_running
    evil_bot.close()


# --- the prompt: history and slash commands ----------------------------------------------------

@async_test
async def test_history_walks_up_and_down_and_keeps_the_draft(app: QAApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        await ask(pilot, MINISTER)
        await ask(pilot, NOT_FOUND)
        prompt = chat_of(app).query_one(PromptInput)
        await pilot.press(*"draft")
        await pilot.press("up")
        assert prompt.value == NOT_FOUND
        await pilot.press("up")
        assert prompt.value == MINISTER
        await pilot.press("up")
        assert prompt.value == MINISTER
        await pilot.press("down")
        assert prompt.value == NOT_FOUND
        await pilot.press("down")
        assert prompt.value == "draft"
        # PageUp/PageDown scroll the transcript without leaving the question box.
        transcript = chat_of(app).query_one("#transcript")
        transcript.scroll_end(animate=False)
        await pilot.pause()
        bottom = transcript.scroll_y
        await pilot.press("pageup")
        await pilot.wait_for_scheduled_animations()
        up = transcript.scroll_y
        assert up < bottom and app.focused is prompt
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        assert transcript.scroll_y > up


@async_test
async def test_slash_commands_complete_and_run(app: QAApp, tmp_path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        screen = chat_of(app)
        prompt = screen.query_one(PromptInput)
        # Tab with no passages yet leaves the cursor where it is.
        await pilot.press("tab")
        assert app.focused is prompt
        # The keys of the footer do what their commands do.
        await pilot.press("ctrl+s")
        assert any("Nothing to export" in m for m, _ in notifications(app))
        await pilot.press("f1")
        assert screen.query(HelpText)
        await pilot.press("ctrl+l")
        assert not screen.query(HelpText)
        await pilot.press("/", "e", "x")
        await pilot.press("tab")
        assert prompt.value == "/export "
        prompt.value = ""
        await pilot.press("/", "h", "tab")
        assert prompt.value == "/help"
        await pilot.press("enter")
        assert "/export [PATH]" in plain(screen.query_one(HelpText))
        # /k N changes how many passages each answer shows; bad values are refused.
        prompt.value = "/k 3"
        await pilot.press("enter")
        assert screen.k == 3
        turn = await ask(pilot, MINISTER)
        assert len(turn.query(CitationCard)) == 3
        for bad in ("/k 0", "/k many", "/k"):
            prompt.value = bad
            await pilot.press("enter")
            assert screen.k == 3
        assert sum("Use /k N" in m for m, _ in notifications(app)) == 3
        prompt.value = "/frobnicate"
        await pilot.press("enter")
        assert any("Unknown command /frobnicate" in m for m, _ in notifications(app))
        # Tab with nothing to complete jumps to the latest passages.
        prompt.value = ""
        await pilot.press("tab")
        assert isinstance(app.focused, CitationCard)
        await pilot.press("escape")
        assert app.focused is prompt
        # Typing while a passage has the focus goes to the question box.
        await pilot.press("tab", "w", "h")
        assert app.focused is prompt and prompt.value == "wh"
        prompt.value = ""
        # /clear empties the transcript and the conversation.
        prompt.value = "/clear"
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.query(TurnView) and screen.chat.answers == ()
        prompt.value = "/quit"
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running


# --- the CLI -----------------------------------------------------------------------------------

def test_cli_chat_builds_the_app_with_make_app(monkeypatch: pytest.MonkeyPatch,
                                               seed_index: Path) -> None:
    from qa import cli

    seen: list[QAApp] = []
    monkeypatch.setattr(QAApp, "run", lambda self, *a, **k: seen.append(self))
    assert cli.main(["chat", "--corpus", str(SEEDS), "--index", str(seed_index), "--k", "3"]) == 0
    assert cli.main(["--corpus", str(SEEDS), "--index", str(seed_index)]) == 0
    assert len(seen) == 2
    screen = seen[0].chat_screen
    assert screen.k == 3 and seen[1].chat_screen.k == 5
    assert seen[0].bot.corpus == SEEDS and seen[0].bot.index_dir == seed_index
    assert seen[0].bot._store is None, "the window must not wait for the index"


def test_help_does_not_import_textual() -> None:
    result = run_qa("--help")
    assert result.returncode == 0 and "qa chat" in result.stdout
    import subprocess

    probe = subprocess.run(
        [sys.executable, "-c", "import sys, qa.cli; qa.cli.build_parser(); "
         "print('textual' in sys.modules, 'torch' in sys.modules)"],
        capture_output=True, text=True, cwd=ROOT, check=True)
    assert probe.stdout.split() == ["False", "False"]


# --- snapshots ---------------------------------------------------------------------------------

@pytest.fixture()
def snap_bot(bot: qa.Bot, seed_index: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[qa.Bot]:
    """The seed bot with the corpus named as a user would type it, so snapshots match anywhere;
    its passages' scores are shown to one decimal, since the second moves with the numerics of
    the installed packages (0.62 in one environment, 0.61 in the next)."""
    monkeypatch.chdir(ROOT)
    b = bot_over(Path("corpus"), seed_index, bot)
    asked = b.ask

    def ask(question: str, *args: Any, **kwargs: Any) -> qa.Answer:
        a = asked(question, *args, **kwargs)
        return replace(a, passages=tuple(replace(h, score=round(h.score, 1))
                                         for h in a.passages))

    monkeypatch.setattr(b, "ask", ask)
    yield b
    b.close()


def snap_app(bot: qa.Bot) -> QAApp:
    """An app whose clock says the index was built five minutes ago."""
    from datetime import datetime, timedelta

    app = make_app(bot)
    built = datetime.fromisoformat(bot.store.manifest["built_at"])
    app.chat_screen.clock = lambda: built + timedelta(minutes=5)
    return app


def asking(*questions: str, then: Callable[[Pilot[None]], object] | None = None):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_ready(pilot)
        prompt = chat_of(pilot.app).query_one(PromptInput)  # type: ignore[arg-type]
        prompt.cursor_blink = False  # a blinking cursor would make the picture random
        for q in questions:
            await ask(pilot, q)
        if then is not None:
            result = then(pilot)
            if hasattr(result, "__await__"):
                await result  # type: ignore[misc]
        await pilot.pause(0.2)
    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_snapshot_welcome(snap_compare, snap_bot: qa.Bot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(snap_bot), terminal_size=size, run_before=asking())


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_snapshot_answer(snap_compare, snap_bot: qa.Bot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(snap_bot), terminal_size=size, run_before=asking(MINISTER))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_snapshot_follow_up(snap_compare, snap_bot: qa.Bot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(snap_bot), terminal_size=size,
                        run_before=asking(MINISTER, FOLLOW_UP))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_snapshot_not_found(snap_compare, snap_bot: qa.Bot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(snap_bot), terminal_size=size, run_before=asking(NOT_FOUND))


async def _open_first_source(pilot: Pilot[None]) -> None:
    await pilot.press("tab", "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen), what="source")
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_snapshot_source_view(snap_compare, snap_bot: qa.Bot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(snap_bot), terminal_size=size,
                        run_before=asking("What did the embassy call the fears of ethnic "
                                          "cleansing?", then=_open_first_source))
