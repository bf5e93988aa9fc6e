"""PDF, Word and EPUB files: read into articles whose citations name the page or chapter;
damaged, encrypted, image-only and oversized files are one notice each, never a crash.

Every file is made here, with a real writer of the format (fpdf2, python-docx, ebooklib,
pypdf for encryption): no binary fixtures."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import qa
from qa import formats
from qa.articles import FileStamp, Notice, parse_text, read, section_at, section_starts
from qa.formats import Skip

from .conftest import run_qa

FERRY = "When did the ferry to Bell Island resume service?"
PAGES = [
    "The harbour at Port Elgin reopened on Monday after a week of storm repairs, the port "
    "authority said. Crews removed fallen trees from the access road and inspected the "
    "breakwater before the first boats came in.",
    "The ferry to Bell Island resumed service on Tuesday morning. The operator said the first "
    "crossing carried forty cars and that the timetable would be back to normal by the "
    "weekend.",
    "Fishing boats returned to the harbour on Wednesday. Local fishers said the lobster season "
    "would open a week late because of the storm.",
]
LIBRARY = "Which library branch will the town council close?"
LAMP = "When was the lighthouse lamp converted to solar power?"


# --- making files ----------------------------------------------------------------------------


def make_pdf(pages: list[str], title: str | None = "Storm recovery on the coast",
             image_only: bool = False) -> bytes:
    """A PDF with one page per text (its metadata: title, author, creation date)."""
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
        pdf.set_author("Coast Courier")
    pdf.set_creation_date(dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.timezone.utc))
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if image_only:
            from PIL import Image

            pdf.image(Image.new("RGB", (60, 40), "gray"), x=20, y=20, w=120)
        else:
            pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def encrypted(raw: bytes, user_password: str) -> bytes:
    """The PDF encrypted with pypdf: an empty user password opens without one."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(title: str = "", heading: str | None = "Library branch to close",
              table: bool = False) -> bytes:
    """A Word file: an opening Title paragraph, body paragraphs, core properties."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title, props.author = title, "Dana Reporter"
    props.created = dt.datetime(2024, 2, 1, 8, 0)
    props.modified = dt.datetime(2025, 6, 30, 8, 0)
    if heading:
        document.add_paragraph(heading, style="Title")
    document.add_paragraph("The town council voted on Thursday to close the Maple Street "
                           "library branch next spring to save money.")
    document.add_paragraph("Residents said they would petition the council to keep it open.")
    if table:
        grid = document.add_table(rows=2, cols=2)
        for r, row in enumerate([("Branch", "Visits"), ("Maple Street", "12,000")]):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_epub(chapters: list[tuple[str, str]]) -> bytes:
    """An EPUB 3 book (with a nav document in the spine) of (heading, paragraph) chapters."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("lighthouse-1")
    book.set_title("Keepers of the Light")
    book.set_language("en")
    book.add_author("Sam Writer")
    book.add_metadata("DC", "publisher", "Harbour Press")
    book.add_metadata("DC", "date", "2023-11-20")
    items = []
    for n, (heading, text) in enumerate(chapters, start=1):
        item = epub.EpubHtml(title=heading, file_name=f"text/ch{n}.xhtml", lang="en")
        item.content = f"<h1>{heading}</h1><p>{text}</p>"
        book.add_item(item)
        items.append(item)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    out = io.BytesIO()
    epub.write_epub(out, book)
    return out.getvalue()


CHAPTERS = [
    ("The keeper's house", "The keeper's house stands on the north point, and its walls are "
                           "two feet thick against the winter gales."),
    ("The lamp", "The lighthouse lamp was converted to solar power in 1998, and the last "
                 "keeper left the island two years later."),
]


def read_file(tmp_path: Path, name: str, raw: bytes) -> tuple[list, list[Notice]]:
    """articles.read on one file written to a fresh corpus folder."""
    corpus = tmp_path / "c"
    corpus.mkdir(exist_ok=True)
    path = corpus / name
    path.write_bytes(raw)
    st = path.stat()
    return read(corpus, FileStamp(name, st.st_size, st.st_mtime_ns))


def skip_message(suffix: str, raw: bytes) -> str:
    docs, problems = formats.read(suffix, raw)
    assert docs == [] and len(problems) == 1
    return problems[0]


# --- sections: offsets in the clean body -----------------------------------------------------


def test_section_starts_follow_cleaning() -> None:
    """Offsets point into the clean body though cleaning joined lines, dropped the headline,
    a chrome line and a whole page; an identical paragraph on two pages goes to each its own."""
    sections = (("page 1", "Storm recovery\n\nThe harbour\nreopened on Monday.\n\nSame note."),
                ("page 2", "Share\n\nAdvertisement"),
                ("page 3", "Share\n\nThe ferry resumed on Tuesday.\n\nSame note."),
                ("page 4", "Boats returned on Wednesday."))
    article = parse_text("a.pdf", "\n\n".join(t for _, t in sections), "h")
    assert article is not None and article.headline == "Storm recovery"
    starts = section_starts(article.body, sections)
    assert [label for _, label in starts] == ["page 1", "page 3", "page 4"]
    body = article.body
    assert [body[o:o + 12] for o, _ in starts] == ["The harbour ", "The ferry re", "Boats return"]
    same = [i for i in range(len(body)) if body.startswith("Same note.", i)]
    assert [section_at(starts, i) for i in same] == ["page 1", "page 3"]


def test_section_starts_with_a_date_prefix_and_a_glued_promo() -> None:
    """The first paragraph loses a date prefix and the last a promo glued to its end: both
    still find their section."""
    sections = (("page 1", "Date: 2024-03-05 The harbour reopened on Monday after repairs."),
                ("page 2", "The ferry resumed on Tuesday, the operator said. Related Stories"))
    article = parse_text("a.pdf", "\n\n".join(t for _, t in sections), "h",
                                     headline="Storm")
    assert article is not None and article.date == "2024-03-05"
    assert article.body.endswith("the operator said.")
    starts = section_starts(article.body, sections)
    assert starts == ((0, "page 1"), (article.body.index("The ferry"), "page 2"))


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_pages_become_sections_and_metadata_the_fields(tmp_path: Path) -> None:
    articles, notices = read_file(tmp_path, "storm.pdf", make_pdf(PAGES))
    assert notices == [] and len(articles) == 1
    a = articles[0]
    assert (a.headline, a.source, a.date) == ("Storm recovery on the coast", "Coast Courier",
                                              "2024-03-05")
    assert [label for _, label in a.sections] == ["page 1", "page 2", "page 3"]
    page2 = a.sections[1][0]
    assert a.body[page2:].startswith("The ferry to Bell Island resumed service")
    assert a.section_at(a.body.index("forty cars")) == "page 2"
    assert "\n" not in a.body.split("\n\n")[0]  # the PDF's lines are joined into paragraphs


def test_pdf_lines_become_paragraphs() -> None:
    """A much shorter line ends a paragraph, a hyphen-broken word is joined, page numbers
    go."""
    from qa.formats.pdf import _page_text

    page = ("Harbour news\nThe storm closed the harbour for a week while crews made recon-\n"
            "structions to the breakwater and the long pier near the ferry dock.\n"
            "The pier is open.\n3\n")
    assert _page_text(page) == ("Harbour news\n\nThe storm closed the harbour for a week while "
                                "crews made reconstructions to the breakwater and the long pier "
                                "near the ferry dock.\nThe pier is open.")


def test_pdf_without_metadata_takes_its_headline_from_the_text() -> None:
    (doc,), problems = formats.read("pdf", make_pdf(PAGES[:1], title=None))
    assert problems == [] and doc.headline is None and doc.source is None


def test_pdf_with_only_an_owner_password_is_read() -> None:
    """Printing restrictions (an owner password, no user password) do not stop reading."""
    (doc,), problems = formats.read("pdf", encrypted(make_pdf(PAGES), user_password=""))
    assert problems == [] and [label for label, _ in doc.sections] == ["page 1", "page 2",
                                                                      "page 3"]


def test_bad_pdfs_are_one_notice_each() -> None:
    good = make_pdf(PAGES)
    assert skip_message("pdf", encrypted(good, "secret")).startswith(
        "skipped: the PDF is encrypted (it needs a password to open): save an unlocked copy")
    assert skip_message("pdf", good[: len(good) // 2]).startswith("skipped: damaged PDF (")
    assert skip_message("pdf", b"%PDF-1.7\n" + os.urandom(2000)).startswith(
        "skipped: damaged PDF (")
    assert skip_message("pdf", make_pdf(PAGES[:2], image_only=True)) == (
        "skipped: no text in the PDF (scanned images?): run OCR on it first (e.g. ocrmypdf) "
        "and index the result")


def test_pdf_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_SECTIONS pages the rest is left, with a note saying so."""
    monkeypatch.setattr("qa.formats.pdf.MAX_SECTIONS", 2)
    (doc,), problems = formats.read("pdf", make_pdf(PAGES))
    assert [label for label, _ in doc.sections] == ["page 1", "page 2"]
    assert problems == ["read the first 2 of 3 pages (the cap on pages per file): split the "
                        "PDF to index the rest"]


def test_pdf_text_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("qa.formats.pdf.MAX_TEXT_CHARS", len(PAGES[0]) + 50)
    (doc,), problems = formats.read("pdf", make_pdf(PAGES))
    assert [label for label, _ in doc.sections] == ["page 1"]
    assert problems[0].startswith("read the first 1 of 3 pages: the text is over")


# --- Word ------------------------------------------------------------------------------------


def test_docx_title_paragraph_is_the_headline_and_core_properties_the_fields() -> None:
    (doc,), problems = formats.read("docx", make_docx(table=True))
    assert problems == []
    assert (doc.headline, doc.source, doc.date) == ("Library branch to close", "Dana Reporter",
                                                   "2024-02-01")  # created, not modified
    assert doc.text.split("\n\n") == [
        "The town council voted on Thursday to close the Maple Street library branch next "
        "spring to save money.",
        "Residents said they would petition the council to keep it open.",
        "Branch | Visits", "Maple Street | 12,000"]
    assert doc.sections == ()


def test_docx_core_title_wins_and_placeholders_are_ignored() -> None:
    (doc,), _ = formats.read("docx", make_docx(title="Maple Street branch vote"))
    assert doc.headline == "Maple Street branch vote"
    assert doc.text.startswith("Library branch to close\n\n")  # a different heading stays text
    (doc,), _ = formats.read("docx", make_docx(title="Word Document", heading=None))
    assert doc.headline is None  # then cleaning takes the first sentence


def test_bad_docx_files_are_one_notice_each(monkeypatch: pytest.MonkeyPatch) -> None:
    assert skip_message("docx", os.urandom(3000)).startswith("skipped: damaged Word .docx (")
    assert skip_message("docx", make_docx()[:1500]).startswith("skipped: damaged Word .docx (")
    assert skip_message("docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)) == (
        "skipped: an old binary Office file, not a Word .docx: save it as Word .docx and index "
        "that")
    not_word = io.BytesIO()
    with zipfile.ZipFile(not_word, "w") as z:
        z.writestr("hello.txt", "not a Word document")
    assert skip_message("docx", not_word.getvalue()).startswith(
        "skipped: damaged or not a Word document (")
    monkeypatch.setattr("qa.formats.zipped.MAX_UNZIPPED", 1_000_000)
    assert skip_message("docx", bomb("word/document.xml")).startswith(
        "skipped: the Word .docx unpacks to 2,000,000 bytes, over the 1,000,000-byte cap")


def bomb(name: str) -> bytes:
    """A zip whose one entry of 2,000,000 zero bytes packs into a few kilobytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, bytes(2_000_000))
    assert len(out.getvalue()) < 10_000
    return out.getvalue()


# --- EPUB ------------------------------------------------------------------------------------


def test_epub_chapters_become_sections_and_dublin_core_the_fields(tmp_path: Path) -> None:
    articles, notices = read_file(tmp_path, "light.epub", make_epub(CHAPTERS))
    assert notices == [] and len(articles) == 1
    a = articles[0]
    assert (a.headline, a.source, a.date) == ("Keepers of the Light", "Harbour Press",
                                              "2023-11-20")
    assert [label for _, label in a.sections] == ["chapter 1: The keeper's house",
                                                  "chapter 2: The lamp"]
    assert a.body.startswith("The keeper's house\n\n")  # the nav document is not a chapter
    assert a.section_at(a.body.index("solar power")) == "chapter 2: The lamp"


def test_epub_labels() -> None:
    from qa.formats.epub import _label

    assert _label(3, None) == "chapter 3"
    assert _label(3, "Chapter Two: At sea") == "Chapter Two: At sea"
    assert _label(1, "A " + "very " * 30 + "long title").endswith("very…")


def test_bad_epubs_are_one_notice_each(monkeypatch: pytest.MonkeyPatch) -> None:
    good = make_epub(CHAPTERS)
    assert skip_message("epub", os.urandom(3000)).startswith("skipped: damaged EPUB (")
    assert skip_message("epub", good[: len(good) // 2]).startswith("skipped: damaged EPUB (")
    drm = rezip(good, {"META-INF/encryption.xml": (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData>'
        '<enc:CipherReference URI="EPUB/text/ch2.xhtml"/></enc:CipherData></enc:EncryptedData>'
        "</encryption>")})
    assert skip_message("epub", drm) == (
        "skipped: the EPUB is encrypted (DRM): export an unprotected copy to index it")
    (doc,), problems = formats.read("epub", rezip(good, drop="EPUB/text/ch1.xhtml"))
    assert [label for label, _ in doc.sections] == ["chapter 1: The lamp"]
    assert problems == ["1 chapter file is missing from the EPUB (damaged?): save a fresh copy "
                        "to index all of it"]
    monkeypatch.setattr("qa.formats.zipped.MAX_UNZIPPED", 1_000_000)
    big = rezip(good, {"EPUB/text/ch2.xhtml": bytes(2_000_000)})
    assert skip_message("epub", big).startswith("skipped: the EPUB unpacks to over 1,000,000")


def rezip(raw: bytes, replace: dict[str, str | bytes] | None = None,
          drop: str | None = None) -> bytes:
    """The zip with entries replaced or added, and one dropped."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != drop and info.filename not in replace:
                dst.writestr(info, src.read(info))
        for name, data in replace.items():
            dst.writestr(name, data)
    return out.getvalue()


def test_metadata_that_a_program_filled_in_is_no_field() -> None:
    values = ["Microsoft Word - storm.docx", "Untitled", "Microsoft Office User", " ", None,
              "Harbour\nnews", "Microsoft Word - Harbour news"]
    assert [formats.meta_text(v) for v in values] == [None, None, None, None, None,
                                                      "Harbour news", "Harbour news"]


def test_a_skip_never_escapes_read() -> None:
    """formats.read turns a reader's Skip into the file's one problem."""
    with pytest.raises(Skip):
        from qa.formats.epub import read as read_epub

        read_epub(b"not a zip")
    assert formats.read("epub", b"not a zip")[1][0].startswith("skipped: damaged EPUB")


# --- end to end, with the real model ---------------------------------------------------------


@pytest.fixture(scope="module")
def formats_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[qa.Bot]:
    """A real index of one PDF, one Word file and one EPUB."""
    corpus = tmp_path_factory.mktemp("formats") / "corpus"
    corpus.mkdir()
    (corpus / "storm.pdf").write_bytes(make_pdf(PAGES))
    (corpus / "library.docx").write_bytes(make_docx())
    (corpus / "light.epub").write_bytes(make_epub(CHAPTERS))
    bot = qa.open(corpus, index=corpus.parent / "index")
    yield bot
    bot.close()


def test_a_pdf_answer_cites_its_page(formats_bot: qa.Bot) -> None:
    hit = formats_bot.ask(FERRY).passages[0]
    assert hit.citation.path == "storm.pdf" and hit.citation.section == "page 2"
    assert "Bell Island" in hit.text
    assert hit.to_dict()["citation"]["section"] == "page 2"
    assert "— page 2 —" in str(hit.citation)


def test_a_docx_answer_cites_its_title_author_and_date(formats_bot: qa.Bot) -> None:
    hit = formats_bot.ask(LIBRARY).passages[0]
    c = hit.citation
    assert (c.path, c.title, c.source, c.date) == ("library.docx", "Library branch to close",
                                                   "Dana Reporter", "2024-02-01")
    assert c.section is None and "section" not in hit.to_dict()["citation"]


def test_an_epub_answer_cites_its_chapter(formats_bot: qa.Bot) -> None:
    hit = formats_bot.ask(LAMP).passages[0]
    assert hit.citation.path == "light.epub"
    assert hit.citation.section == "chapter 2: The lamp"
    assert hit.to_dict()["citation"]["section"] == "chapter 2: The lamp"


def test_cli_indexes_good_files_and_reports_each_bad_one(tmp_path: Path) -> None:
    """The real `qa index --json`: exit 0, one stderr line per bad file, the good ones indexed
    and answered with their page."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    good = make_pdf(PAGES)
    files = {"storm.pdf": good, "library.docx": make_docx(), "light.epub": make_epub(CHAPTERS),
             "locked.pdf": encrypted(good, "secret"), "cut.pdf": good[: len(good) // 2],
             "scan.pdf": make_pdf(PAGES[:1], image_only=True),
             "junk.docx": os.urandom(2000), "junk.epub": os.urandom(2000)}
    for name, raw in files.items():
        (corpus / name).write_bytes(raw)
    r = run_qa("index", "--corpus", str(corpus), "--index", str(index), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["articles"] == 3
    lines = sorted(r.stderr.splitlines())
    assert [line.split(":")[1].strip() for line in lines] == [
        "cut.pdf", "junk.docx", "junk.epub", "locked.pdf", "scan.pdf"], r.stderr
    assert all(line.startswith(f"qa: {name}: skipped: ") for line, name in zip(
        lines, ["cut.pdf", "junk.docx", "junk.epub", "locked.pdf", "scan.pdf"], strict=True))
    assert "the PDF is encrypted" in lines[3] and "no text in the PDF" in lines[4]
    r = run_qa("-q", FERRY, "--corpus", str(corpus), "--index", str(index), "--no-refresh",
               "--json")
    assert r.returncode == 0, r.stderr
    top = json.loads(r.stdout)["passages"][0]["citation"]
    assert (top["path"], top["section"]) == ("storm.pdf", "page 2")


def test_a_book_keeps_the_text_after_a_line_a_web_page_would_end_at() -> None:
    """"More from the archive" ends a web page's article (a promo footer), not a book's."""
    from qa.cleaning import clean

    text = ("The Lamp\n\nThe keeper lit the lamp at dusk.\n\nMore from the archive\n\n"
            "At dawn the fishing boats came home and the keeper slept.")
    web = clean(text)
    book = clean(text, web=False)
    assert web is not None and book is not None
    assert "fishing boats" not in web.body
    assert "fishing boats" in book.body and "More from the archive" in book.body


def test_a_file_that_gives_no_article_is_reported_at_every_run(tmp_path: Path) -> None:
    """Not only when it changes: the summary of an unchanged corpus still names it."""
    from tests.conftest import SEEDS, run_qa

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "garbage.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    runs = [run_qa("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"),
                   "--json") for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr
        assert r.stderr.startswith("qa: garbage.docx: skipped: damaged Word .docx")
    assert json.loads(runs[1].stdout)["unchanged"] == 3
    (corpus / "garbage.docx").unlink()
    r = run_qa("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert r.returncode == 0 and "garbage" not in r.stderr
