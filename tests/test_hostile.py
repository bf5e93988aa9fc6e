"""Hostile corpora, questions, flags and text: each indexed or reported in one line, answered
or refused with exit 2, never a traceback, never a control sequence reaching the terminal."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import qa
from qa.bot import Bot
from qa.encoder import Encoder
from qa.errors import InputError
from qa.index import DB_NAME, Store, drop_stub, write_lock
from qa.vocab import DEFAULT_K, MAX_K

from .conftest import QA, ROOT, guarded, run_in_pty, run_qa

JOLY = "Who is Canada's foreign affairs minister?"
GOOD = "Harbour reopens\n\nThe harbour of Halifax reopened on Monday after the storm.\n"


# --- 6. a hostile corpus -------------------------------------------------------------------


def hostile_corpus(root: Path, outside: Path) -> tuple[set[str], dict[str, str]]:
    """Every kind of bad file of the issue; returns the names that must be indexed and, for
    the others, a word their one-line report must contain."""
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret plans\n\nThe vault code is ZULU-7731 and nobody "
                                        "must read it.\n")
    (outside / "more.txt").write_text("More secrets\n\nThe second vault code is ZULU-7732.\n")
    root.mkdir()
    (root / "good.txt").write_text(GOOD)
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text("  \n\n\t\n")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "old.txt").write_bytes("Caf\u00e9 prices\n\nA coffee at the caf\u00e9 costs "
                                   "\u00a35 after the \u2018tax\u2019 rise.\n".encode("cp1252"))
    with open(root / "huge.txt", "wb") as f:  # sparse: 11 MB on paper, over the 10 MB cap
        f.truncate(11 * 1024 * 1024)
    # 2 MB on one line, under the cap: long words (one model token each) keep it cheap to embed.
    long_line = "Long line news. " + " ".join(
        f"{i:06d}" + "x" * 150 for i in range(2_000_000 // 158))
    (root / "long.txt").write_text(long_line)
    (root / "leak.txt").symlink_to(outside / "secret.txt")
    (root / "outdir").symlink_to(outside)
    (root / "loop").symlink_to(root)
    (root / "self.txt").symlink_to(root / "self.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "locked.txt").write_text("Locked away\n\nThis file cannot be read by others.\n")
    (root / "locked.txt").chmod(0)
    (root / "dup1.txt").write_text("Same story\n\nThe same story was filed under two names.\n")
    (root / "dup2.txt").write_text("Same story\n\nThe same story was filed under two names.\n")
    (root / os.fsdecode(b"bad-\xff\xfe.txt")).write_text(GOOD)
    (root / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    (root / "README.md").write_text("# About this folder\n\nNot an article.\n")
    # Front matter: a billion-laughs alias bomb (cheap: aliases are references, and only
    # scalar fields are read) and a tag that yaml.load would run (safe_load refuses it).
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    (root / "laughs.md").write_text("---\n" + "\n".join(laughs) + "\ntitle: Laughs\n---\n\n"
                                    "The parser kept its memory.\n")
    (root / "tag.md").write_text(f"---\ntitle: !!python/object/apply:os.mkdir "
                                 f"[{str(outside / 'pwned')!r}]\n---\n\nNothing was run.\n")
    # U+2028 raw inside a JSON string: one record, not two broken ones.
    (root / "sep.jsonl").write_text('{"_id": "1", "text": "One record.\u2028Still one."}\n',
                                    encoding="utf-8")
    indexed = {"good.txt", "old.txt", "long.txt", "dup1.txt", "dup2.txt", "laughs.md", "tag.md",
               "sep.jsonl"}
    reported = {"empty.txt": "empty", "blank.md": "empty", "binary.txt": "binary",
                "old.txt": "cp1252", "huge.txt": "cap", "leak.txt": "outside",
                "outdir": "outside", "loop": "loop", "self.txt": "loop", "fifo.txt": "regular",
                "dup2.txt": "dup1.txt", "bad-": "UTF-8", "deep.jsonl": "JSON",
                "README.md": "README", "tag.md": "front matter"}
    if os.geteuid() == 0:
        indexed.add("locked.txt")  # root reads every file
    else:
        reported["locked.txt"] = "permission"
    return indexed, reported


def test_hostile_corpus_is_indexed_or_reported_and_nothing_outside_is_read(
        tmp_path: Path, encoder: Encoder) -> None:
    corpus, outside, index = tmp_path / "corpus", tmp_path / "outside", tmp_path / "index"
    indexed, reported = hostile_corpus(corpus, outside)
    t0 = time.monotonic()
    r, seen = guarded(tmp_path / "log.json", [outside], "index", "--corpus", str(corpus),
                      "--index", str(index), "--json")
    took = time.monotonic() - t0
    assert r.returncode == 0, r.stderr
    assert took < 300  # bounded: the walk ends and nothing blocks (generous for a slow CI)
    assert seen["touched"] == []  # nothing outside the corpus is opened or listed
    lines = r.stderr.strip().splitlines()
    assert all(line.startswith("qa: ") for line in lines)
    for name, word in reported.items():
        mine = [line for line in lines if line.startswith(f"qa: {name}")]
        assert len(mine) == 1 and word in mine[0], (name, lines)
    assert len(lines) == len(reported)
    store = Store(index)
    paths = {p for _, (p, _) in store.article_hashes().items()}
    store.close()
    assert paths == indexed
    summary = json.loads(r.stdout)
    assert summary["articles"] == len(indexed) and len(summary["notices"]) == len(reported)

    answer = Bot(corpus, index, encoder).ask("What is the vault code?", k=20)
    assert {h.citation.path for h in answer.passages} <= indexed
    assert not any("ZULU" in h.text for h in answer.passages)
    assert not (outside / "pwned").exists()


def test_empty_corpus_says_so(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    index = tmp_path / "i"
    expected = (f"qa: error: No article files in {corpus} to index. Add articles (.txt, .md, "
                ".html, .htm, .jsonl, .pdf, .docx, .epub, .xml, .rss, .atom) there, or pass "
                "--corpus DIR.")
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 2 and r.stdout == "" and r.stderr.strip() == expected
    assert not index.exists()  # no empty index left behind: the next try starts clean
    r = run_qa("-q", "Anything?", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 2 and r.stderr.strip().splitlines()[-1] == expected


def test_a_failed_first_index_removes_what_it_made_and_nothing_else(tmp_path: Path,
                                                                   seed_index: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    cache = tmp_path / "cache"
    (cache / "other").mkdir(parents=True)
    (cache / "other" / "keep.txt").write_text("another program's file\n", encoding="utf-8")
    r = run_qa("index", "--corpus", str(corpus), "--index", str(cache / "qa" / "index-a"))
    assert r.returncode == 2 and "No article files" in r.stderr
    assert sorted(p.name for p in cache.iterdir()) == ["other"]  # "qa" was made, then removed
    assert (cache / "other" / "keep.txt").exists()

    # A folder it made that something else has written into meanwhile stays, with that file.
    made, index = cache / "qa", cache / "qa" / "index-b"
    index.mkdir(parents=True)
    Store(index, create=True).close()
    (made / "index-c").mkdir()
    drop_stub(index, made)
    assert not index.exists() and (made / "index-c").is_dir()

    # An index another writer holds, or one that stores articles, is never touched.
    index.mkdir()
    Store(index, create=True).close()
    with write_lock(index):
        drop_stub(index, made)
    assert (index / DB_NAME).exists()
    built = tmp_path / "built"
    shutil.copytree(seed_index, built)
    drop_stub(built, built)
    assert Store(built).counts()[0] == 3


def test_a_corpus_of_unreadable_files_with_no_index_says_so_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    for _ in range(2):  # the second time, over what the first left in the index folder
        r = run_qa("-q", "Who?", "--corpus", str(corpus), "--index", str(tmp_path / "i"))
        [line] = r.stderr.strip().splitlines()  # no "answering from it as it is": there is none
        assert r.returncode == 2 and line.startswith(f"qa: error: No article in {corpus} "), line


def test_a_corpus_of_unreadable_files_says_so_and_keeps_the_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.md").write_text("---\ntitle: Orla opens a plant\n---\nOrla Motors opened a "
                                    "plant in Velmora on Monday, hiring 300 people.\n")
    index = tmp_path / "i"
    assert run_qa("index", "--corpus", str(corpus), "--index", str(index)).returncode == 0
    (corpus / "news.md").write_bytes(b"\x00\x01binary\x00" * 50)  # the article is gone
    (corpus / "empty.txt").write_text("")
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
    [line] = r.stderr.strip().splitlines()  # one line, naming what was skipped and why
    assert r.returncode == 2 and line.startswith(f"qa: error: No article in {corpus} could be "
                                                 "read (2 files skipped: ")
    assert "binary file" in line and "--corpus DIR" in line
    r = run_qa("-q", "How many people will the Orla plant hire?", "--index", str(index),
               "--corpus", str(corpus))  # the previous index still answers, and says why
    assert r.returncode == 0 and "300 people" in r.stdout, r.stderr
    assert "could not update the index, answering from it as it is: No article in" in r.stderr
    (corpus / "empty.txt").unlink()  # a file over --max-bytes is never read: the same
    (corpus / "news.md").write_text("Orla Motors hires 300 people in Velmora. " * 20)
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index), "--max-bytes", "100")
    assert r.returncode == 2 and "over the 100-byte cap" in r.stderr, r.stderr
    r = run_qa("-q", "How many people will the Orla plant hire?", "--index", str(index),
               "--no-refresh")
    assert r.returncode == 0 and "300 people" in r.stdout


# --- 7. hostile questions and flags ----------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("-q", "Armenia", "--k", "-1"), ("-q", "Armenia", "--k", "1.5"),
    ("-q", "Armenia", "--k", ""), ("-q", "Armenia", "--k", "0x10"),
    ("-q", "Armenia", "--mode", "magic"), ("-q",), ("--k",), ("index", "--bogus"),
    ("index", "--k", "3"), ("-q", "Armenia", "--max-bytes", "0"),
    ("-q", "Armenia", "--max-bytes", "ten"), ("-q", "\x1b\x07\x7f \t"),
    ("-q", "Armenia", "--since", "2023-13-01"), ("-q", "Armenia", "--as-of", "yesterday"),
    ("-q", "Armenia", "--diversity", "2"), ("-q", "Armenia", "--diversity", "nan"),
    ("eval",), ("eval", "/nonexistent-beir-folder"),
    ("-q", "Armenia", "--since", "2024-01-01", "--until", "2020-01-01"),
])
def test_bad_flags_and_questions_exit_2(args: tuple[str, ...], seed_index: Path) -> None:
    r = run_qa(*args, "--index", str(seed_index))
    assert r.returncode == 2 and r.stdout == "", r.stderr
    [line] = r.stderr.strip().splitlines()  # one line, no usage block
    assert re.match(r"qa( index| eval)?: error: ", line), r.stderr
    assert "Traceback" not in r.stderr


def test_limits_no_article_meets_say_so(seed_index: Path) -> None:
    """Not an error (the question is fine), but the reply says which limits matched nothing,
    that --since leaves undated articles out, and lists no empty "closest passages"."""
    r = run_qa("-q", "Who is the ambassador?", "--since", "2090-01-01", "--index",
               str(seed_index))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Note: No article meets the limits (since 2090-01-01, undated "
                               "articles left out): widen or drop them.\nNot found:")
    assert "Closest passages" not in r.stdout
    r = run_qa("-q", "Who is the ambassador?", "--source", "Nobody", "--as-of", "2030-01-01",
               "--index", str(seed_index))
    assert r.stdout.startswith("Note: No article meets the limits (source Nobody, as of "
                               "2030-01-01): widen or drop them."), r.stdout
    r = run_qa("-q", "Who is the ambassador?", "--source", "Canadian", "--mode", "lexical",
               "--index", str(seed_index))  # limits some article meets: no such note
    assert "No article meets" not in r.stdout


def test_a_small_corpus_shows_all_it_has_unless_more_were_asked_for(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "fares.txt").write_text("Orla Ferries raises fares\n\nOrla Ferries raised its "
                                      "fares by a sixth on Monday.\n", encoding="utf-8")
    small = qa.open(corpus, index=tmp_path / "index")
    try:
        assert small.store.counts()[1] < DEFAULT_K
        assert not any(n.startswith("Only") for n in small.ask("Did Orla raise fares?").notes)
        asked = small.ask("Did Orla raise fares?", k=DEFAULT_K + 1).notes
        assert f"Only 1 passage in the index; asked for {DEFAULT_K + 1}." in asked
    finally:
        small.close()


def test_hostile_questions_are_answered_sensibly(bot: qa.Bot) -> None:
    total = bot.store.counts()[1]
    assert total + 1 <= MAX_K  # the seed index is small enough to ask for more than it holds
    answer = bot.ask("Armenia", k=total + 1)
    ids = [h.passage_id for h in answer.passages]
    assert len(ids) == len(set(ids)) == total and min(ids) >= 1  # no -1 ids, no repeats
    assert f"Only {total} passages in the index; asked for {total + 1}." in answer.notes
    for k in (10**30, MAX_K + 1, 0):
        with pytest.raises(InputError, match=f"k must be a whole number from 1 to {MAX_K}"):
            bot.ask("Armenia", k=k)
    noisy = bot.ask("Who is \x1b[31mCanada's\x07 foreign\x00 affairs \x9b minister?\u202e")
    assert noisy.text and "Melanie Joly" in noisy.text
    assert noisy.interpreted_as is not None and "\x1b" not in noisy.interpreted_as
    # A question pasted from a terminal, colours and a link included, is the same question.
    plain = bot.ask(JOLY)
    pasted = bot.ask("Who is \x1b[1;31mCanada's\x1b[0m foreign \x1b]8;;https://x.example\x07"
                     "affairs\x1b]8;;\x07 minister?")
    assert pasted.interpreted_as == JOLY and pasted.text == plain.text
    assert pasted.confidence == plain.confidence
    assert "Control characters were removed from the question." in pasted.notes
    for question in ("?" * 100, "\u00e9\u0301" * 3000, "\ud800 lone surrogate Armenia",
                     "SELECT * FROM passages; -- \" OR 1=1", 'NEAR("a" "b") AND * OR ^'):
        assert isinstance(bot.ask(question), qa.Answer)


def test_100kb_question_and_out_of_range_k_from_the_command_line(seed_index: Path) -> None:
    question = JOLY + " " + "Armenia border mission " * 4400  # ~100 KB
    assert len(question.encode()) > 100_000
    total = Store(seed_index).counts()[1]
    r = run_qa("-q", "-", "--index", str(seed_index), "--json", "--k", str(total + 1),
               stdin=question)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert any("cut" in n for n in out["notes"]) and out["passages"]
    spans = {(p["citation"]["path"], p["citation"]["start"]) for p in out["passages"]}
    assert len(spans) == len(out["passages"]) == total
    # A k past the limit is one line and exit 2, not a pool-by-pool matrix.
    r = run_qa("-q", "Armenia", "--index", str(seed_index), "--k", str(10**30))
    assert r.returncode == 2 and r.stdout == "", r.stderr
    [line] = r.stderr.strip().splitlines()
    assert f"k must be a whole number from 1 to {MAX_K}" in line and "Traceback" not in line


# --- 8. untrusted text is never interpreted ---------------------------------------------------

EVIL_HEADLINE = "Harbour [link=https://evil.example]news[/link] \x1b]8;;https://evil.example\x07"
EVIL_BODY = (
    "The harbour \x1b[2J reopened [bold red]today[/] after the storm \x9b31m passed. "
    "Visitors clicked [@click=app.quit]here[/] and \x1b]8;;https://evil.example\x07this "
    "link\x1b]8;;\x07 while the bell\x07 rang\x08\x08\x7f and [/] closed nothing.")


def evil_corpus(root: Path) -> Path:
    root.mkdir()
    (root / "evil\x1b[31m\x9b.txt").write_text(f"{EVIL_HEADLINE}\n\n{EVIL_BODY}\n")
    (root / "calm.txt").write_text(GOOD)
    return root


OUR_SGR = re.compile(rb"\x1b\[(?:0|1|2|1;33)m")
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")


def test_terminal_gets_only_qa_colours_never_article_controls(tmp_path: Path) -> None:
    corpus = evil_corpus(tmp_path / "corpus")
    out = run_in_pty([*QA, "-q", "When did the harbour reopen after the storm?", "--corpus",
                      str(corpus), "--index", str(tmp_path / "i"), "--k", "2"])
    assert OUR_SGR.search(out)  # it was a terminal: colour was on
    text = OUR_SGR.sub(b"", out).replace(b"\r", b"")
    assert not CONTROL.search(text), CONTROL.findall(text)
    assert b"[link=https://evil.example]news[/link]" in text  # markup shown as written
    assert b"[@click=app.quit]here[/]" in text and b"[bold red]today[/]" in text
    assert "evil\ufffd[31m\ufffd.txt".encode() in text  # the file name, neutered


def test_exports_carry_no_article_controls(tmp_path: Path, encoder: Encoder) -> None:
    from qa.export import export_session

    corpus = evil_corpus(tmp_path / "corpus")
    bot = Bot(corpus, tmp_path / "i", encoder)
    bot.refresh()
    answer = bot.ask("When did the harbour reopen after the storm?", k=2)
    md, js = export_session([answer], bot, tmp_path / "out" / "session.md")
    bot.close()
    for path in (md, js):
        raw = path.read_bytes()
        assert not CONTROL.search(raw), (path.name, CONTROL.findall(raw))
        assert b"\x1b" not in raw and b"[@click=app.quit]here[/]" in raw
    data = json.loads(js.read_text(encoding="utf-8"))
    texts = [p["text"] for t in data["turns"] for p in t["passages"]]
    assert EVIL_BODY in texts  # escaped in the file, exact once parsed


CHAT_EVIL = (
    "Harbour chat news\n\nThe harbour reopened on Monday \x1b]0;PWNED\x07 after the storm. "
    "Boats [@click=app.quit]left[/] at dawn \x1b]8;;https://evil.example\x07here\x1b]8;;\x07 "
    "and \x1b]52;c;cHduZWQ=\x07 the \x1b[31mRED flag \x9b32mGREEN came down [/] quietly.\n")


def test_chat_terminal_never_gets_article_controls(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "chat.txt").write_text(CHAT_EVIL)
    (corpus / "calm.txt").write_text(GOOD)
    index = tmp_path / "i"
    assert run_qa("index", "--corpus", str(corpus), "--index", str(index)).returncode == 0
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen([*QA, "chat", "--corpus", str(corpus), "--index", str(index)],
                            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
                            start_new_session=True)
    os.close(slave)
    out = bytearray()

    def read_until(done: Callable[[], bool], seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the app closed the terminal
                    return done()
                if not chunk:
                    return done()
                out.extend(chunk)
            if done():
                return True
        return done()

    try:
        assert read_until(lambda: b"2 articles" in out, 120), bytes(out[-2000:])
        start = len(out)
        os.write(master, b"When did the harbour reopen after the storm?\r")
        assert read_until(lambda: b"Monday" in out[start:], 120), bytes(out[-2000:])
        read_until(lambda: False, 1.5)
        os.write(master, b"\x11")  # Ctrl+Q
        read_until(lambda: proc.poll() is not None, 30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        os.close(master)
    shown = bytes(out).decode("utf-8", errors="replace")
    # The article's sequences never reach the terminal; their text is shown, neutered.
    for sequence in ("\x1b]0;PWNED", "\x1b]8;;https://evil", "\x1b]52;", "\x1b[31mRED",
                     "\x9b32m"):
        assert sequence not in shown, sequence
    # Every BEL ends one of Textual's own OSC sequences (the pointer shape, 22): no title,
    # link or clipboard sequence, and no bare BEL.
    oscs = re.findall(r"\x1b\](\d+);[^\x07\x1b]*\x07", shown)
    assert set(oscs) <= {"22"} and shown.count("\x07") == len(oscs), oscs
    assert "\ufffd]0;PWNED" in shown and "\ufffd[31mRED" in shown
    assert "[@click=app.quit]left[/]" in shown  # markup shown as written, and not acted on
    assert proc.returncode == 0


def test_json_and_index_summary_escape_every_control(tmp_path: Path) -> None:
    corpus = evil_corpus(tmp_path / "corpus")
    index = tmp_path / "i"
    r = subprocess.run([*QA, "index", "--corpus", str(corpus), "--index", str(index),
                        "--json"], capture_output=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0 and not CONTROL.search(r.stdout + r.stderr)
    r = subprocess.run([*QA, "-q", "When did the harbour reopen?", "--corpus", str(corpus),
                        "--index", str(index), "--json", "--k", "2"], capture_output=True,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0 and not CONTROL.search(r.stdout + r.stderr)
    out = json.loads(r.stdout)
    evil = next(p for p in out["passages"] if p["citation"]["path"].startswith("evil"))
    assert evil["text"] == EVIL_BODY  # escaped in JSON, exact once parsed
    assert evil["citation"]["path"] == "evil\x1b[31m\x9b.txt"
    bad = subprocess.run([*QA, "-q", "x", "--corpus", str(tmp_path / "no\x1b]0;pwned\x07"),
                          "--index", str(index)], capture_output=True, cwd=ROOT, timeout=300)
    assert bad.returncode == 2 and not CONTROL.search(bad.stderr)

