"""Stored events in the layout of the POLECAT weekly data: ``export --format polecat``.

POLECAT (the PLOVER-coded successor of ICEWS, on Harvard Dataverse) comes as
tab-separated files with a header line of the 40 columns of :data:`POLECAT_COLUMNS`, one
row per event (older files call Event Intensity "Intensity"; some add Headline, Event
Text, Feed or Story ID, which we do not write). We write one row per event cluster (the same event in every article that
reports it), from its first report (the store's ``lead`` row):

* Event ID is the cluster id as text; Event Date its ISO day (an event with no date of
  its own takes its article's; for a month, quarter or year, see ICEWS's Event Date).
* Event Type is the PLOVER type as the store keeps it (COERCE); Event Mode and Contexts
  come from its CAMEO code's row of ``cameo.tsv``. Quad Code is the quad class written out
  as POLECAT does (VERBAL COOPERATION, MATERIAL COOPERATION, VERBAL CONFLICT, MATERIAL
  CONFLICT). Lists (contexts, sectors, the story's names) are joined with "; ".
* Actor/Recipient Name is the stored name (empty for a doer its sentence does not name),
  Country the ISO alpha-3 code, Sectors the readable names of the role codes in the CAMEO
  actor code (``rules/data/sectors.tsv``; the first is the Primary Sector), Name Raw the
  words of the sentence that name the actor.
* Placename is the resolved place; City, Province (a city's first-level area, or the
  region itself), Country (ISO alpha-3), Latitude, Longitude and GeoNames ID as resolved.
* Source is the host name of the first report's URL, Publication Date its article's date.
  Story People, Story Organizations and Story Locations are the people, organisations and
  places tidings found in that article (sorted). Language is "en" (tidings
  codes English), Version the tidings release that wrote the file.

Columns tidings cannot fill are always empty (:data:`POLECAT_EMPTY`): Event Intensity
(POLECAT's own intensity scale, not the Goldstein score), Actor/Recipient COW (no
Correlates of War codes), Title and Wikipedia ID (not resolved), District (no
second-level areas), Raw Placename (the place's words are not kept) and Feature Type (no
GeoNames feature codes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO, Any

from tidings.rules import RuleSet
from tidings.store.eventdata import (
    actor_name,
    actor_sectors,
    day,
    event_day,
    location_kind,
    number,
    text,
    write_tsv,
)

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)
# the columns tidings cannot fill: always empty
POLECAT_EMPTY: tuple[str, ...] = (
    "Event Intensity", "Actor COW", "Actor Title", "Wikipedia Actor ID", "Recipient COW",
    "Recipient Title", "Wikipedia Recipient ID", "District", "Raw Placename", "Feature Type",
)
QUADS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}
SEPARATOR = "; "  # between the items of a list field

_NAMES = "array_to_string(list_sort(list_distinct(list({col}) FILTER (WHERE {col} IS NOT NULL))), '; ')"
QUERY = f"""
WITH people AS (
    SELECT article_id,
           {_NAMES.format(col="CASE WHEN kind = 'person' THEN name END")} AS story_people,
           {_NAMES.format(col="CASE WHEN kind = 'organisation' THEN name END")} AS story_organizations
    FROM actors GROUP BY article_id),
places_named AS (
    SELECT article_id, {_NAMES.format(col="name")} AS story_locations FROM places GROUP BY article_id)
SELECT e.*, a.site, a.date AS article_date, p.story_people, p.story_organizations, l.story_locations
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN people p ON p.article_id = e.article_id
LEFT JOIN places_named l ON l.article_id = e.article_id
WHERE e.lead
ORDER BY e.date NULLS LAST, e.article_id, e.idx"""


def _actor(row: Mapping[str, Any], side: str) -> list[str]:
    """Name, Country, COW, Primary Sector, Sectors, Title, Name Raw, Wikipedia ID."""
    sectors = actor_sectors(row.get(f"{side}_code"))
    return [actor_name(row, side), text(row.get(f"{side}_country")), "", sectors[0] if sectors else "",
            SEPARATOR.join(sectors), "", text(row.get(f"{side}_text")), ""]


def _place(row: Mapping[str, Any]) -> list[str]:
    """Placename, City, District, Province, Country, Latitude, Longitude, GeoNames ID, Raw
    Placename, Feature Type."""
    kind = location_kind(row)
    if kind is None:
        return [""] * 10
    place, admin1 = text(row.get("location")), text(row.get("location_admin1"))
    gid = row.get("location_geonames_id")
    return [place, place if kind == "city" else "", "",
            admin1 if kind == "city" else (place if kind == "region" else ""),
            text(row.get("location_country")), number(row.get("lat"), 5), number(row.get("lon"), 5),
            "" if gid is None else str(int(gid)), "", ""]


def polecat_row(row: Mapping[str, Any], codes: Mapping[str, Any] | None = None,
                version: str = "tidings") -> list[str]:
    """The 40 POLECAT fields of one event cluster's first report (a row of :data:`QUERY`)."""
    codes = RuleSet.default().cameo if codes is None else codes
    info = codes.get(text(row.get("cameo")))
    cluster = row.get("cluster_id")
    quad = row.get("quad_class")
    if quad is None and info is not None:
        quad = info.quad_class
    return [
        str(cluster) if cluster is not None else f"{row['article_id']}-{row['idx']}", event_day(row),
        text(row.get("plover")), (info.plover_mode or "") if info else "", "",
        QUADS.get(int(quad), "") if quad is not None else "", SEPARATOR.join(info.contexts) if info else "",
        *_actor(row, "source"), *_actor(row, "target"), *_place(row),
        text(row.get("site")), day(row.get("article_date")), text(row.get("story_people")),
        text(row.get("story_organizations")), text(row.get("story_locations")), "en", version,
    ]


def write_polecat(rows: Iterable[Mapping[str, Any]], out: IO[str], version: str = "tidings") -> int:
    """The header line and one POLECAT line per event cluster; returns how many."""
    codes = RuleSet.default().cameo
    return write_tsv(POLECAT_COLUMNS, (polecat_row(r, codes, version) for r in rows), out)
