"""A corpus of hostile input, generated here byte by byte (issue 5).

Each :class:`HostileCase` is one file that ``tidings code`` and ``tidings ingest`` must
survive: no crash, no hang, one clear reason per bad article (stored in the store's
``errors`` table), and every good article of the same run kept. ``good`` says how many
articles of the file must be stored, ``errors`` how many error rows it must leave, and
``expect`` a lower-case piece of the reason.

Everything is built from fixed seeds, so the corpus is the same on every machine. The
articles are invented news written for this module (:func:`good_articles`).
"""

from __future__ import annotations

import gzip
import json
import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from tidings.ingest.decode import DEFAULT_MAX_BYTES
from tidings.ingest.validate import DEFAULT_MAX_CHARS

BIG_ARTICLE_BYTES = 50_000_000
LONG_LINE_CHARS = 5_000_000
HTML_DEPTH = 100_000
QUOTE_MARKS = 10_000
SENTENCE_TOKENS = 2_000


@dataclass(frozen=True)
class HostileCase:
    name: str  # short slug
    filename: str  # with the suffix the reader dispatches on
    data: bytes
    good: int  # articles of this file that must be stored
    errors: int  # error rows this file must leave in the store
    expect: str  # lower-case piece of the reason, "" when the file codes fine


# --------------------------------------------------------------------------- good news

# (country, adjective, capital)
_COUNTRIES = (
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"),
    ("Poland", "Polish", "Warsaw"), ("Japan", "Japanese", "Tokyo"),
    ("China", "Chinese", "Beijing"), ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"), ("Brazil", "Brazilian", "Brasilia"),
    ("Argentina", "Argentine", "Buenos Aires"), ("Chile", "Chilean", "Santiago"),
    ("Peru", "Peruvian", "Lima"), ("Kenya", "Kenyan", "Nairobi"),
    ("Uganda", "Ugandan", "Kampala"), ("Egypt", "Egyptian", "Cairo"),
    ("Turkey", "Turkish", "Ankara"), ("Greece", "Greek", "Athens"),
    ("Iran", "Iranian", "Tehran"), ("Iraq", "Iraqi", "Baghdad"),
    ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"),
    ("Mexico", "Mexican", "Mexico City"), ("Canada", "Canadian", "Ottawa"),
    ("Nigeria", "Nigerian", "Abuja"), ("Ghana", "Ghanaian", "Accra"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Thailand", "Thai", "Bangkok"),
    ("Sweden", "Swedish", "Stockholm"), ("Norway", "Norwegian", "Oslo"),
    ("Spain", "Spanish", "Madrid"), ("Italy", "Italian", "Rome"),
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TOPICS = ("fishing rights", "border security", "energy prices", "water sharing",
           "migration", "grain exports", "air traffic", "student visas")
# {a}/{b}: countries, {aj}/{bj}: adjectives, {city}: the capital of a, {day}, {topic}
_SENTENCES = (
    "{a} accused {b} of violating the ceasefire near the border on {day}, officials said.",
    "{a} signed an agreement with {b} on {topic} in {city} on {day}.",
    "The {aj} government criticised {b} over its treatment of journalists.",
    "{a} sent food aid to {b} after heavy floods, the {aj} foreign ministry said.",
    "{a} expelled two {bj} diplomats on {day}, accusing them of spying.",
    "{a} threatened {b} with sanctions over the dispute about {topic}.",
    "The {aj} foreign minister met his {bj} counterpart in {city} on {day}.",
    "{a} praised {b} for its help during the crisis over {topic}.",
    "{a} and {b} agreed on {day} to resume talks on {topic}.",
    "Police in {city} arrested dozens of protesters outside the {bj} embassy on {day}.",
    "{a} demanded that {b} release the detained sailors before {day}.",
    "{a} rejected a proposal from {b} on {topic}, a {aj} spokesman told reporters.",
)
_QUOTES = (
    '"We will not accept this," a spokesman for the {aj} government told reporters.',
    '"Our doors remain open to dialogue," the {aj} prime minister said.',
    '"This is a dangerous step," the {aj} defence minister said on {day}.',
)


def _story(k: int) -> tuple[str, str]:
    """(title, body) of invented article number ``k``: four event sentences and a quote."""
    rng = random.Random(f"tidings-hostile-{k}")
    templates = rng.sample(_SENTENCES, 4)
    paragraphs = []
    for t in templates:
        (a, aj, city), (b, bj, _) = rng.sample(_COUNTRIES, 2)
        paragraphs.append(t.format(a=a, aj=aj, city=city, b=b, bj=bj, day=rng.choice(_DAYS),
                                   topic=rng.choice(_TOPICS)))
    first = paragraphs[0].split(" ")
    title = " ".join(first[:6]).rstrip(",.")
    quote = rng.choice(_QUOTES).format(aj=rng.choice(_COUNTRIES)[1], day=rng.choice(_DAYS))
    body = "\n\n".join([paragraphs[0] + " " + paragraphs[1], quote, paragraphs[2] + " " + paragraphs[3]])
    return title, body


def _date(k: int) -> str:
    return f"20{17 + k % 7}-{1 + k % 12:02d}-{1 + k % 28:02d}"


def _record(k: int, id: str, **extra: object) -> str:
    title, body = _story(k)
    return json.dumps({"id": id, "date": _date(k), "title": title, "text": body, **extra})


def good_articles(n: int) -> bytes:
    """JSONL of ``n`` distinct good English news articles, ids ``good-1`` .. ``good-n``."""
    return "".join(_record(k, f"good-{k}") + "\n" for k in range(1, n + 1)).encode()


def _text(k: int) -> str:
    title, body = _story(k)
    return f"{title}\n\n{body}\n"


def _html(title: str, body: str, *, lang: str = "en", charset: str = "utf-8") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="{charset}">'
            f"<title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright Example Wire</footer></body></html>")


# --------------------------------------------------------------------------- binary files


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes((x * 7 + y * 13) % 256 for x in range(3 * 16)) for y in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _pdf() -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (France criticised Germany on Monday.) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    for i, o in enumerate(objs, 1):
        out += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    return out + b"trailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n"


def _noise(n: int) -> bytes:
    """Bytes that are neither UTF-8 nor believable 8-bit text, without NULs."""
    rng = random.Random("tidings-hostile-noise")
    return bytes(rng.choice((rng.randrange(0x80, 0x100), rng.randrange(0x20, 0x7F))) for _ in range(n))


# --------------------------------------------------------------------------- WARC and RSS


def _warc_record(rid: str, uri: str, html: str) -> bytes:
    body = html.encode()
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
             b"Content-Length: %d\r\n\r\n" % len(body)) + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{rid}>\r\n"
            f"WARC-Date: 2024-05-14T09:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _warc_broken(name: str) -> bytes:
    """Three gzip members: a good page, a corrupt member (a broken record), a good page."""
    members = []
    for n, k in enumerate((301, 302, 303), 1):
        title, body = _story(k)
        members.append(gzip.compress(_warc_record(f"{name}/{n}", f"https://news.example/{name}/{n}",
                                                  _html(title, body)), mtime=0))
    bad = bytearray(members[1])
    for i in range(20, min(len(bad) - 8, 60)):  # scramble the deflate data, keep the header
        bad[i] ^= 0x5A
    return members[0] + bytes(bad) + members[2]


def _rss(items: list[tuple[str, str]], doctype: str = "", encoding: str = "utf-8") -> bytes:
    body = "".join(f"<item><title>t</title><guid>{guid}</guid><pubDate>Mon, 13 May 2024 09:00:00 GMT"
                   f"</pubDate><description>{text}</description></item>" for guid, text in items)
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n{doctype}<rss version="2.0"><channel>'
            f"<title>Hostile wire</title>{body}</channel></rss>").encode(encoding)


def _shuffled(sentences: tuple[str, ...], seed: str, paragraphs: int = 4) -> str:
    """Paragraphs of the sentences in varied orders (a line repeated reads as a caption)."""
    rng = random.Random(f"tidings-hostile-{seed}")
    return "\n\n".join("".join(rng.sample(sentences, len(sentences))) for _ in range(paragraphs))


def _one_para(k: int) -> str:
    return _story(k)[1].replace("\n\n", " ").replace('"', "&quot;")


# --------------------------------------------------------------------------- the cases


def _over(limit: int, big: bool, size: int) -> int:
    return size if big else limit + 1_000


def _long_line(chars: int) -> bytes:
    parts: list[str] = []
    n, k = 0, 1000
    while n < chars:  # varied sentences: a line that is some text twice reads as a caption
        s = _story(k)[1].replace("\n\n", " ") + " "
        parts.append(s)
        n += len(s)
        k += 1
    return "".join(parts)[:chars].encode()


def _big_article(size: int) -> bytes:
    """An article of ``size`` bytes whose paragraphs all differ (repeated lines are dropped)."""
    paragraphs = [_story(k)[1].replace("\n\n", " ") for k in range(401, 501)]
    parts, n, i = [_text(400)], 0, 0
    while n < size:
        parts.append(f"{paragraphs[i % len(paragraphs)]} (Update {i}.)\n\n")
        n += len(parts[-1])
        i += 1
    return "".join(parts).encode()[:size]


def _long_sentence(tokens: int) -> str:
    rng = random.Random("tidings-hostile-sentence")
    words = ["The", "minister", "said", "that"]
    while len(words) < tokens - 1:
        (a, _, _), (b, _, _) = rng.sample(_COUNTRIES, 2)
        words += [a, rng.choice(("criticised", "praised", "accused", "met", "warned")), b, "and"]
    return " ".join(words[: tokens - 1]) + " ."


def _jsonl(name: str, good: list[int], bad: str, *, at: int = 1, newline: bool = True) -> bytes:
    lines = [_record(k, f"{name}/{i}") for i, k in enumerate(good, 1)]
    lines.insert(at, bad)
    return ("\n".join(lines) + ("\n" if newline else "")).encode()


def hostile_cases(*, big: bool = True) -> list[HostileCase]:
    """Every hostile input of issue 5. ``big=False`` makes the oversized ones just over
    the default limits (--max-bytes, --max-chars) instead of 50 MB / 5M characters."""
    story = _text(200)
    t, b = _story(201)
    deep = ("<html><body>" + "<div>" * HTML_DEPTH + f"<p>{_story(202)[1]}</p>" + "</div>" * HTML_DEPTH
            + "</body></html>")
    script = ("<html><head><title>x</title>" + "<style>p { color: red }</style>" * 50 + "</head><body>"
              + "".join(f"<script>var s{i} = 'France criticised Germany on Monday.';</script>"
                        for i in range(200)) + "</body></html>")
    zh = _shuffled(("两国领导人周一在北京举行会谈。", "双方同意加强贸易合作并恢复边境谈判。",
                    "外交部发言人表示，会谈取得积极成果。", "警方在首都逮捕了数十名抗议者。",
                    "政府批评邻国在边境地区部署军队。", "两国将于下个月签署渔业协议。"), "zh")
    ar = _shuffled(("اجتمع وزيرا خارجية البلدين في القاهرة يوم الاثنين. ",
                    "اتفق الجانبان على استئناف المحادثات بشأن الحدود والتجارة. ",
                    "قال متحدث باسم الحكومة إن المحادثات كانت إيجابية. ",
                    "اعتقلت الشرطة عشرات المتظاهرين أمام السفارة. ",
                    "انتقدت الحكومة نشر قوات قرب الحدود. "), "ar")
    # not one mark twice over (a line that is some text twice is dropped as a caption)
    quotes = _text(203) + "\n" + '"' * (QUOTE_MARKS - 1) + "\u201d\n\n" + _story(204)[1] + "\n"
    unbalanced = ('Talks collapse in Geneva\n\n"France accused Germany of stalling the talks on Monday, '
                  '"the minister said. "We will not wait, he added.\n\n“Poland criticised Sweden over '
                  'fishing rights. ‘Spain praised Italy, ” a spokesman said "" " on Tuesday.\n\n'
                  + _story(205)[1].replace('"', "") + ' "\n')
    english_bad_bytes = _text(206).encode().replace(b"the ", b"the\xff ", 3).replace(b"e", b"\xc3(e", 2)
    latin1 = _html("Streit um Zürich", _story(207)[1] + "\n\nThe talks in Zürich and São Paulo, "
                   "officials said, went on until Señor Núñez left.", charset="utf-8").encode("latin-1")
    secret = "file:///etc/passwd"
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return [
        HostileCase("empty", "empty.txt", b"", 0, 1, "empty"),
        HostileCase("whitespace", "blank.txt", b" \n\t\r\n   \n\xc2\xa0\n", 0, 1, "empty"),
        HostileCase("png", "image.png", _png(), 0, 1, "binary"),
        HostileCase("pdf", "report.pdf", _pdf(), 0, 1, "pdf"),
        HostileCase("gzip", "article.txt.gz", gzip.compress(story.encode(), mtime=0), 0, 1, "gzip"),
        HostileCase("invalid-utf8", "noise.txt", _noise(4000), 0, 1, "not utf-8"),
        HostileCase("invalid-utf8-in-english", "stray-bytes.txt", english_bad_bytes, 1, 0, ""),
        HostileCase("utf16-bom", "utf16-bom.txt", _text(208).encode("utf-16"), 1, 0, ""),
        HostileCase("utf16-no-bom", "utf16-no-bom.txt", _text(209).encode("utf-16-le"), 1, 0, ""),
        HostileCase("latin1-as-utf8", "latin1.html", latin1, 1, 0, ""),
        HostileCase("big-article", "big-article.txt",
                    _big_article(_over(DEFAULT_MAX_BYTES, big, BIG_ARTICLE_BYTES)), 0, 1, "--max-bytes"),
        HostileCase("long-line", "long-line.txt",
                    _long_line(_over(DEFAULT_MAX_CHARS, big, LONG_LINE_CHARS)), 0, 1, "--max-chars"),
        HostileCase("html-deep", "deep.html", deep.encode(), 0, 1, "nested too deeply"),
        HostileCase("html-script-style", "script.html", script.encode(), 0, 1, "no article text"),
        HostileCase("chinese", "chinese.html", _html("两国会谈", zh, lang="zh").encode(),
                    0, 1, "english"),
        HostileCase("arabic", "arabic.html", _html("محادثات", ar, lang="ar").encode(),
                    0, 1, "english"),
        HostileCase("quotes-10000", "quotes.txt", quotes.encode(), 1, 0, ""),
        HostileCase("unbalanced-quotes", "unbalanced.txt", unbalanced.encode(), 1, 0, ""),
        HostileCase("long-sentence", "long-sentence.txt",
                    f"{t}\n\n{b}\n\n{_long_sentence(SENTENCE_TOKENS)}\n".encode(), 1, 0, ""),
        HostileCase("jsonl-truncated-last-line", "truncated.jsonl",
                    _jsonl("jsonl-truncated-last-line", [210, 211], _record(212, "cut")[:120], at=2,
                           newline=False), 2, 1, "truncated"),
        HostileCase("jsonl-not-json", "not-json.jsonl",
                    _jsonl("jsonl-not-json", [213, 214], "France criticised Germany, not JSON at all"),
                    2, 1, "not valid json"),
        HostileCase("jsonl-date-type", "date-type.jsonl",
                    _jsonl("jsonl-date-type", [215, 216], _record(217, "jsonl-date-type/bad", date=20170214)),
                    2, 1, '"date" must be a string'),
        HostileCase("jsonl-feb-30", "feb30.jsonl",
                    _jsonl("jsonl-feb-30", [218, 219], _record(220, "jsonl-feb-30/bad", date="2017-02-30")),
                    2, 1, "not a real calendar date"),
        HostileCase("jsonl-year-9999", "year9999.jsonl",
                    _jsonl("jsonl-year-9999", [221], _record(222, "jsonl-year-9999/2", date="9999-12-31"),
                           at=1), 2, 0, ""),
        HostileCase("text-feb-30", "feb30.txt",
                    (f"{_text(223)}\nFrance accused Germany on Feb. 30, 2017 of breaking the deal.\n").encode(),
                    1, 0, ""),
        HostileCase("text-year-9999", "year9999.txt",
                    (f"{_text(224)}\nFrance said on Dec. 31, 9999 that Germany would pay next year.\n").encode(),
                    1, 0, ""),
        HostileCase("warc-broken-record", "crawl.warc.gz", _warc_broken("warc-broken-record"), 2, 1, "gzip"),
        HostileCase("rss-billion-laughs", "laughs.rss",
                    _rss([("rss-billion-laughs/1", _one_para(225)),
                          ("rss-billion-laughs/2", _one_para(226) + " &l9;")],
                         f'<!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]>\n'), 2, 1, "not expanded"),
        HostileCase("rss-xxe", "xxe.rss",
                    _rss([("rss-xxe/1", _one_para(227) + " &xxe; " + _one_para(228))],
                         f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret}">]>\n'), 1, 1, "not expanded"),
        HostileCase("rss-latin1", "latin1.rss",
                    _rss([("rss-latin1/1", _one_para(229) + " Talks in Zürich went on.")],
                         encoding="iso-8859-1"), 1, 0, ""),
        HostileCase("rss-utf16", "utf16.rss", _rss([("rss-utf16/1", _one_para(230))], encoding="utf-16"),
                    1, 0, ""),
    ]


def write_corpus(folder: Path, cases: list[HostileCase]) -> list[Path]:
    """Write each case into ``folder`` (created) under its file name; the paths, in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in cases:
        p = folder / case.filename
        p.write_bytes(case.data)
        paths.append(p)
    return paths
