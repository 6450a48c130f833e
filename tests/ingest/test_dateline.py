"""Datelines are kept in the body and give an undated article its date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.extract.dateline import dateline_date, dateline_prefix, is_dateline
from tidings.ingest import from_html, from_text, read_path
from tidings.ingest.clean import clean_text

BODY = ("The council voted to close the bridge for repairs after inspectors found cracks in two of "
        "its supports. The mayor said the work would take at least six weeks.")


@pytest.mark.parametrize("line", [
    "WASHINGTON, Nov. 1 (AP)",
    "NAIROBI (Reuters) -",
    "LONDON —",
    "ST. LOUIS, Mo. (AP) —",
    "KYIV, Ukraine",
    "SAN LUIS OBISPO",
    "Published: November 1, 1989",
    "Updated 3 March 2019 10:42 GMT",
    "Nov. 1, 1989",
    "Manila (PNA) -",
    "Accra, June 4 (GNA):",
])
def test_datelines(line: str) -> None:
    assert is_dateline(line)


@pytest.mark.parametrize("line", [
    "Council closes bridge for repairs",
    "US AND CHINA AGREE ON TARIFFS",
    "By Jane Doe",
    "The 2019 vote",
    "Bridge closed until March 3, 2020",
    "By Jane Doe (Reuters)",
    "Manila Bay",
])
def test_not_datelines(line: str) -> None:
    assert not is_dateline(line)


@pytest.mark.parametrize("text, prefix", [
    ("LAGOS, May 2 (Reuters) - Troops stormed the camp.", "LAGOS, May 2 (Reuters) - "),
    ("NEW DELHI: Troops stormed the camp.", "NEW DELHI: "),
    ("Accra, June 4 (GNA): Troops stormed the camp.", "Accra, June 4 (GNA): "),
    ("Manila (PNA) - Troops stormed the camp.", "Manila (PNA) - "),
    ("Updated: June 4, 2020. Troops stormed the camp.", ""),
    ("Troops stormed the camp: nine died.", ""),
    ("Note: troops stormed the camp.", ""),
])
def test_dateline_prefix(text: str, prefix: str) -> None:
    assert text[:dateline_prefix(text)] == prefix


def test_dateline_date_needs_a_year() -> None:
    assert dateline_date(f"LONDON, March 3, 2019 (Reuters) - {BODY}") == "2019-03-03"
    assert dateline_date(f"By Jane Doe\nNov. 1, 1989\n{BODY}") == "1989-11-01"
    assert dateline_date(f"WASHINGTON, Nov. 1 (AP) — {BODY}") is None
    # a date in the story's first sentence is what the story is about, not when it ran
    assert dateline_date(f"On Nov. 9, 1989, the wall fell. {BODY}") is None


def test_a_dateline_line_is_no_title() -> None:
    title, body = clean_text(f"WASHINGTON, Nov. 1 (AP)\n\n{BODY}")
    assert title is None
    assert body.startswith("WASHINGTON, Nov. 1 (AP)")
    title, body = clean_text(f"Council closes bridge\n\n{BODY}")
    assert title == "Council closes bridge"


def test_undated_text_takes_its_dateline_date() -> None:
    assert from_text(f"LONDON, March 3, 2019 (Reuters) - {BODY}").date == "2019-03-03"
    assert from_text(f"LONDON, March 3, 2019 (Reuters) - {BODY}", date="2019-03-04").date == "2019-03-04"
    assert from_text(BODY).date is None


def test_undated_page_takes_its_dateline_date() -> None:
    html = (f"<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
            f"<p>Published: March 3, 2019</p><p>{BODY} {BODY}</p><p>{BODY}</p></article></body></html>")
    page = from_html(html)
    assert page.date == "2019-03-03"
    assert "Published: March 3, 2019" in page.text


def test_default_date_never_overrides_the_dateline(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text(f"Bridge closed\n\nLONDON, March 3, 2019 (Reuters) - {BODY}\n", encoding="utf-8")
    (art,) = read_path(f, date="2024-05-01")
    assert art.date == "2019-03-03"
    g = tmp_path / "plain.txt"
    g.write_text(f"Bridge closed\n\n{BODY}\n", encoding="utf-8")
    (art,) = read_path(g, date="2024-05-01")
    assert art.date == "2024-05-01"
    # a record's own date wins over its dateline
    h = tmp_path / "b.jsonl"
    h.write_text(json.dumps({"id": "x", "date": "2019-03-04", "text": f"LONDON, March 3, 2019 - {BODY}"}) + "\n",
                 encoding="utf-8")
    (art,) = read_path(h)
    assert art.date == "2019-03-04"
