"""Tests for tidings.ingest: decoding, cleaning, validation, HTML, JSONL, paths."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tidings.ingest import (
    InputError,
    boilerplate_patterns,
    clean_text,
    detect_language_ok,
    from_html,
    from_text,
    is_boilerplate,
    is_doubled,
    looks_like_html,
    make_id,
    normalize_date,
    read_bytes_as_text,
    read_jsonl,
    read_path,
    validate_article_text,
)
from tidings.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"

ENGLISH = (
    "The foreign ministers of Chile and Peru met in Lima on Tuesday and agreed to reopen "
    "the border crossing that was closed last month, officials said. The two governments "
    "also promised to hold talks on water rights in the desert region, according to a "
    "statement issued by the ministry in the capital."
)

CHINESE = (
    "中国外交部发言人周二表示，中方愿与各方一道，继续推动地区和平与稳定。"
    "双方在会谈中就双边关系和共同关心的国际与地区问题深入交换了意见，"
    "并同意加强在经贸、人文等领域的交流与合作。"
) * 3

FRENCH = (
    "Les ministres des affaires étrangères du Chili et du Pérou se sont réunis mardi à Lima "
    "et ont convenu de rouvrir le poste frontière qui avait été fermé le mois dernier, ont "
    "indiqué des responsables. Les deux gouvernements ont également promis de tenir des "
    "discussions sur les droits de l'eau dans la région désertique, selon un communiqué."
)


GERMAN = (
    "Die Außenminister von Chile und Peru trafen sich am Dienstag in Lima und vereinbarten, "
    "den Grenzübergang wieder zu öffnen, der im vergangenen Monat geschlossen worden war, "
    "teilten Beamte in Lima mit. Die beiden Regierungen versprachen außerdem, Gespräche über "
    "Wasserrechte in der Wüstenregion zu führen, hieß es in einer Erklärung des Ministeriums "
    "in der Hauptstadt. Was die Minister in Lima sagten, war wichtig."
)


def one_line(err: InputError) -> str:
    message = str(err)
    assert message, "empty error message"
    assert "\n" not in message and "\r" not in message, message
    return message


def raises_input_error(func: Callable[[], object]) -> str:
    with pytest.raises(InputError) as info:
        func()
    return one_line(info.value)


# ----------------------------------------------------------------- plain-text cleaning


def test_scraped_article_title_boilerplate_and_captions() -> None:
    raw = (FIXTURES / "scraped_article.txt").read_text(encoding="utf-8")
    title, body = clean_text(raw)
    assert title == "Canada Backs Mexico Trade Pledge “Fully”"
    assert not body.startswith("Canada Backs")
    assert title not in body
    assert body.startswith("Foreign ministers meet in Ottawa")
    for junk in (
        "Advertisement",
        "Share this",
        "Sign up",
        "Follow us",
        "All rights reserved",
        "©",
        "Add new comment",
        "comment policy",
        "Ministers shake hands",  # the caption printed twice
    ):
        assert junk not in body, junk
    # the repeated paragraph is kept once
    assert body.count("Ortiz thanked Canada") == 1
    # the indented sub-heading is its own paragraph, not glued to a sentence
    assert "\n\nTariff Worries\n\nBefore the meeting" in body
    # paragraphs are separated by exactly one blank line; no stray spaces
    assert "\n\n\n" not in body
    assert all(p == p.strip() and p for p in body.split("\n\n"))
    assert body.endswith("officials said.")


@pytest.mark.shared
def test_shared_example_article() -> None:
    from tests.conftest import shared_file

    path = shared_file("examples/us_japan_alliance.txt")
    article = from_text(path.read_text(encoding="utf-8"), date="2017-02-03")
    assert article.title == "US Backs Japan Alliance “100%”"
    assert "Shinzo Abe meet in Tokyo" not in article.text  # the doubled caption
    assert "comment" not in article.text.casefold()
    assert "\n\nN. Korea Nuclear Threat\n\n" in article.text
    assert article.text.endswith("cutting the conversation short.")


def test_clean_text_normalises_whitespace_and_invisibles() -> None:
    raw = (
        "Leaders Meet\r\n\r\n\r\n"
        "The\u200b  leaders\tof\u00a0Chile\x07 and\ufeff Peru met.\r\n\r\n\r\n\r\n"
        "They agreed\u00ad on talks.\r"
    )
    title, body = clean_text(raw)
    assert title == "Leaders Meet"
    assert body == "The leaders of Chile and Peru met.\n\nThey agreed on talks."


def test_title_needs_short_unpunctuated_first_line_followed_by_blank() -> None:
    assert clean_text("Ministers met on Monday.\n\nThey talked.")[0] is None
    assert clean_text("Ministers Meet\nThey talked on Monday.")[0] is None
    assert clean_text(("Long " * 50) + "\n\nBody text here.")[0] is None
    assert clean_text("Only A Heading")[0] is None  # nothing else: kept as the body
    title, body = clean_text("Ministers Meet\n\nThey talked on Monday.")
    assert (title, body) == ("Ministers Meet", "They talked on Monday.")


def test_known_title_overrides_and_is_not_repeated() -> None:
    title, body = clean_text(
        "Talks Resume\nTalks resume\nThe sides met.", known_title="Talks Resume"
    )
    assert title == "Talks Resume"
    assert body == "The sides met."


def test_doubled_caption_detection() -> None:
    assert is_doubled("Leaders meet in Lima, Peru, on May 3Leaders meet in Lima, Peru, on May 3")
    assert is_doubled("Leaders meet in Lima. Leaders meet in Lima.")
    assert not is_doubled("ha ha")
    assert not is_doubled("Leaders meet in Lima and leaders meet in Quito.")
    _, body = clean_text("A photo caption hereA photo caption here\n\nThe sides met.")
    assert body == "The sides met."


def test_boilerplate_patterns_load_and_spare_article_sentences() -> None:
    assert len(boilerplate_patterns()) >= 20
    for line in (
        "Add new comment",
        "Read our comment policy before posting your viewpoints",
        "Leave a comment",
        "Share on Facebook",
        "Sign up for our newsletter",
        "Subscribe",
        "ADVERTISEMENT",
        "Related articles",
        "Click here to read more",
        "© 2017 Example News Ltd",
        "Copyright 2017 Example News. All rights reserved.",
        "This website uses cookies to improve your experience.",
        "Follow us on Twitter",
    ):
        assert is_boilerplate(line), line
    for line in (
        "Share prices fell sharply in Tokyo on Monday, traders said.",
        "Subscribers to the plan include Japan and South Korea.",
        "N. Korea Nuclear Threat",
        "The minister said he would follow the advice of the council.",
        "Copyright law is changing in the European Union",
    ):
        assert not is_boilerplate(line), line


def test_lone_surrogates_and_nuls_are_dropped() -> None:
    article = from_text(
        "Talks \ud800Resume\n\n" + ENGLISH.replace("Lima", "Li\x00ma\udc00"), id="a\ud800b"
    )
    assert article.title == "Talks Resume"
    assert "Lima" in article.text
    assert article.id == "ab"
    article.text.encode("utf-8")


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    raw = (
        "The foreign ministers of Chile and Peru met in Lima on Tuesday and\n"
        "agreed to reopen the border crossing that was closed last month,\n"
        "officials said after the meeting.\n"
        "\n"
        "The two governments also promised to hold talks on water rights in\n"
        "the desert region, according to a statement issued by the ministry\n"
        "in the capital on Tuesday evening.\n"
    )
    _, body = clean_text(raw)
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 2
    assert (
        paragraphs[0].startswith("The foreign ministers") and "Tuesday and agreed" in paragraphs[0]
    )


# ----------------------------------------------------------------- articles from text


def test_from_text_builds_article_with_default_id() -> None:
    article = from_text("Talks Resume\n\n" + ENGLISH, date="2019-03-05", source="x.txt")
    assert isinstance(article, Article)
    assert article.title == "Talks Resume"
    assert article.text == ENGLISH
    assert re.fullmatch(r"sha1:[0-9a-f]{16}", article.id)
    assert article.id == make_id(ENGLISH)
    assert article.date == "2019-03-05"
    assert article.source == "x.txt"
    again = from_text(ENGLISH)
    assert again.id == article.id  # same body, same id
    assert from_text(ENGLISH, id="mine").id == "mine"
    assert from_text(ENGLISH, title="Given").title == "Given"


@pytest.mark.parametrize("bad", ["2019-3-5", "05/03/2019", "2019-02-30", "yesterday", "20190305"])
def test_bad_dates_are_input_errors(bad: str) -> None:
    message = raises_input_error(lambda: from_text(ENGLISH, date=bad))
    assert "YYYY-MM-DD" in message


def test_date_normalisation() -> None:
    assert normalize_date(None) is None
    assert normalize_date("2017-02-03") == "2017-02-03"
    assert normalize_date("2017-02-03T10:15:00Z") == "2017-02-03"
    message = raises_input_error(lambda: normalize_date(20170203))
    assert "must be a string" in message


def test_language_detection() -> None:
    assert detect_language_ok(ENGLISH)
    assert detect_language_ok("Chile and Peru reopen border")
    assert not detect_language_ok(CHINESE)
    assert not detect_language_ok(FRENCH)
    assert not detect_language_ok(GERMAN)  # many "in": passes the 4% share alone
    assert not detect_language_ok("12345 67890")
    message = raises_input_error(lambda: from_text(CHINESE))
    assert message.startswith("text does not look like English (")
    assert message.endswith("tidings codes English news")
    raises_input_error(lambda: from_text(FRENCH))


def test_validate_article_text_limits() -> None:
    validate_article_text(ENGLISH)
    message = raises_input_error(lambda: validate_article_text(ENGLISH, max_chars=100))
    assert "100" in message and "--max-chars" in message
    assert "empty" in raises_input_error(lambda: validate_article_text("  \n "))
    assert "empty" in raises_input_error(lambda: from_text("Advertisement\n\nShare this\n"))


# ----------------------------------------------------------------- bytes to text


def test_utf8_and_bom() -> None:
    assert read_bytes_as_text("Café talks".encode()) == "Café talks"
    assert read_bytes_as_text(codecs.BOM_UTF8 + "Café talks".encode()) == "Café talks"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec: str) -> None:
    text = "Chile and Perú met on Tuesday, officials said.\n"
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert read_bytes_as_text(bom + text.encode(codec)) == text
    assert read_bytes_as_text(text.encode(codec)) == text
    assert read_bytes_as_text(text.encode("utf-16")) == text  # native order with BOM


def test_latin1_text_falls_back() -> None:
    data = "The café in Zürich reopened, the mayor said — “good news”.".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert read_bytes_as_text(data) == "The café in Zürich reopened, the mayor said — “good news”."
    assert read_bytes_as_text("Señor Pérez".encode("latin-1")) == "Señor Pérez"


def test_undecodable_bytes_are_not_utf8_error() -> None:
    data = bytes(range(0x80, 0x100)) * 8 + b"\x01\x02\x03abc"
    message = raises_input_error(lambda: read_bytes_as_text(data))
    assert message.startswith("input is not UTF-8 text")


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (gzip.compress(ENGLISH.encode()), "gzip"),
        (_zip_bytes(), "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(30), "JPEG"),
        (b"abc\x00\x01\x02\x00\x00\xff\x00\x10def" * 10, "NUL"),
    ],
)
def test_binary_input_is_refused(data: bytes, what: str) -> None:
    message = raises_input_error(lambda: read_bytes_as_text(data))
    assert message.startswith("input is binary")
    assert what in message
    assert ".txt" in message or "decompress" in message or "unpack" in message


def test_png_message_is_the_documented_one() -> None:
    message = raises_input_error(lambda: read_bytes_as_text(b"\x89PNG\r\n\x1a\n" + bytes(20)))
    assert message == (
        "input is binary (looks like a PNG image), not text: give a .txt, .html or .jsonl file"
    )


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n\n"])
def test_empty_input(data: bytes) -> None:
    assert raises_input_error(lambda: read_bytes_as_text(data)).startswith("empty input")


def test_oversize_input_names_the_limit() -> None:
    message = raises_input_error(lambda: read_bytes_as_text(b"a" * 1001, max_bytes=1000))
    assert "1,000" in message and "--max-bytes" in message


def test_input_error_is_value_error_and_one_line() -> None:
    err = InputError("bad\nthing\r\n  here", source="f.txt", line=3, article_id="x")
    assert isinstance(err, ValueError)
    assert str(err) == "bad thing here"
    assert (err.source, err.line, err.article_id) == ("f.txt", 3, "x")
    prefixed = err.prefixed("line 3: ")
    assert str(prefixed) == "line 3: bad thing here"
    assert (prefixed.source, prefixed.line, prefixed.article_id) == ("f.txt", 3, "x")


# ----------------------------------------------------------------- HTML


def test_html_page_gives_body_only_and_metadata() -> None:
    html = (FIXTURES / "article_page.html").read_text(encoding="utf-8")
    assert looks_like_html(html)
    article = from_html(html, source="page.html")
    assert article.title == "Estonia and Finland Sign Ferry Deal"
    assert article.date == "2020-06-18"
    assert article.url == "https://courier.example/news/2020/06/ferry-deal"
    assert article.source == "page.html"
    body = article.text
    assert body.startswith("The transport ministers of Estonia and Finland signed")
    assert "Border Checks" in body
    assert "20,000 crossings" in body
    assert article.title not in body
    for junk in (
        "Home",
        "Subscribe",
        "Related articles",
        "Rail Baltica",
        "ticket prices",  # a reader comment
        "old schedule",  # a reader comment
        "All rights reserved",
        "cookies",
        "Follow us",
        "Share on Facebook",
    ):
        assert junk not in body, junk
    assert "\n\n\n" not in body


def test_html_explicit_metadata_wins() -> None:
    html = (FIXTURES / "article_page.html").read_text(encoding="utf-8")
    article = from_html(html, date="2020-06-19", url="https://mirror.example/x", id="p1")
    assert (article.id, article.date, article.url) == (
        "p1",
        "2020-06-19",
        "https://mirror.example/x",
    )


def test_html_date_comes_from_markup_not_from_the_story() -> None:
    html = (
        "<html><head><title>Ferry Deal</title></head><body><article><h1>Ferry Deal</h1>"
        f"<p>{ENGLISH} The deal was first proposed on June 17, 2015.</p>"
        "</article><footer>© 2020 Courier</footer></body></html>"
    )
    article = from_html(html)
    assert article.title == "Ferry Deal"
    assert article.date is None
    assert article.text.startswith("The foreign ministers")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing</title><script>var x = 1;</script></head><body></body></html>",
        "<html><body>" + "<div>" * 50_000 + "<p>" + ENGLISH + "</p>" + "</div>" * 50_000,
        "<html><body>" + "<span><b>" * 30_000 + ENGLISH,
    ],
    ids=["no-text", "deep-div", "deep-unclosed"],
)
def test_html_without_text_or_too_deep_is_input_error(html: str) -> None:
    raises_input_error(lambda: from_html(html))


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 100_000 + "<p>" + ENGLISH + "</p>" + "</div>" * 100_000,
        "<html><body>" + "<div>" * 254 + "<p>" + ENGLISH + "</p>" + "</div>" * 254,
        "<html><body>" + "<span><b>" * 30_000 + ENGLISH,
    ],
    ids=["100k", "just-past-the-limit", "unclosed"],
)
def test_html_too_deep_names_the_nesting_not_a_missing_text(html: str) -> None:
    """lxml drops elements deeper than 255 levels, text and all: say so (issue 5)."""
    message = raises_input_error(lambda: from_html(html))
    assert message.startswith("the HTML is nested too deeply to parse"), message


def test_html_nested_within_the_limit_is_read() -> None:
    html = "<html><body>" + "<div>" * 240 + "<p>" + ENGLISH + "</p>" + "</div>" * 240
    assert from_html(html).text == ENGLISH


def test_runs_of_marks_are_cut_and_long_runs_broken() -> None:
    """spaCy's tokenizer takes time quadratic in a run of quotes, commas, emoji... (issue 5)."""
    from tidings.ingest.clean import MAX_MARK_RUN, MAX_RUN

    raw = (ENGLISH + ' "' + '"' * 9_999 + " ,,,,;;;;____😀😀😀😀!!!!!?? said the minister. "
           + "'s" * 5_000 + " end. https://example.org/a-long-story-of-thirty-chars")
    _, body = clean_text(raw)
    assert body.startswith(ENGLISH)
    assert max(len(r) for r in re.findall(r"(?:[^\w\s]|_)+", body)) <= MAX_MARK_RUN
    assert max(len(w) for w in body.split()) <= MAX_RUN
    assert "said the minister." in body and body.endswith("https://example.org/a-long-story-of-thirty-chars")
    _, kept = clean_text('He said: "Enough!" ... (really?) -- and left.')
    assert kept == 'He said: "Enough!" ... (really?) -- and left.'


def test_ten_thousand_quotation_marks_are_cut_before_coding(coder) -> None:
    """spaCy's tokenizer is quadratic in a run of punctuation (10,000 marks took 6-18 s):
    the run is cut before anything is tokenised, and the article's events still code."""
    from tidings.ingest.clean import MAX_MARK_RUN

    article = from_text(ENGLISH + "\n\n" + '"' * 9_999 + "\u201d\n\n" + ENGLISH.replace("Lima", "Quito"))
    assert max(len(r) for r in re.findall(r"(?:[^\w\s]|_)+", article.text)) <= MAX_MARK_RUN
    rec = coder.code(article)
    assert rec.events


def test_html_with_no_text_message() -> None:
    message = raises_input_error(
        lambda: from_html(
            "<html><head><style>p {}</style></head><body><img src='x.png'></body></html>"
        )
    )
    assert message.startswith("no article text found in the HTML")


def test_looks_like_html() -> None:
    assert looks_like_html("<!doctype html><html><body><p>x</p></body></html>")
    assert looks_like_html("\ufeff  <html lang='en'><body>x</body></html>")
    assert looks_like_html("<div><p>One</p><p>Two</p><p>Three</p></div>")
    assert not looks_like_html(ENGLISH)
    assert not looks_like_html("He typed <b> into the box and the <i> tag too.\n\nMore text.")


# ----------------------------------------------------------------- JSONL


def test_jsonl_good_and_bad_lines() -> None:
    items = list(read_jsonl(FIXTURES / "batch.jsonl"))
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [a.id for a in articles] == ["a1", "a7"]
    assert [e.line for e in errors] == [3, 4, 5, 6, 7, 9]
    for err in errors:
        assert one_line(err).startswith(f"line {err.line}: ")
        assert err.source is not None and err.source.endswith("batch.jsonl")
    assert [e.article_id for e in errors] == [None, None, "a4", "a5", "a6", None]
    by_line = {e.line: str(e) for e in errors}
    assert "not valid JSON" in by_line[3]
    assert "expected a JSON object, got array" in by_line[4]
    assert '"text" or "html"' in by_line[5]
    assert "must be a string" in by_line[6]
    assert "not a real calendar date" in by_line[7]
    assert "truncated" in by_line[9]
    first, page = articles
    assert first.title == "Border Reopens"
    assert (first.date, first.url) == ("2018-04-02", "https://wire.example/a1")
    assert page.title == "Leaders Meet in Buenos Aires"
    assert page.date == "2018-04-06"
    assert page.text.startswith("The president of Brazil met")


def test_jsonl_from_lines_with_defaults_and_title_override() -> None:
    lines = [
        '{"text": "Old Headline\\n\\n' + ENGLISH + '", "title": "New Headline"}\n',
        "\n",
        '{"text": "' + ENGLISH + '", "date": "2001-01-01", "id": 7}\n',
        b'{"text": "caf\xe9"}\n',
        '{"text": "' + CHINESE + '"}\n',
    ]
    items = list(read_jsonl(lines, date="2019-01-01", url="https://default.example"))
    assert len(items) == 4
    one, three, four, five = items
    assert isinstance(one, Article) and one.title == "New Headline"
    assert one.text == ENGLISH and one.date == "2019-01-01"
    assert one.url == "https://default.example"
    assert isinstance(three, Article) and (three.id, three.date) == ("7", "2001-01-01")
    assert isinstance(four, InputError) and str(four).startswith("line 4: not UTF-8")
    assert isinstance(five, InputError) and str(five).startswith("line 5: text does not look like")


def test_jsonl_binary_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(gzip.compress(b'{"text": "x"}\n'))
    assert "gzip" in raises_input_error(lambda: read_jsonl(path))


# ----------------------------------------------------------------- paths, dirs, stdin


def test_read_path_single_files() -> None:
    (text_article,) = list(read_path(FIXTURES / "scraped_article.txt", date="2019-03-12"))
    assert isinstance(text_article, Article)
    assert text_article.title == "Canada Backs Mexico Trade Pledge “Fully”"
    assert text_article.date == "2019-03-12"
    assert text_article.source is not None and text_article.source.endswith("scraped_article.txt")
    (page,) = list(read_path(FIXTURES / "article_page.html"))
    assert isinstance(page, Article) and page.date == "2020-06-18"
    items = list(read_path(FIXTURES / "batch.jsonl"))
    assert sum(isinstance(i, Article) for i in items) == 2


def test_read_path_missing_and_bad_files(tmp_path: Path) -> None:
    message = raises_input_error(lambda: read_path(tmp_path / "nope.txt"))
    assert message.startswith("no such file: ")
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert "PNG" in raises_input_error(lambda: read_path(png))
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300)
    assert "--max-bytes" in raises_input_error(lambda: read_path(big, max_bytes=1000))
    assert "YYYY-MM-DD" in raises_input_error(lambda: read_path(big, date="March 3"))


def test_read_path_html_by_content(tmp_path: Path) -> None:
    path = tmp_path / "saved_page"
    path.write_text((FIXTURES / "article_page.html").read_text(encoding="utf-8"), encoding="utf-8")
    (page,) = list(read_path(path))
    assert isinstance(page, Article) and page.title == "Estonia and Finland Sign Ferry Deal"


def test_read_path_directory(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("First Story\n\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text(ENGLISH + " Extra words.", encoding="utf-8")
    (tmp_path / "b" / "d.jsonl").write_text('{"text": "' + ENGLISH + '"}\nnot json\n')
    (tmp_path / "b" / "e.txt").write_text(CHINESE, encoding="utf-8")
    (tmp_path / ".secret.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / ".hidden" / "f.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "notes.md").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "z.html").write_bytes(b"\x1f\x8b\x08\x00garbage")
    items = list(read_path(tmp_path))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Article", "Article", "Article", "InputError", "InputError", "InputError"]
    assert items[0].source is not None and items[0].source.endswith("a.txt")
    assert isinstance(items[0], Article) and items[0].title == "First Story"
    errors = [item for item in items if isinstance(item, InputError)]
    assert "d.jsonl: line 2: not valid JSON" in str(errors[0])
    assert errors[0].line == 2
    assert "e.txt: text does not look like English" in str(errors[1])
    assert "z.html: input is binary" in str(errors[2])
    for err in errors:
        one_line(err)


def test_read_path_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(ENGLISH, encoding="utf-8")
    assert "no input files" in raises_input_error(lambda: read_path(tmp_path))


@pytest.mark.parametrize(
    ("data", "expected_title"),
    [
        (("Talks Resume\n\n" + ENGLISH).encode(), "Talks Resume"),
        ((FIXTURES / "article_page.html").read_bytes(), "Estonia and Finland Sign Ferry Deal"),
        (('{"text": "' + ENGLISH + '", "title": "From JSON"}\n').encode(), "From JSON"),
        (("Talks Resume\n\n" + ENGLISH).encode("utf-16"), "Talks Resume"),
    ],
    ids=["text", "html", "jsonl", "utf16"],
)
def test_read_path_stdin(data: bytes, expected_title: str) -> None:
    (item,) = list(read_path("-", stdin=io.BytesIO(data)))
    assert isinstance(item, Article)
    assert item.title == expected_title


def test_read_path_stdin_binary() -> None:
    message = raises_input_error(lambda: read_path("-", stdin=io.BytesIO(b"%PDF-1.4\n...")))
    assert "PDF" in message


def test_count_items_for_the_progress_bar(tmp_path):
    from tidings.ingest.readers import count_items

    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "d" / "b.html").write_text("<p>Two.</p>", encoding="utf-8")
    (tmp_path / "n.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{broken\n', encoding="utf-8")
    assert count_items([tmp_path / "d", tmp_path / "n.jsonl"]) == 5
    (tmp_path / "f.rss").write_text("<rss/>", encoding="utf-8")
    assert count_items([tmp_path / "f.rss"]) is None
    assert count_items(["-"]) is None
    assert count_items([tmp_path / "n.jsonl"], budget_bytes=4) is None


# -- one record never stops a run ------------------------------------------------------------


def _ingest_cli(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "tidings.cli", "ingest", *args],
                          capture_output=True, text=True, timeout=600)


def test_poison_fields_in_jsonl_cost_only_their_own_record(tmp_path) -> None:
    """A malformed URL and a lone surrogate in "source" used to abort the whole ingest
    (0 stored), on every rerun; now each article is stored (the URL kept, no site) and
    duplicate ids in one run are errors, counted, never silently dropped or mixed."""
    from tidings.store import Store

    story = "Peru and Chile agreed on Tuesday to reopen their border crossings, officials said."
    lines = [
        {"id": "bad-url", "text": story, "url": "http://[badipv6/x", "date": "2024-01-02"},
        {"id": "surrogate", "text": story.replace("Peru", "Bolivia"), "source": "wire \ud800 feed",
         "date": "2024-01-03"},
        {"id": "twice", "text": story.replace("Peru", "Ecuador"), "source": "first", "date": "2024-01-04"},
        {"id": "twice", "text": "Kenya criticised Egypt over the dam.", "source": "second", "date": "2024-01-05"},
        {"id": " twice\u0000", "text": "Sudan criticised Egypt over the dam.", "source": "third"},
    ]
    src = tmp_path / "poison.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    db = tmp_path / "p.duckdb"
    res = _ingest_cli(str(src), "--db", str(db))
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    assert "3 articles added" in res.stderr and "2 errors" in res.stderr, res.stderr
    with Store(db, read_only=True) as s:
        rows = dict(s.con.execute("SELECT id, source || ' | ' || coalesce(site, '-') || ' | ' || text "
                                  "FROM articles").fetchall())
        errors = s.con.execute("SELECT article_id, source, reason FROM errors ORDER BY source").fetchall()
    assert rows["bad-url"].split(" | ")[1] == "-"
    assert "\ud800" not in rows["surrogate"] and rows["surrogate"].startswith("wire")
    assert rows["twice"].startswith("first | ") and "Ecuador" in rows["twice"]
    assert [e[1] for e in errors] == ["second", "third"]
    assert all("duplicate id 'twice'" in e[2] and "(first)" in e[2] for e in errors)
    again = _ingest_cli(str(src), "--db", str(db))  # a rerun: the same, nothing twice
    assert again.returncode == 0 and "0 articles added" in again.stderr, again.stderr
    with Store(db, read_only=True) as s:
        assert s.stats()["articles"] == 3 and s.stats()["errors"] == 2


def test_a_record_the_store_cannot_hold_is_an_error_row_and_the_batch_is_kept(tmp_path) -> None:
    from dataclasses import replace

    from tidings.model import Failure
    from tidings.store import Store

    good = [from_text(ENGLISH.replace("Lima", city), id=f"a{i}", date="2024-01-02")
            for i, city in enumerate(("Quito", "Cusco", "Arica"))]
    records = [replace(Coder_record(a), title=None) for a in good]
    bad = replace(records[1], title="broken \udc80 title")  # a value Arrow cannot encode
    with Store(tmp_path / "s.duckdb") as s:
        added = s.add([records[0], bad, records[2]], [Failure(None, "x.jsonl:9", "line 9: not JSON")])
        assert added.articles == 2
        assert [f.article_id for f in added.failures] == ["a1"] and added.failures[0].stage == "store"
        ids = {r[0] for r in s.con.execute("SELECT id FROM articles").fetchall()}
        reasons = [r[0] for r in s.con.execute("SELECT reason FROM errors ORDER BY reason").fetchall()]
    assert ids == {"a0", "a2"}
    assert reasons[0].startswith("could not be stored") and reasons[1] == "line 9: not JSON"


def Coder_record(article):  # noqa: N802
    from tidings.model import ArticleRecord

    return ArticleRecord(article.id, article.title, article.date, article.url, article.text)


# -- pipes and devices: one bounded reader ---------------------------------------------------


def test_a_fifo_with_no_writer_is_an_error_not_a_hang(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TIDINGS_READ_IDLE", "0.5")
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="nothing arrived for 0.5 s"):
        list(read_path(fifo))


def test_a_fifo_whose_writer_comes_late_is_read(tmp_path) -> None:
    """Read before the writer opens the FIFO, a non-blocking read sees end-of-file: the
    reader waits for the pipe to become readable first."""
    import threading
    import time

    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(0.5)
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(ENGLISH)

    writer = threading.Thread(target=write)
    writer.start()
    items = list(read_path(fifo))
    writer.join(timeout=30)
    assert isinstance(items[0], Article) and "Lima" in items[0].text


def test_a_pipe_is_read_once_through_the_bounded_reader(tmp_path) -> None:
    """Like process substitution: a writer feeds a pipe; the format sniff and the read
    share one pass over it (sniffing used to eat the first bytes)."""
    import threading

    from tidings.ingest.readers import count_items

    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    lines = [json.dumps({"id": f"p{i}", "text": ENGLISH.replace("Lima", c)}) for i, c in
             enumerate(("Quito", "Cusco", "Arica"))]

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")

    assert count_items([fifo]) is None  # no ETA, and nothing drained
    writer = threading.Thread(target=write)
    writer.start()
    items = list(read_path(fifo))
    writer.join(timeout=30)
    assert [a.id for a in items] == ["p0", "p1", "p2"]


def test_devices_stop_at_the_byte_limit(tmp_path) -> None:
    for dev in ("/dev/zero", "/dev/urandom"):
        with pytest.raises(InputError, match="gave more than 1,000 bytes"):
            list(read_path(dev, max_bytes=1000))


def test_a_fifo_in_a_folder_is_skipped_with_an_error(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    items = list(read_path(tmp_path))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], InputError) and "a pipe, not a regular file" in str(items[1])


def test_text_inside_a_template_is_not_coded() -> None:
    html = ("<html><body><article><p>Peru and Chile agreed on Tuesday to reopen their border "
            "crossings after talks in Lima, officials said.</p><template><p>Russia attacked Ukraine "
            "with missiles on Monday, killing many people in Kyiv.</p></template><p>The two "
            "governments will meet again in June to review trade.</p></article></body></html>")
    article = from_html(html)
    assert "Peru and Chile" in article.text and "June" in article.text
    assert "Russia" not in article.text


PAGE = ("<html><head><title>Talks resume</title>"
        '<meta property="article:published_time" content="2023-12-07T09:00:00Z"></head><body><article>'
        "<h1>Talks resume</h1><p>Japanese Prime Minister Fumio Kishida met Chinese President Xi "
        "Jinping in Beijing on Tuesday, and the two leaders agreed to resume talks on trade.</p>"
        "<p>Officials from both countries said the next round would be held in Tokyo.</p>"
        "</article></body></html>")


def test_date_is_a_default_the_pages_own_date_wins(tmp_path):
    from tidings.ingest import read_path

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    (art,) = list(read_path(page, date="2024-05-01"))
    assert art.date == "2023-12-07"
    undated = tmp_path / "undated.html"
    undated.write_text(PAGE.replace('<meta property="article:published_time" content="2023-12-07T09:00:00Z">', ""),
                       encoding="utf-8")
    (art,) = list(read_path(undated, date="2024-05-01"))
    assert art.date == "2024-05-01"
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps({"id": "a", "html": PAGE}) + "\n"
                     + json.dumps({"id": "b", "html": PAGE, "date": "2022-01-02"}) + "\n", encoding="utf-8")
    assert [a.date for a in read_path(lines, date="2024-05-01")] == ["2023-12-07", "2022-01-02"]


def test_a_page_decodes_with_the_charset_it_declares():
    from tidings.ingest.decode import read_bytes_as_text

    page = ('<html><head><meta charset="iso-8859-2"><title>Protest w Łodzi</title></head><body>'
            "<p>Mieszkańcy Łodzi protestowali w sobotę.</p></body></html>")
    assert "Łodzi" in read_bytes_as_text(page.encode("iso-8859-2"))
    old = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250">'
           "</head><body><p>Łódź</p></body></html>")
    assert "Łódź" in read_bytes_as_text(old.encode("cp1250"))
    # a declaration the bytes do not fit falls back as before
    wrong = '<meta charset="utf-16"><p>caf\xe9</p>'.encode("latin-1")
    assert "café" in read_bytes_as_text(wrong)
