"""WARC web archives: one article per HTML/text capture, broken records skipped one by one."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest

from tidings.ingest import InputError, read_path
from tidings.ingest.warc import WarcStats, read_warc
from tidings.model import Article

ACCORD = (
    "Chile and Peru signed a fishing accord in Lima on Monday, officials said. The two "
    "governments agreed to share patrol data along the maritime border and to hold further "
    "talks in the autumn, the foreign ministry said in a statement."
)
PROTEST = (
    "Bolivia protested to Chile on Wednesday over water rights in the Silala basin, the "
    "foreign ministry in La Paz said. The government summoned the Chilean consul and asked "
    "for an explanation of the new wells near the border."
)
TALKS = (
    "Kenya and Uganda held talks in Nairobi on Friday about the disputed island of Migingo. "
    "The two delegations agreed to set up a joint survey team and to meet again next month, "
    "a Kenyan official told reporters after the meeting."
)


def page(title: str, text: str, *, nav: str = "Home | World | Sport", meta_date: str = "") -> bytes:
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav>{nav}</nav><article><h1>{title}</h1><p>{text}</p><p>{text}</p></article>"
        f"<footer>Copyright 2024 Example Wire</footer></body></html>"
    ).encode()


def http(body: bytes, *, status: str = "200 OK", ctype: str = "text/html; charset=utf-8",
         headers: str = "") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{headers}"
    if "Transfer-Encoding" not in headers:
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def record(kind: str, uri: str, block: bytes, rid: str, *,
           ctype: str = "application/http; msgtype=response",
           date: str | None = "2024-05-14T09:00:00Z", length: int | None = None) -> bytes:
    lines = [f"WARC-Type: {kind}", f"WARC-Record-ID: <urn:uuid:{rid}>"]
    if date:
        lines.append(f"WARC-Date: {date}")
    if uri:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"Content-Type: {ctype}", f"Content-Length: {len(block) if length is None else length}"]
    return ("WARC/1.0\r\n" + "\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def response(n: int, text: str = ACCORD, title: str = "Fishing accord signed", **kw) -> bytes:
    return record("response", f"https://news.example/{n}", http(page(title, text)), f"r{n}", **kw)


def crawl() -> list[bytes]:
    """A small crawl: warcinfo, request, two HTML pages, an image, a 404, a text resource."""
    return [
        record("warcinfo", "", b"software: test-crawler\r\nformat: WARC/1.0\r\n", "info",
               ctype="application/warc-fields"),
        record("request", "https://news.example/1", b"GET /1 HTTP/1.1\r\nHost: news.example\r\n\r\n",
               "q1", ctype="application/http; msgtype=request"),
        response(1),
        record("response", "https://news.example/logo.png",
               http(b"\x89PNG\r\n\x1a\n" + bytes(200), ctype="image/png"), "img"),
        record("response", "https://news.example/gone", http(b"<html>gone</html>", status="404 Not Found"),
               "404"),
        record("metadata", "https://news.example/1", b"via: https://news.example/\r\n", "meta",
               ctype="application/warc-fields"),
        response(2, PROTEST, "Bolivia protests"),
        record("resource", "https://news.example/3.txt", ("Talks on Migingo\n\n" + TALKS).encode(), "res",
               ctype="text/plain; charset=utf-8"),
    ]


def write(path: Path, records: list[bytes], how: str = "plain") -> Path:
    if how == "plain":
        path.write_bytes(b"".join(records))
    elif how == "members":
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
    else:  # one gzip stream for the whole file
        path.write_bytes(gzip.compress(b"".join(records)))
    return path


def split(items: list) -> tuple[list[Article], list[InputError]]:
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)])


@pytest.mark.parametrize("how", ["plain", "members", "stream"])
def test_one_article_per_html_or_text_capture(tmp_path, how):
    path = write(tmp_path / ("crawl.warc" if how == "plain" else "crawl.warc.gz"), crawl(), how)
    stats = WarcStats()
    articles, errors = split(list(read_warc(path, stats=stats)))
    assert errors == []
    assert [a.url for a in articles] == [
        "https://news.example/1", "https://news.example/2", "https://news.example/3.txt"]
    assert [a.source for a in articles] == [a.url for a in articles]
    assert [a.id for a in articles] == ["urn:uuid:r1", "urn:uuid:r2", "urn:uuid:res"]
    assert all(a.date == "2024-05-14" for a in articles)  # WARC-Date: the pages show none
    assert articles[0].title == "Fishing accord signed" and "maritime border" in articles[0].text
    assert "Copyright" not in articles[0].text and "Home |" not in articles[0].text
    assert articles[2].title == "Talks on Migingo" and "Migingo" in articles[2].text
    assert stats.records == 8 and stats.articles == 3
    assert stats.skipped == {"warcinfo": 1, "request": 1, "metadata": 1,
                             "content type image/png": 1, "HTTP status 404": 1}
    # the same file again gives the same ids: re-ingesting it is idempotent
    assert [a.id for a in split(list(read_path(path)))[0]] == [a.id for a in articles]


def test_recrawl_of_one_url_gets_its_own_id(tmp_path):
    first = record("response", "https://news.example/1", http(page("Accord", ACCORD, nav="Home")), "a")
    again = record("response", "https://news.example/1",
                   http(page("Accord", ACCORD, nav="Home | Live: markets")), "b")
    articles, _ = split(list(read_warc(write(tmp_path / "c.warc", [first, again]))))
    assert [a.url for a in articles] == ["https://news.example/1"] * 2
    assert articles[0].id != articles[1].id


@pytest.mark.parametrize("coding", ["gzip", "deflate", "none"])
def test_chunked_and_compressed_bodies(tmp_path, coding):
    body = page("Accord", ACCORD)
    headers = "Transfer-Encoding: chunked\r\n"
    if coding == "gzip":
        body, headers = gzip.compress(body), headers + "Content-Encoding: gzip\r\n"
    elif coding == "deflate":
        body, headers = zlib.compress(body), headers + "Content-Encoding: deflate\r\n"
    chunks = [body[i : i + 100] for i in range(0, len(body), 100)]
    chunked = b"".join(b"%x;ext=1\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
    rec = record("response", "https://news.example/c", http(chunked, headers=headers), "c")
    (article,) = read_warc(write(tmp_path / "c.warc.gz", [rec], "members"))
    assert isinstance(article, Article), article
    assert article.text.startswith("Chile and Peru")


def test_charset_from_http_header_and_dates(tmp_path):
    text = ACCORD.replace("Lima", "Lima (Perú)").replace("officials", "“officials”")
    body = page("Accord", text, meta_date="2024-05-10").decode().encode("cp1252")
    rec = record("response", "https://news.example/e",
                 http(body, ctype="text/html; charset=ISO-8859-1"), "e")
    plain = ("Talks on Migingo\n\n" + TALKS).encode()
    no_warc_date = record("response", "https://news.example/t", http(
        plain, ctype="text/plain", headers="Last-Modified: Sun, 12 May 2024 08:00:00 GMT\r\n"),
        "t", date=None)
    articles, errors = split(list(read_warc(write(tmp_path / "e.warc", [rec, no_warc_date]))))
    assert errors == []
    assert "Lima (Perú)" in articles[0].text and "“officials”" in articles[0].text
    assert articles[0].date == "2024-05-10"  # the page's own date wins over the WARC-Date
    assert articles[1].date == "2024-05-12"  # Last-Modified when there is no WARC-Date


BREAKAGES = {
    "bad header line": lambda: response(2).replace(b"WARC-Type: response", b"WARC-Type response"),
    "no Content-Length": lambda: response(2).replace(b"Content-Length:", b"Content-Lenght:", 1),
    "length too long": lambda: record("response", "https://news.example/2",
                                      http(page("Protest", PROTEST)), "r2", length=len(http(page("Protest", PROTEST))) + 40),
    "length too short": lambda: record("response", "https://news.example/2",
                                       http(page("Protest", PROTEST)), "r2", length=300),
    "garbage": lambda: b"this is not a WARC record\r\nneither is this\r\n",
}


@pytest.mark.parametrize("how", ["plain", "members", "stream"])
@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_broken_record_in_the_middle_is_one_error(tmp_path, breakage, how):
    records = [response(1), BREAKAGES[breakage](), response(3, TALKS, "Border talks")]
    items = list(read_warc(write(tmp_path / "b.warc.gz", records, how)))
    articles, errors = split(items)
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/3"]
    assert len(errors) == 1, errors
    message = str(errors[0])
    assert "\n" not in message and "byte" in message
    assert ("after record 1" if breakage == "garbage" else "record 2 at byte") in message
    if breakage != "garbage":
        assert errors[0].article_id == "urn:uuid:r2" or breakage == "bad header line"


def test_content_length_beyond_the_end_of_the_file(tmp_path):
    last = record("response", "https://news.example/2", http(page("P", PROTEST)), "r2",
                  length=10_000_000)
    articles, errors = split(list(read_warc(write(tmp_path / "t.warc", [response(1), last]))))
    assert len(articles) == 1 and len(errors) == 1
    assert "record 2 at byte" in str(errors[0]) and "the file ends" in str(errors[0])


@pytest.mark.parametrize("how", ["plain", "members", "stream"])
def test_swallowing_content_length_on_a_skipped_record_resyncs(tmp_path, how):
    big_image = record("response", "https://news.example/big.png",
                       http(bytes(2_000_000), ctype="image/png"), "img", length=2_100_000)
    records = [big_image, response(2), response(3)]
    items = list(read_warc(write(tmp_path / "s.warc.gz", records, how)))
    articles, errors = split(items)
    assert [a.url for a in articles] == ["https://news.example/2", "https://news.example/3"]
    assert len(errors) == 1 and "record 1 at byte 0" in str(errors[0])


def test_truncated_last_gzip_member(tmp_path):
    members = [gzip.compress(r) for r in (response(1), response(2, PROTEST, "Protest"), response(3))]
    members[-1] = members[-1][: len(members[-1]) // 2]
    path = tmp_path / "t.warc.gz"
    path.write_bytes(b"".join(members))
    articles, errors = split(list(read_warc(path)))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/2"]
    assert len(errors) == 1 and "truncated" in str(errors[0]) and "record 3" in str(errors[0])


def test_corrupt_gzip_member_in_the_middle(tmp_path):
    members = [gzip.compress(r) for r in (response(1), response(2, PROTEST, "Protest"), response(3))]
    bad = bytearray(members[1])
    bad[30:60] = b"\xff" * 30
    members[1] = bytes(bad)
    path = tmp_path / "c.warc.gz"
    path.write_bytes(b"".join(members))
    articles, errors = split(list(read_warc(path)))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/3"]
    assert len(errors) == 1 and "corrupt" in str(errors[0])
    assert f"at byte {len(members[0])}" in str(errors[0])


def test_garbage_between_gzip_members(tmp_path):
    members = [gzip.compress(r) for r in (response(1), response(2, PROTEST, "Protest"))]
    path = tmp_path / "g.warc.gz"
    path.write_bytes(members[0] + b"\x00junk" * 10 + members[1])
    articles, errors = split(list(read_warc(path)))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/2"]
    assert len(errors) == 1 and "after record 1" in str(errors[0]) and "not gzip" in str(errors[0])


def test_body_over_max_bytes_is_an_error_for_that_record_only(tmp_path):
    big = record("response", "https://news.example/big", http(page("Big", ACCORD * 40)), "big")
    items = list(read_warc(write(tmp_path / "m.warc", [big, response(2)]), max_bytes=5_000))
    articles, errors = split(items)
    assert [a.url for a in articles] == ["https://news.example/2"]
    assert len(errors) == 1 and "--max-bytes" in str(errors[0]) and "record 1" in str(errors[0])


def test_large_skipped_record_is_streamed(tmp_path):
    video = record("response", "https://news.example/v.mp4", http(bytes(30_000_000), ctype="video/mp4"), "v")
    path = write(tmp_path / "v.warc", [response(1), video, response(3)])
    del video
    list(read_warc(write(tmp_path / "warm.warc", [response(9)])))  # imports, caches
    tracemalloc.start()
    try:
        articles, errors = split(list(read_warc(path)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(articles) == 2 and errors == []
    assert peak < 10_000_000, peak  # the 30 MB block is never held whole


@pytest.mark.parametrize(
    "data, words",
    [
        (b"Chile and Peru signed an accord.\n", "not a WARC file"),
        (gzip.compress(b"just some text\n"), "gzip-compressed but holds no WARC records"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
        (b"", "empty"),
    ],
)
def test_not_a_warc_is_one_clear_error(tmp_path, data, words):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(data)
    with pytest.raises(InputError, match=words) as info:
        list(read_path(path))
    assert "\n" not in str(info.value) and ".warc" in str(info.value)


def test_read_path_finds_warcs_by_suffix_content_and_in_folders(tmp_path):
    write(tmp_path / "a.warc", [response(1)])
    write(tmp_path / "b.warc.gz", [response(2, PROTEST, "Protest")], "members")
    write(tmp_path / "sub.dat", [response(3)])  # no WARC suffix: found by its content
    articles, _ = split(list(read_path(tmp_path / "sub.dat")))
    assert [a.url for a in articles] == ["https://news.example/3"]
    (tmp_path / "broken.warc").write_bytes(response(4)[:200])
    items = list(read_path(tmp_path))
    articles, errors = split(items)
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/2"]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{tmp_path / 'broken.warc'}: record 1")


def test_cli_codes_a_warc_gz_to_one_line_per_article(tmp_path):
    path = write(tmp_path / "crawl.warc.gz", crawl(), "members")
    res = subprocess.run([sys.executable, "-m", "tidings.cli", "code", str(path), "--format", "jsonl"],
                         capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr.decode()
    lines = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert [x["id"] for x in lines] == ["urn:uuid:r1", "urn:uuid:r2", "urn:uuid:res"]
    assert all("error" not in x for x in lines)
    assert lines[0]["url"] == "https://news.example/1" and lines[0]["date"] == "2024-05-14"
