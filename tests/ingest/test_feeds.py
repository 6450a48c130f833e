"""RSS/Atom feeds: one article per item, safe against entity tricks."""

from __future__ import annotations

import pytest

from tidings.ingest import InputError, read_path
from tidings.model import Article

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire</title>
<item><title>Chile and Peru sign a fishing accord</title><link>https://wire.example/a</link>
<guid>wire-a</guid><pubDate>Tue, 14 May 2024 09:00:00 GMT</pubDate>
<description>Chile and Peru signed a fishing accord in Lima on Monday. The two governments agreed to
share patrol data along the maritime border.</description></item>
<item><title>Bolivia protests</title><link>https://wire.example/b</link>
<pubDate>Wed, 15 May 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Bolivia protested to Chile on Wednesday over water rights in the Silala basin,
the foreign ministry in La Paz said.</p>]]></content:encoded></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<entry><title>Kenya and Uganda hold border talks</title><id>desk-1</id>
<link href="https://desk.example/1"/><published>2023-09-02T08:00:00Z</published>
<summary>Kenya and Uganda held talks in Nairobi on Friday about the disputed island of Migingo.</summary>
</entry></feed>
"""


def _articles(path):
    return [x for x in read_path(path) if isinstance(x, Article)]


def test_rss_items_become_articles(tmp_path):
    p = tmp_path / "wire.rss"
    p.write_text(RSS, encoding="utf-8")
    arts = _articles(p)
    assert [a.id for a in arts][0] == "wire-a" and len(arts) == 2
    assert arts[0].date == "2024-05-14" and arts[0].url == "https://wire.example/a"
    assert arts[0].title == "Chile and Peru sign a fishing accord"
    assert "Silala" in arts[1].text and "<p>" not in arts[1].text


def test_atom_entries_become_articles_and_are_coded(tmp_path, coder):
    p = tmp_path / "desk.xml"
    p.write_text(ATOM, encoding="utf-8")
    (art,) = _articles(p)
    assert art.id == "desk-1" and art.date == "2023-09-02"
    rec = coder.code(art)
    assert any(e.cameo_root == "04" for e in rec.events), rec.events


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-TOKEN", encoding="utf-8")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><item><title>t</title>
<description>Peru criticised Chile on Monday. &xxe; The talks failed.</description>
</item></channel></rss>"""
    p = tmp_path / "xxe.rss"
    p.write_text(xxe, encoding="utf-8")
    items = list(read_path(p))
    assert all("TOPSECRET" not in getattr(x, "text", str(x)) for x in items)


def test_billion_laughs_does_not_expand(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]>
<rss version="2.0"><channel><item><title>t</title>
<description>Peru criticised Chile on Monday. &l9;</description></item></channel></rss>"""
    p = tmp_path / "bomb.rss"
    p.write_text(bomb, encoding="utf-8")
    try:
        items = list(read_path(p))
    except InputError:
        items = []
    assert all(len(getattr(x, "text", "")) < 10_000 for x in items)


def test_broken_feed_is_one_clear_error(tmp_path):
    p = tmp_path / "bad.rss"
    p.write_text("<rss><channel><item><title>unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="RSS/Atom"):
        list(read_path(p))


# ------------------------------------------------------------------ issue 5: entities, encodings

BODY = ("Peru criticised Chile on Monday over the fishing dispute, the foreign ministry in Lima "
        "said. The Chilean government rejected the criticism.")


def _feed(tmp_path, description: str, doctype: str = "", decl: str = '<?xml version="1.0"?>\n',
          encoding: str = "utf-8", name: str = "f.rss"):
    p = tmp_path / name
    p.write_bytes((f"{decl}{doctype}<rss version=\"2.0\"><channel><item><title>t</title>"
                   f"<guid>g1</guid><description>{description}</description></item>"
                   f"</channel></rss>").encode(encoding))
    items = list(read_path(p))
    return ([x for x in items if isinstance(x, Article)], [str(x) for x in items if isinstance(x, InputError)])


def test_text_after_an_external_entity_is_kept_and_the_entity_reported(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-TOKEN", encoding="utf-8")
    (art,), errors = _feed(tmp_path, f"Peru criticised Chile on Monday. &xxe; {BODY}",
                           f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n')
    assert "TOPSECRET" not in art.text and art.text.endswith("rejected the criticism.")
    assert len(errors) == 1 and "not expanded" in errors[0] and "xxe" in errors[0]


def test_billion_laughs_items_are_coded_without_expansion(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    (art,), errors = _feed(tmp_path, f"{BODY} &l9; &l0; &c;",
                           f'<!DOCTYPE rss [<!ENTITY l0 "lol">{lol}<!ENTITY c "&#169; Wire">]>\n')
    assert art.text == BODY + " lol © Wire"  # short literal entities are expanded, nested ones not
    assert len(errors) == 1 and "l1, l2, l3, l4, l5 and 4 more" in errors[0]


def test_html_entities_of_the_rss_091_dtd_and_of_no_dtd(tmp_path):
    rss091 = ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
              '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n')
    for doctype in (rss091, ""):
        (art,), errors = _feed(tmp_path, f"Caf&eacute;&nbsp;owners &amp; {BODY} &bogus; &#233;", doctype)
        assert art.text == f"Café owners & {BODY} &bogus; é" and not errors


def test_declared_encoding_and_utf16_feeds(tmp_path):
    for encoding in ("iso-8859-1", "windows-1252", "utf-16", "utf-8"):
        (art,), errors = _feed(tmp_path, BODY + " Talks in Zürich go on.",
                               decl=f'<?xml version="1.0" encoding="{encoding}"?>\n', encoding=encoding)
        assert art.text.endswith("Talks in Zürich go on."), (encoding, art.text)


def test_atom_xhtml_content_and_inline_markup_keep_their_text(tmp_path):
    p = tmp_path / "x.atom"
    p.write_text(f"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e1</id><title>T</title>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{BODY}</p>
<p>Lima recalled its ambassador &amp; froze <b>all</b> talks.</p></div></content></entry></feed>""",
                 encoding="utf-8")
    (art,) = _articles(p)
    assert art.text == BODY + "\n\nLima recalled its ambassador & froze all talks."
    (art,), _ = _feed(tmp_path, f"{BODY} Lima <b>froze</b> the talks.")
    assert art.text.endswith("Lima froze the talks.")


def test_a_feed_with_an_internal_subset_is_sniffed_as_a_feed():
    from tidings.ingest.feeds import looks_like_feed

    assert looks_like_feed('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "b">]>\n<rss version="2.0">')


def test_leading_comments_are_sniffed_in_linear_time(tmp_path):
    """``(?:<!--.*?-->\\s*)*`` backtracked exponentially: 20 comment lines cost 6.5 s, 40
    hung `code`. A hang guard (the subprocess is killed after 120 s), not a speed test:
    a linear sniff reads 1,000 comment lines at once."""
    import subprocess
    import sys

    comments = "".join(f"<!-- generated by cms build {i}, cached -->\n" for i in range(1000))
    cases = {
        "page.txt": comments + "Peru and Chile agreed to reopen their border on Tuesday.\n",
        "page.html": comments + "<!doctype html><html><head><title>Border</title></head><body><article>"
                                + "<p>Peru and Chile agreed to reopen their border on Tuesday after a "
                                  "week of talks in Lima, officials of both governments said.</p>" * 4
                                + "</article></body></html>",
        "feed.xml": comments + "<rss version='2.0'><channel><item><title>t</title><description>Peru "
                               "criticised Chile on Monday.</description></item></channel></rss>",
    }
    for name, body in cases.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    probe = ("import sys; from tidings.ingest import read_path, looks_like_html\n"
             "from tidings.ingest.feeds import looks_like_feed\n"
             "for p in sys.argv[1:]:\n"
             "    text = open(p, encoding='utf-8').read()\n"
             "    kinds = (looks_like_html(text), looks_like_feed(text))\n"
             "    items = list(read_path(p))\n"
             "    print(p.rsplit('/', 1)[1], kinds, type(items[0]).__name__)\n")
    res = subprocess.run([sys.executable, "-c", probe, *(str(tmp_path / n) for n in cases)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["page.txt (False, False) Article",
                                       "page.html (True, False) Article",
                                       "feed.xml (False, True) Article"]


def test_a_short_entity_used_a_million_times_is_not_substituted(tmp_path):
    """A 200-character internal entity referenced 100,000 times (a 700 kB feed) would have
    become 20 MB of text, and 20 MB feeds reached 3 GB: the expansion is capped at the
    feed's own size (or 1M characters) and the entity is reported."""
    import resource

    value = "sanctions " * 20
    refs = "&e;" * 100_000
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "{value}">]><rss version="2.0"><channel>'
            f"<item><title>t</title><description>Peru criticised Chile on Monday. {refs}</description>"
            f"</item></channel></rss>")
    p = tmp_path / "many.rss"
    p.write_text(feed, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = list(read_path(p))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    errors = [x for x in items if isinstance(x, InputError)]
    assert errors and "used so often" in str(errors[0]) and "(e)" in str(errors[0])
    articles = [x for x in items if isinstance(x, Article)]
    assert all(len(a.text) < 3 * len(feed) for a in articles)
    assert grown_mb < 500


GHANA = ("Ghana's parliament approved a new budget on Tuesday after a long debate, and the "
        "finance minister said the measures would take effect next month.")


def _one(path, xml: str, **kw) -> Article:  # noqa: ANN001, ANN003
    """The one article of a feed written to ``path``."""
    path.write_text(xml, encoding="utf-8")
    (art,) = list(read_path(path, **kw))
    assert isinstance(art, Article)
    return art


def test_rss_1_0_items_become_articles(tmp_path):
    art = _one(tmp_path / "news.rdf",
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://news.example/"><title>News</title><link>https://news.example/</link>'
        '<description>d</description></channel>'
        '<item rdf:about="https://news.example/budget"><title>Budget passes</title>'
        f'<link>https://news.example/budget</link><description>{GHANA}</description>'
        '<dc:date>2024-03-05T10:00:00+00:00</dc:date></item></rdf:RDF>')
    assert isinstance(art, Article) and art.url == "https://news.example/budget"
    assert art.date == "2024-03-05" and art.title == "Budget passes"


def test_atom_link_is_the_article_not_the_feed_itself(tmp_path):
    art = _one(tmp_path / "news.atom",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
        '<id>urn:feed</id><updated>2024-03-05T10:00:00Z</updated>'
        '<entry><title>Budget passes</title><id>urn:budget</id>'
        '<link rel="self" href="https://news.example/feed/budget.atom"/>'
        '<link rel="alternate" type="text/html" href="https://news.example/budget"/>'
        f'<updated>2024-03-05T10:00:00Z</updated><content type="text">{GHANA}</content></entry></feed>',
    )
    assert art.url == "https://news.example/budget" and art.date == "2024-03-05"


def test_rss_2_dc_date_is_the_date(tmp_path):
    art = _one(tmp_path / "news.rss",
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        '<title>News</title><link>https://news.example/</link><description>d</description>'
        f'<item><title>Budget passes</title><link>https://news.example/b</link><description>{GHANA}'
        '</description><dc:date>2024-03-05</dc:date></item></channel></rss>', date="2020-01-01")
    assert art.date == "2024-03-05"
