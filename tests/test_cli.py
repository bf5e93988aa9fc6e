"""The `qa` command as a user runs it: real subprocesses, real index."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import qa

from .conftest import QA, ROOT, SEEDS, run_in_pty, run_qa

JOLY = "Who is Canada's foreign affairs minister?"


def test_json_matches_the_api(seed_index: Path, bot: qa.Bot) -> None:
    r = run_qa("-q", JOLY, "--index", str(seed_index), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out == bot.ask(JOLY).to_dict()
    assert out["answer"]["rank"] == 1 and "Melanie Joly" in out["answer"]["text"]
    assert len(out["passages"]) == 5


def test_text_output_cites_sources(seed_index: Path) -> None:
    r = run_qa("--question", "Which minister suspended drone exports to Turkey?", "--index",
               str(seed_index), "--k", "2")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Answer: ") and "Champagne" in r.stdout.splitlines()[0]
    assert "[1] " in r.stdout and "[2] " in r.stdout and "[3] " not in r.stdout
    assert "2020-10-06 — ¶ 1 — 001_7a6b2ce8cf9b9deb.txt" in r.stdout
    assert "\x1b" not in r.stdout  # no colour when not a terminal


def test_not_found_says_so(seed_index: Path) -> None:
    r = run_qa("-q", "What is the capital of France?", "--index", str(seed_index))
    assert r.returncode == 0
    assert r.stdout.startswith("Not found:") and "Closest passages" in r.stdout


def test_words_that_ask_nothing_are_not_said_to_go_unanswered(seed_index: Path) -> None:
    # the note says nothing was asked; the "Not found" line agrees with it, and a question
    # the articles do not answer still gets the usual line
    r = run_qa("-q", "drone exports Turkey", "--index", str(seed_index))
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert "asks nothing" in lines[0]
    assert lines[1] == "Not found: nothing was asked, so nothing is answered."
    assert "do not answer this question" not in r.stdout


def test_question_from_stdin(seed_index: Path) -> None:
    r = run_qa("-q", "-", "--index", str(seed_index), "--json", stdin=JOLY + "\n")
    assert r.returncode == 0 and json.loads(r.stdout)["question"].strip() == JOLY


def test_bad_input_exits_2_with_one_line(seed_index: Path, tmp_path: Path) -> None:
    cases = [
        ("-q", "", "--index", str(seed_index)),
        ("-q", "   ", "--index", str(seed_index)),
        ("-q", "Armenia", "--k", "0", "--index", str(seed_index)),
        ("-q", "Armenia", "--k", "many", "--index", str(seed_index)),
        ("-q", "Armenia", "--corpus", str(tmp_path / "missing"), "--index", str(tmp_path / "i")),
        ("-q", "Armenia", "--index", str(tmp_path / "none"), "--no-refresh"),
        ("-q", "Armenia", "--bogus-flag"),
    ]
    for args in cases:
        r = run_qa(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert r.stdout == ""
        last = r.stderr.strip().splitlines()[-1]
        assert last.startswith("qa: error:") and "Traceback" not in r.stderr, r.stderr


def test_unreadable_index_exits_2(tmp_path: Path, seed_index: Path) -> None:
    index = tmp_path / "i"
    shutil.copytree(seed_index, index)
    (index / "qa.sqlite3").write_bytes(b"this is not a database" * 100)
    r = run_qa("-q", "Armenia", "--index", str(index), "--no-refresh")
    assert r.returncode == 2 and "qa index" in r.stderr and "Traceback" not in r.stderr


def test_index_json_and_no_refresh_stale(tmp_path: Path, bot: qa.Bot) -> None:
    n = bot.status().articles  # the seed corpus's articles, counted by its index
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = tmp_path / "i"
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index), "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["articles"], s["added"], s["updated"], s["removed"], s["unchanged"]) == (n, n, 0,
                                                                                     0, 0)
    assert s["passages"] > 3 and s["seconds"] > 0
    (corpus / "000_4d762a9f0bec231f.txt").unlink()
    r = run_qa("-q", "Armenia", "--corpus", str(corpus), "--index", str(index), "--no-refresh",
               "--json")
    assert r.returncode == 0 and "stale" in r.stderr
    assert json.loads(r.stdout)["passages"]
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 0 and "1 removed" in r.stdout and f"{n - 1} unchanged" in r.stdout


def test_help_and_version_do_not_load_torch() -> None:
    code = ("import sys; from qa import cli\n"
            "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    r = run_qa("--version")
    assert r.returncode == 0 and r.stdout.startswith("qa ")


def test_control_characters_in_articles_are_not_written_raw(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil\x1b[31m.txt").write_text(
        "Harbour \x1b]8;;http://x\x07news\n\nThe harbour \x1b[2J reopened [bold]today[/] "
        "after the storm \x9b31m passed.")
    r = run_qa("-q", "When did the harbour reopen?", "--corpus", str(corpus), "--index",
               str(tmp_path / "i"))
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\x9b" not in r.stdout
    assert "[bold]today[/]" in r.stdout


def test_subcommands_parse_their_own_options_and_refuse_ones_before_them(tmp_path: Path) -> None:
    from qa.cli import parse

    args = parse(["index", "--corpus", "c", "--json", "--rebuild"])
    assert (args.command, args.corpus, args.json, args.rebuild) == ("index", "c", True, True)
    args = parse(["eval", "d", "--k", "7"])
    assert (args.command, args.folder, args.k, args.mode) == ("eval", "d", 7, "hybrid")
    args = parse(["chat", "--k", "3", "--corpus", "c"])
    assert (args.command, args.k, args.corpus) == ("chat", 3, "c")
    args = parse(["-q", "index", "--k", "2"])  # a question may be a command's name
    assert (args.command, args.question, args.k) == (None, "index", 2)
    assert parse([]).command is None
    for argv, prog in [(["--json", "index"], "qa"), (["--corpus", "x", "chat"], "qa"),
                       (["index", "--k", "3"], "qa index"), (["eval"], "qa eval"),
                       (["frobnicate"], "qa")]:
        r = run_qa(*argv, "--index", str(tmp_path / "none"))
        assert r.returncode == 2 and r.stdout == "", (argv, r.stderr)
        assert r.stderr.startswith(f"{prog}: error: ") and r.stderr.count("\n") == 1, r.stderr
        assert f"See `{prog} --help`" in r.stderr


def test_colour_only_on_a_terminal_and_never_with_no_color(seed_index: Path) -> None:
    import os

    def in_terminal(env: dict[str, str]) -> bytes:
        return run_in_pty([*QA, "-q", JOLY, "--index", str(seed_index), "--k", "1"], env)

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"}
    coloured = in_terminal(env)
    assert b"\x1b[1mAnswer:\x1b[0m" in coloured and b"\x1b[1;33m" in coloured
    plain = in_terminal(env | {"NO_COLOR": "1"})
    assert b"\x1b" not in plain and b"Answer: " in plain
    assert b"\x1b" not in in_terminal(env | {"TERM": "dumb"})
    piped = run_qa("-q", JOLY, "--index", str(seed_index), "--k", "1")
    assert piped.stdout.split() == plain.decode().split()  # the same text (widths differ)


def test_passages_wrap_to_the_width_with_the_answer_marked(bot: qa.Bot) -> None:
    import re

    from qa.render import format_answer

    answer = bot.ask(JOLY, k=1)  # each passage marks its best sentence: one passage
    assert answer.text is not None
    for width in (100, 60):
        plain = format_answer(answer, color=False, width=width)
        body = [line for line in plain.splitlines() if line.startswith("    ")]
        assert body and all(len(line) <= width - 4 and line == line.rstrip() for line in body)
        coloured = format_answer(answer, color=True, width=width)
        assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
        marked = re.findall(r"\x1b\[1;33m(.*?)\x1b\[0m", coloured, flags=re.S)
        assert " ".join(m.strip() for m in marked) == answer.text

