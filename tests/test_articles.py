"""Reading and cleaning corpus files: the seed articles' real mess and other formats."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qa.articles import Article, parse_text, read, scan
from qa.cleaning import CHROME, iso_date
from qa.text import normalize

from .conftest import SEEDS, as_nobody


def load(root: Path) -> tuple[list[Article], list[str]]:
    stamps, notices = scan(root)
    articles, messages = [], [str(n) for n in notices]
    for stamp in stamps:
        got, more = read(root, stamp)
        articles.extend(got)
        messages.extend(str(n) for n in more)
    return articles, messages


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles, messages = load(SEEDS)
    assert messages == []
    return {a.path[:3]: a for a in articles}


def test_seed_000_date_line_and_credit(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    assert a.date == "2023-07-21"
    assert a.source == "The Canadian Press"
    assert a.body.startswith("Canada is sending two officials")
    assert "date 2023" not in a.body and "OTTAWA -" not in a.body
    assert "first published" not in a.body


@pytest.mark.parametrize("text", [
    "Flood forces thousands from Riverton\nBy Valley Herald\n2024-03-02\n\nAbout 6,500 people "
    "fled their homes.\n\nBy the end of the week the river fell.",
    "Flood forces thousands from Riverton\n\nBy Valley Herald\n\nMarch 2, 2024\n\nAbout 6,500 "
    "people fled their homes.\n\nBy the end of the week the river fell.",
    "Flood forces thousands from Riverton\n\nBy Valley Herald\n2024-03-02\n\nAbout 6,500 "
    "people fled their homes.\n\nBy the end of the week the river fell.",  # byline and date
])
def test_a_byline_and_a_date_line_under_the_headline_are_its_source_and_date(text: str) -> None:
    a = parse_text("a.txt", text, "digest")
    assert a is not None
    assert (a.headline, a.source, a.date) == ("Flood forces thousands from Riverton",
                                              "Valley Herald", "2024-03-02")
    assert a.body.startswith("About 6,500") and "By the end of the week" in a.body


def test_seed_001_date_runs_into_body(seeds: dict[str, Article]) -> None:
    a = seeds["001"]
    assert a.date == "2020-10-06"
    assert a.body.startswith("Canada on October 5 suspended")
    assert a.source is None  # the article names no publisher: never guessed


def test_seed_002_chrome_dropped(seeds: dict[str, Article]) -> None:
    a = seeds["002"]
    assert a.headline == ("NDP pressures Liberals to act on Nagorno-Karabakh crisis, "
                          "impose sanctions")
    assert a.date is None
    for chrome in ("Skip to main content", "Stay Connected", "W5", "Chuvalo", "Top Stories",
                   "With files from"):
        assert chrome not in a.body, chrome
    assert a.body.rstrip().endswith("naming Andrew Turner as Canada's new ambassador to Armenia.")
    assert a.source == "Reuters, The Canadian Press and The Associated Press"


def test_bbc_style_first_line_is_headline(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(
        "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner "
        "jumped 76%.\n\nThe firm benefited from sales.\n")
    [a], _ = load(tmp_path)
    assert a.headline == "Ad sales boost Time Warner profit"
    assert a.body.startswith("Quarterly profits")
    assert a.date is None and a.source is None


def test_markdown_front_matter(tmp_path: Path) -> None:
    (tmp_path / "m.md").write_text(
        "---\ntitle: Budget passes\ndate: 2024-03-05\nsource: Daily Planet\n---\n\n"
        "The budget passed on\nTuesday after a long debate.\n\nIt takes effect in May.\n")
    [a], _ = load(tmp_path)
    assert (a.headline, a.date, a.source) == ("Budget passes", "2024-03-05", "Daily Planet")
    assert a.body == "The budget passed on Tuesday after a long debate.\n\nIt takes effect in May."


def test_jsonl_records_beir_layout(tmp_path: Path) -> None:
    lines = [
        {"_id": "d1", "title": "", "text": "Protesters tried to storm the US embassy.",
         "metadata": {"source": "CNN", "date": "2020/01/03"}},
        {"id": "d2", "title": "Second", "text": "Another text."},
        "not an object",
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{bad json\n")
    articles, messages = load(tmp_path)
    assert [a.id for a in articles] == ["c.jsonl#d1", "c.jsonl#d2"]
    assert (articles[0].date, articles[0].source) == ("2020-01-03", "CNN")
    assert articles[0].headline.startswith("Protesters tried")
    assert articles[1].headline == "Second"
    assert len(messages) == 2 and all("skipped" in m for m in messages)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_jsonl_line_separators_inside_a_string_keep_the_record_whole(tmp_path: Path,
                                                                     separator: str) -> None:
    # Raw inside a string (JSON allows U+2028/9 and \x85; sloppy exports leave \x0b, \x0c),
    # str.splitlines() would cut the record in two.
    records = ['{"_id": "d1", "text": "First part.' + separator + 'Second part."}',
               '{"_id": "d2", "text": "Next record."}']
    (tmp_path / "c.jsonl").write_text("\r\n".join(records) + "\r\n", encoding="utf-8")
    articles, messages = load(tmp_path)
    assert messages == []
    assert [a.id for a in articles] == ["c.jsonl#d1", "c.jsonl#d2"]
    assert "First part." in articles[0].body and "Second part." in articles[0].body


def test_html_main_text(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(
        "<html><head><title>Mayor opens bridge | City News</title></head><body>"
        "<nav>Home | Sports | Weather</nav><article><h1>Mayor opens bridge</h1>"
        "<p>The mayor opened the new harbour bridge on Friday, three years after work began."
        " Thousands of residents walked across it in the first hour.</p>"
        "<p>The bridge cost 40 million dollars and carries two lanes of traffic.</p>"
        "</article><footer>Copyright City News</footer></body></html>")
    [a], _ = load(tmp_path)
    assert "Mayor opens bridge" in a.headline
    assert "harbour bridge" in a.body and "Home | Sports" not in a.body


def test_cp1252_file_is_decoded_and_reported(tmp_path: Path) -> None:
    raw = "Caf\u00e9 owners\n\nThe caf\u00e9 costs \u00a35."
    (tmp_path / "old.txt").write_bytes(raw.encode("cp1252"))
    [a], messages = load(tmp_path)
    assert "caf\u00e9 costs \u00a35" in a.body
    assert messages == ["old.txt: not valid UTF-8: decoded as cp1252"]


def test_empty_binary_and_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    articles, messages = load(tmp_path)
    assert articles == []
    assert sorted(messages) == ["bin.txt: skipped: binary file", "empty.txt: skipped: empty file"]


def test_links_outside_the_corpus_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret headline\n\nDo not index me.")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "leak.txt").symlink_to(outside)
    (root / "loop").symlink_to(root)
    (root / "ok.txt").write_text("Fine headline\n\nIndex me.")
    articles, messages = load(root)
    assert [a.path for a in articles] == ["ok.txt"]
    assert "leak.txt: skipped: link points outside the corpus" in messages
    assert any(m.startswith("loop:") for m in messages)


def test_link_swapped_after_the_walk_is_not_followed_outside(tmp_path: Path) -> None:
    root, outside = tmp_path / "corpus", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "real.txt").write_text("Inside headline\n\nFrom inside the corpus.")
    (outside / "secret.txt").write_text("Secret headline\n\nThe vault code is ZULU-7732.")
    (root / "link.txt").symlink_to(root / "real.txt")
    stamps, notices = scan(root)
    assert [s.path for s in stamps] == ["link.txt", "real.txt"] and notices == []
    (root / "link.txt").unlink()  # the race: swapped between the walk and the read
    (root / "link.txt").symlink_to(outside / "secret.txt")
    articles, more = read(root, stamps[0])
    assert articles == []
    assert [str(n) for n in more] == ["link.txt: skipped: link points outside the corpus"]
    # The same file read as the corpus itself is fine.
    corpus_file = outside / "secret.txt"
    [stamp], _ = scan(corpus_file)
    assert read(corpus_file, stamp)[0][0].headline == "Secret headline"


def test_size_cap(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Big\n\n" + "word " * 3000)
    stamps, notices = scan(tmp_path, max_bytes=1000)
    assert stamps == [] and "over the 1,000-byte cap" in str(notices[0])


def test_a_file_that_grew_past_the_cap_after_the_scan_is_not_read(tmp_path: Path) -> None:
    # --max-bytes is the one read cap: a file that grows between the scan and the read is
    # reported, not read whole (it was read up to 1 GB).
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"_id": "d1", "text": "Small."}) + "\n")
    [stamp], _ = scan(tmp_path, max_bytes=1000)
    with path.open("a") as f:
        f.write(json.dumps({"_id": "d2", "text": "word " * 1000}) + "\n")
    articles, notices = read(tmp_path, stamp)
    assert articles == []
    assert [str(n) for n in notices] == [
        "c.jsonl: skipped: over the 1,000-byte cap (raise it with --max-bytes)"]


def test_markdown_front_matter_is_yaml(tmp_path: Path) -> None:
    (tmp_path / "m.md").write_text(
        "---\ntitle: >-\n  It's official:\n  the budget passes\nheadline: ignored\n"
        "date: 2024-03-05  # the print edition\nsource: 'Planet''s Wire' # credit\n"
        "tags: [budget, tax]\n---\n\nThe budget passed on Tuesday.\n")
    [a], messages = load(tmp_path)
    assert messages == []
    assert (a.headline, a.date, a.source) == (
        "It's official: the budget passes", "2024-03-05", "Planet's Wire")
    assert a.body == "The budget passed on Tuesday."


@pytest.mark.parametrize("front", [
    "title: [unclosed\ndate: 2024-03-05",
    "title: !!python/object/apply:os.system ['echo pwned']",  # never run: safe_load only
    "just a line of text",
])
def test_bad_front_matter_is_reported_and_the_body_still_indexed(tmp_path: Path,
                                                                  front: str) -> None:
    (tmp_path / "m.md").write_text(f"---\n{front}\n---\n\nThe budget passed on Tuesday.\n")
    [a], messages = load(tmp_path)
    assert a.body == "The budget passed on Tuesday." and a.date is None
    assert len(messages) == 1 and messages[0].startswith("m.md: front matter ignored: ")
    assert "pwned" not in a.headline


def test_unreadable_file_is_reported() -> None:
    # Root reads every file: as root, the walk and the reads run as "nobody" instead.
    with tempfile.TemporaryDirectory() as name:
        corpus = Path(name)
        corpus.chmod(0o755)
        (corpus / "open.txt").write_text("Open headline\n\nAnyone can read this.")
        (corpus / "locked.txt").write_text("Locked headline\n\nNobody else can read this.")
        assert [a.path for a in load(corpus)[0]] == ["locked.txt", "open.txt"]
        (corpus / "locked.txt").chmod(0)
        with as_nobody():
            articles, messages = load(corpus)
    assert [a.path for a in articles] == ["open.txt"]
    assert messages == ["locked.txt: skipped: permission denied"]


@pytest.mark.parametrize("raw, iso", [
    ("2020-10-06", "2020-10-06"), ("2020/01/03", "2020-01-03"), ("2023-07-21T10:00:00Z",
     "2023-07-21"), ("July 21, 2023", "2023-07-21"), ("Sept. 21, 2023", "2023-09-21"),
    ("2023-02-30", None), ("yesterday", None), ("", None),
])
def test_iso_date(raw: str, iso: str | None) -> None:
    assert iso_date(raw) == iso


# --- property tests: the cleaner only removes, and what it keeps is well formed -------------

_word = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
                max_size=12)
_chrome = st.sampled_from([
    "Skip to main content", "Advertisement", "Share", "SHARE THIS ARTICLE", "Top Stories",
    "Stay Connected", "date 2023-07-21", "Date: 2020-10-06", "OTTAWA -",
    "This report by The Canadian Press was first published July 21, 2023.",
    "With files from Reuters", "", "   ", "\t", "\r", "\u00a0", "\x1b[2J", "# Heading",
    "---", "title: x", "e\u0301t\u00e9",
])
_line = st.one_of(_chrome, st.lists(_word, min_size=1, max_size=15).map(" ".join))
_raw = st.lists(_line, max_size=40).map("\n".join)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=300, deadline=None)
@given(_raw, st.booleans())
@example("Skip to main content\nTop Stories", False)  # once lost the whole article
@example("\x1b[2J\n\n#\x850\nTop Stories", True)  # a heading kept a U+0085 "space"
def test_cleaner_only_removes_and_keeps_paragraphs_well_formed(text: str, md: bool) -> None:
    article = parse_text("a.md" if md else "a.txt", text, "h", markdown=md)
    assert article == parse_text("a.md" if md else "a.txt", text, "h", markdown=md)
    if article is None:
        return
    body = article.body
    assert body and unicodedata.is_normalized("NFC", body)
    for para in body.split("\n\n"):
        assert para and para == " ".join(para.split())  # trimmed, single spaces, one line
        assert para.lower().strip(" .:") not in CHROME
    # Nothing is invented or reordered: the body's characters (spaces aside) appear in the
    # normalised input in the same order.
    source = normalize(text).replace("\u00a0", " ")
    assert _is_subsequence("".join(body.split()), "".join(source.split()))
    assert "\n" not in article.headline and article.headline == article.headline.strip()


@pytest.mark.parametrize("top, headline", [
    ("Skip to main content\nTop Stories", "Harbour reopens"),
    ("Skip to main content\nQuokka census", "Quokka census"),
    ("Top Stories\n\nSkip to main content", "Harbour reopens"),
])
def test_navigation_above_the_article_is_dropped_not_taken_for_its_end(top: str,
                                                                       headline: str) -> None:
    body = "The harbour of Halifax reopened on Monday after the storm."
    text = f"{top}\n\n{'' if 'Quokka' in top else 'Harbour reopens' + chr(10) * 2}{body}\n"
    article = parse_text("a.txt", text, "h")
    assert article is not None and article.body == body and article.headline == headline


_sentence = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10),
                     min_size=3, max_size=20).map(lambda ws: " ".join(ws).capitalize() + ".")
_paragraph = st.lists(_sentence, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_paragraph, min_size=1, max_size=8), st.sampled_from(["\n\n", "\n \n\t\n",
                                                                       "\r\n\r\n"]))
def test_cleaner_keeps_plain_prose_exactly(paragraphs: list[str], gap: str) -> None:
    article = parse_text("a.txt", gap.join(paragraphs), "h")
    assert article is not None and article.body == "\n\n".join(paragraphs)


def test_front_matter_with_an_unquoted_colon_is_read_line_by_line(tmp_path: Path) -> None:
    # Not valid YAML ("mapping values are not allowed here"), but how people write titles.
    (tmp_path / "m.md").write_text("---\ntitle: Riverton flood: residents evacuated\n"
                                   "date: 2024-03-03\nsource: Coastal Times\n---\n\n"
                                   "Officials said 6,500 people fled.\n")
    [a], messages = load(tmp_path)
    assert (a.headline, a.date, a.source) == ("Riverton flood: residents evacuated",
                                              "2024-03-03", "Coastal Times")
    assert messages == []
