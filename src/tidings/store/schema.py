"""The store's schema: its tables, the ``clusters`` view, the export query, the version."""

from __future__ import annotations

DEFAULT_DB = "tidings.duckdb"
PERIODS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, url VARCHAR, source VARCHAR,
    text VARCHAR, n_events INTEGER, n_quotes INTEGER, ingested_at TIMESTAMP, site VARCHAR,
    duplicate_of VARCHAR, tone DOUBLE, tone_positive DOUBLE, tone_negative DOUBLE, word_count INTEGER
);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, idx INTEGER, date DATE, date_value VARCHAR, date_text VARCHAR,
    source_code VARCHAR, source_country VARCHAR, source_name VARCHAR, source_text VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_name VARCHAR, target_text VARCHAR,
    cameo VARCHAR, cameo_root VARCHAR, cameo_name VARCHAR, plover VARCHAR, quad_class TINYINT,
    goldstein DOUBLE, negated BOOLEAN, confidence DOUBLE, rule VARCHAR, verb VARCHAR,
    sentence INTEGER, span_start INTEGER, span_end INTEGER, location VARCHAR,
    location_country VARCHAR, lat DOUBLE, lon DOUBLE, cluster_id BIGINT,
    verb_start INTEGER, verb_end INTEGER, source_start INTEGER, source_end INTEGER,
    target_start INTEGER, target_end INTEGER, location_kind VARCHAR, location_geonames_id BIGINT,
    location_admin1 VARCHAR, lead BOOLEAN, source_root VARCHAR, target_root VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, idx INTEGER, text VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR,
    speaker_country VARCHAR, cue VARCHAR, sentence INTEGER, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, idx INTEGER, name VARCHAR, code VARCHAR, country VARCHAR, role VARCHAR,
    kind VARCHAR, resolved_by VARCHAR, mentions INTEGER
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, actor_idx INTEGER, span_start INTEGER, span_end INTEGER, sentence INTEGER,
    how VARCHAR
);
CREATE TABLE IF NOT EXISTS counts (
    article_id VARCHAR, value DOUBLE, text VARCHAR, what VARCHAR, location VARCHAR, sentence INTEGER
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, kind VARCHAR,
    sentence INTEGER, geonames_id BIGINT, admin1 VARCHAR
);
CREATE TABLE IF NOT EXISTS article_bands (article_id VARCHAR, band TINYINT, hash BIGINT);
CREATE SEQUENCE IF NOT EXISTS error_ids;
CREATE TABLE IF NOT EXISTS errors (
    id BIGINT DEFAULT nextval('error_ids'), article_id VARCHAR, source VARCHAR, reason VARCHAR,
    logged_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT OR IGNORE INTO meta VALUES ('schema_version', '7');
"""
SCHEMA_VERSION = "7"
# Columns the store keeps for its own queries (never exported): ``lead`` is true on the
# first report of its event cluster (first ingested, then article id, then index), so a
# query counts clusters in one pass; ``source_root``/``target_root`` hold the code's first
# three letters where they differ from the actor's country ("MNC" of an MNCUSA company,
# "IGO" of the UN), so a country filter is one equality on most rows (see queries.dyads).
INTERNAL_COLUMNS = ("lead", "source_root", "target_root")
ROOT_SQL = "CASE WHEN left({col}_code, 3) IS DISTINCT FROM {col}_country THEN left({col}_code, 3) END"
# lead of rows in ``rows`` (all of one batch, so ingested at once) given the events stored
LEAD_SQL = ("row_number() OVER (PARTITION BY cluster_id ORDER BY article_id, idx) = 1 "
            "AND cluster_id NOT IN (SELECT o.cluster_id FROM events o WHERE o.cluster_id IN "
            "(SELECT cluster_id FROM {rows}) AND o.cluster_id IS NOT NULL)")
_ALL_LEADS = "row_number() OVER (PARTITION BY e.cluster_id ORDER BY a.ingested_at, e.article_id, e.idx) = 1"
_ROOTS = f"{ROOT_SQL.format(col='source')} AS source_root, {ROOT_SQL.format(col='target')} AS target_root"
# what brings a store of an earlier version up to this one, applied when it is opened for
# writing (the clusters view is then made anew); a read-only open leaves the file as it is
# and reads it through temporary views that add the new columns (SHIMS: NULL, or computed)
MIGRATIONS = {
    "4": """
ALTER TABLE places ADD COLUMN IF NOT EXISTS geonames_id BIGINT;
ALTER TABLE places ADD COLUMN IF NOT EXISTS admin1 VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_kind VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_geonames_id BIGINT;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_admin1 VARCHAR;
DROP VIEW IF EXISTS clusters;
UPDATE meta SET value = '5' WHERE key = 'schema_version';
""",
    "5": f"""
ALTER TABLE events ADD COLUMN IF NOT EXISTS lead BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_root VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_root VARCHAR;
UPDATE events SET source_root = {ROOT_SQL.format(col='source')}, target_root = {ROOT_SQL.format(col='target')};
UPDATE events SET lead = f.lead FROM (
    SELECT e.article_id, e.idx, {_ALL_LEADS} AS lead
    FROM events e LEFT JOIN articles a ON a.id = e.article_id) f
WHERE events.article_id = f.article_id AND events.idx = f.idx;
DROP VIEW IF EXISTS clusters;
UPDATE meta SET value = '6' WHERE key = 'schema_version';
""",
    "6": """
ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone DOUBLE;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone_positive DOUBLE;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone_negative DOUBLE;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS word_count INTEGER;
UPDATE meta SET value = '7' WHERE key = 'schema_version';
""",
}
# a read-only open of an older store reads its events through a view with these columns
_EVENTS_SHIM = (f"SELECT e.*, {{extra}}{_ALL_LEADS} AS lead, {_ROOTS} "
                "FROM {db}.main.events e LEFT JOIN {db}.main.articles a ON a.id = e.article_id")
# articles of a store before tone was measured (schema 6 and older): tone unknown
_ARTICLES_SHIM = ("SELECT *, NULL::DOUBLE AS tone, NULL::DOUBLE AS tone_positive, NULL::DOUBLE AS "
                  "tone_negative, NULL::INTEGER AS word_count FROM {db}.main.articles")
SHIMS = {
    "4": {"events": _EVENTS_SHIM.replace("{extra}", "NULL::VARCHAR AS location_kind, NULL::BIGINT AS "
                                         "location_geonames_id, NULL::VARCHAR AS location_admin1, "),
          "places": "SELECT *, NULL::BIGINT AS geonames_id, NULL::VARCHAR AS admin1 FROM {db}.main.places",
          "articles": _ARTICLES_SHIM},
    "5": {"events": _EVENTS_SHIM.replace("{extra}", ""), "articles": _ARTICLES_SHIM},
    "6": {"articles": _ARTICLES_SHIM},
}
# the first report's value (first ingested, then article id, then event index)
_FIRST = "{'t': a.ingested_at, 'a': a.id, 'i': e.idx}"
# where the event happened, from the first report that says where
_LOCATED = ",\n".join(
    f"       arg_min(e.{col}, {_FIRST}) FILTER (WHERE e.location IS NOT NULL) AS {col}"
    for col in ("location", "location_country", "lat", "lon", "location_kind",
                "location_geonames_id", "location_admin1")) + ","
CLUSTERS_SQL = """
SELECT e.cluster_id, min(e.date) AS date, any_value(e.date_value) AS date_value,
       e.source_code, any_value(e.source_country) AS source_country,
       any_value(e.source_name) AS source_name, e.target_code,
       any_value(e.target_country) AS target_country, any_value(e.target_name) AS target_name,
       e.cameo, any_value(e.cameo_root) AS cameo_root, any_value(e.cameo_name) AS cameo_name,
       any_value(e.plover) AS plover, any_value(e.quad_class) AS quad_class,
       any_value(e.goldstein) AS goldstein, count(*) AS num_mentions,
       count(DISTINCT e.article_id) AS num_articles,
       count(DISTINCT coalesce(a.site, a.id)) AS num_sources,
{located}
       min(e.sentence) AS sentence,
       arg_min(a.url, {first}) AS url,
       arg_min(a.id, {first}) AS first_article_id,
       min(a.ingested_at) AS first_ingested
FROM events e JOIN articles a ON a.id = e.article_id
{where}
GROUP BY e.cluster_id, e.source_code, e.target_code, e.cameo""".replace("{located}", _LOCATED).replace(
    "{first}", _FIRST)
EXPORT_QUERY = (
    # ids as text: JavaScript and R round a 60-bit integer
    f"SELECT e.* EXCLUDE ({', '.join(INTERNAL_COLUMNS)}) REPLACE (CAST(e.cluster_id AS VARCHAR) AS cluster_id), substr(a.text, e.span_start + 1, e.span_end - e.span_start) AS sentence_text, "
    "a.title AS article_title, a.url AS article_url FROM events e JOIN articles a ON a.id = e.article_id "
    "ORDER BY e.date NULLS LAST, e.article_id, e.idx"
)
