"""Fuzzing the JSON API from its own OpenAPI document: Schemathesis-generated requests
(valid and invalid) for every operation, hostile strings (SQL injection, NUL bytes,
path traversal, 10 kB) in every parameter of every operation, and raw traversal paths
on the page and article routes. Nothing may answer 5xx, leak a traceback, return rows
for an injected filter, change the store or create a file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from tests.webstore import raw_get, serving

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

EXAMPLES = int(os.environ.get("TIDINGS_FUZZ_EXAMPLES", "0"))  # > 0: a longer random run
API_SETTINGS = settings(max_examples=EXAMPLES or 60, deadline=None, derandomize=not EXAMPLES,
                        database=None, suppress_health_check=list(HealthCheck))
TRACEBACK_MARKS = ("Traceback", 'File "', "duckdb.", "Error:", "/site-packages/")




@pytest.fixture(scope="module")
def spec(client):
    res = client.get("/openapi.json")
    assert res.status_code == 200
    return res.json()


def operations(spec: dict) -> list[tuple[str, str, dict]]:
    """(method, path, operation) for every operation the document lists."""
    out = [(method.upper(), path, op) for path, item in spec["paths"].items()
           for method, op in item.items() if method in ("get", "put", "post", "delete", "patch")]
    assert len(out) >= 8, out
    return out


def table_counts(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def files_under(*dirs: Path) -> set[Path]:
    return {p for d in dirs if d.exists() for p in d.rglob("*")}


DOWNLOADS = ("text/csv", "application/vnd.apache.parquet")


def check_response(res, where: object, sent: str = "") -> None:  # noqa: ANN001
    """What every API answer must be: no 5xx, JSON, no traceback, errors as {"error"}.
    ``sent`` is what the request carried (an error message may quote it)."""
    body = res.text
    assert res.status_code < 500, (where, res.status_code, body[:300])
    for mark in TRACEBACK_MARKS:
        if mark not in sent and (res.status_code != 200 or mark in ('File "', "Traceback")):
            assert mark not in body, (where, mark, body[:300])
    ctype = _header(res, "content-type")
    if res.status_code == 200 and ctype.startswith(DOWNLOADS):  # the overview's files
        assert _header(res, "content-disposition").startswith("attachment;"), where
        assert _header(res, "x-content-type-options") == "nosniff", where
        return
    assert ctype.startswith("application/json"), (where, res.status_code, ctype)
    data = json.loads(body)
    if res.status_code >= 400:
        assert isinstance(data, dict) and set(data) == {"error"} and isinstance(data["error"], str), (where, data)
    assert _header(res, "x-content-type-options") == "nosniff", where


def _header(res, name: str) -> str:  # noqa: ANN001
    """A header of an httpx response or a Schemathesis one (whose values are lists)."""
    value = res.headers.get(name, "")
    return value[0] if isinstance(value, list) else value


def test_the_document_says_what_errors_look_like(client, spec):
    """Every operation documents its 400, 404 and 422 answers as {"error": "..."}, the body
    the app sends (FastAPI's default 422 is {"detail": [...]}: Schemathesis found the
    undocumented 400s and the wrong 422 body)."""
    for _method, path, op in operations(spec):
        for status in ("400", "404", "422"):
            schema = op["responses"][status]["content"]["application/json"]["schema"]
            name = schema["$ref"].rsplit("/", 1)[-1]
            body = spec["components"]["schemas"][name]
            assert body["properties"] == {"error": {"type": "string", "title": "Error"}}, (path, status)
            assert body["required"] == ["error"]
    res = client.get("/api/events?limit=ten")
    assert res.status_code == 422 and set(res.json()) == {"error"}


def test_non_ascii_digits_are_no_cameo_code_or_date(client):
    """"١٣" (Arabic-Indic 13) matched the CAMEO check's \\d and was taken as a code
    prefix: a 200 with nothing found instead of a 400 saying what cameo takes."""
    for value in ("\u0661\u0663", "\uff11\uff13", "1\u0663"):
        res = client.get(f"/api/events?cameo={quote(value)}")
        check_response(res, value)
        assert res.status_code == 400 and "cameo takes" in res.json()["error"], value
        res = client.get(f"/api/events?since={quote('٢٠٢٤-٠١-٠١')}")
        assert res.status_code == 400 and "since takes a date" in res.json()["error"]
    assert client.get("/api/events?cameo=13").json()["total"] > 0


# -- Schemathesis: generated requests against the document ---------------------------------
@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_generated_requests_never_fail_the_server(api_schema, db, tmp_path, mode):
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    before, files = table_counts(db), files_under(db.parent)
    failures: list[str] = []
    seen: list[str] = []
    for result in api_schema.get_all_operations():
        op = result.ok()
        seen.append(op.label)

        @API_SETTINGS
        @given(case=op.as_strategy(generation_mode=GenerationMode(mode)))
        def run(case) -> None:  # noqa: ANN001
            res = case.call()
            case.validate_response(res, checks=checks)
            check_response(res, (case.method, case.formatted_path, case.query),
                           sent=f"{case.path_parameters} {case.query}")

        try:
            run()
        except Unsatisfiable:
            assert mode == "negative", op.label  # nothing in it can be made invalid
        except Exception as exc:  # noqa: BLE001 - every operation is tried; all failures reported
            failures.append(f"{op.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    assert len(seen) >= 8, seen
    assert not failures, "\n\n".join(failures)
    assert table_counts(db) == before and files_under(db.parent) == files


# -- hostile strings in every parameter of every operation ----------------------------------
HOSTILE = ["' OR 1=1 --", "1; DROP TABLE events", "USA'); COPY events TO '/tmp/x'; --",
           "KOR' UNION SELECT text FROM articles --", "\u2019 OR \u20181\u2019=\u20181", "\uff07 OR 1=1 --",
           "\u201cUSA\u201d OR \u201c1\u201d=\u201c1\u201d", "\x00", "USA\x00PRK", "a\x00' OR 1=1 --",
           "x" * 10_240, "'" * 10_240, "%00", "%", "_", "\\", "../../etc/passwd", "..%2f..%2fetc%2fpasswd",
           "/etc/passwd", "file:///etc/passwd", "..\\..\\windows\\win.ini", "${jndi:ldap://x}",
           "<script>alert(1)</script>", "2024-01-01'; --", "-1", "1e999", "NaN", b"\xed\xa0\xbdx", b"\xff\xfe%",
           "\U0001f600", "\u202eUSA", "USA\r\nX-Injected: 1"]
# a valid value for each required parameter, so the request reaches the code behind it
VALID = {"a": "KOR", "b": "PRK", "period": "2024-03-01", "direction": "KOR->PRK",
         "article_id": "sample-2024-01-10", "id": "sample-2024-01-10", "table": "latest"}


def _url(path: str, params: dict[str, str | bytes]) -> str:
    """``path`` with its {placeholders} filled and a query, every value %-encoded (bytes
    as they are: invalid UTF-8 on purpose)."""
    for name in list(params):
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", quote(params.pop(name), safe=""))
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())
    return f"{path}?{query}" if query else path


def _rows(body: object) -> object:
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for key in ("items", "edges"):
            if key in body:
                return body[key]
    return None


def test_hostile_values_in_every_parameter(client, spec, db, tmp_path):
    tmp_x = Path("/tmp/x")
    x_before = tmp_x.stat().st_mtime_ns if tmp_x.exists() else None
    before, files = table_counts(db), files_under(db.parent, tmp_path)
    hostile = [*HOSTILE, f"USA'); COPY events TO '{tmp_path / 'leak.csv'}'; --",
               f"x'); ATTACH '{tmp_path / 'evil.duckdb'}' AS evil; --"]
    tried = 0
    for method, path, op in operations(spec):
        params = [p for p in op.get("parameters", []) if p["in"] in ("query", "path")]
        required = {p["name"]: VALID.get(p["name"]) for p in params if p.get("required")}
        assert all(required.values()), f"add a valid value for {path}'s required {required} to VALID"
        base = client.request(method, _url(path, dict(required)))
        check_response(base, (path, "baseline"))
        assert base.status_code == 200, (path, base.text[:200])
        for p in params:
            for value in hostile:
                tried += 1
                res = client.request(method, _url(path, {**required, p["name"]: value}))
                where = (method, path, p["name"], value[:60])
                check_response(res, where, sent=str(value))
                assert res.status_code in (200, 400, 404, 422), where
                if res.status_code != 200:
                    continue
                if not res.headers["content-type"].startswith("application/json"):  # a download
                    assert p["name"] in ("limit", "top", "min_events") or res.content == base.content, where
                    continue
                rows = _rows(res.json())
                # a 200 is either nothing found or the parameter was ignored (paging, ordering)
                assert rows == [] or res.json() == base.json() or (
                    p["name"] in ("q", "speaker") and value in ("%", "_", "\\")), (where, str(rows)[:300])
                if isinstance(res.json(), dict) and rows == []:
                    assert res.json().get("total", 0) == 0 or p["name"] in ("offset",), where
    assert tried > 100
    assert table_counts(db) == before
    assert files_under(db.parent, tmp_path) == files
    assert (tmp_x.stat().st_mtime_ns if tmp_x.exists() else None) == x_before


def test_hostile_values_as_unknown_and_repeated_parameters(client, spec):
    for method, path, op in operations(spec):
        required = {p["name"]: VALID[p["name"]] for p in op.get("parameters", []) if p.get("required")}
        url = _url(path, dict(required))
        sep = "&" if "?" in url else "?"
        for value in ("' OR 1=1 --", "\x00", "x" * 10_240):
            res = client.request(method, f"{url}{sep}evil={quote(value, safe='')}")
            check_response(res, (path, "evil"))
            assert res.status_code == 200, (path, res.status_code)
        for p in op.get("parameters", []):
            if p["in"] == "query":  # the same name twice: one value is used, no 500
                res = client.request(method, f"{url}{sep}{p['name']}=' OR 1=1 --&{p['name']}=x")
                check_response(res, (path, p["name"], "twice"))


# -- raw traversal on the page and article routes -------------------------------------------
RAW_PATHS = ["/articles/../../etc/passwd", "/articles/..%2f..%2fetc%2fpasswd", "/articles/%2e%2e/%2e%2e/etc/passwd",
             "/articles//etc/passwd", "/articles/file:///etc/passwd", "/articles/%00", "/articles/..",
             "/api/articles/../../etc/passwd", "/api/articles/..%2f..%2fetc%2fpasswd",
             "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/articles//etc/passwd",
             "/api/articles/file:///etc/passwd", "/api/articles/%00", "/api/articles/' OR 1=1 --".replace(" ", "%20"),
             "/events/../../etc/passwd", "/events/..%2f..%2fpyproject.toml", "/network/%2e%2e/app.py",
             "/quotes/..", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2fapp.py",
             "/static/..%2f__init__.py", "/static/_layout.html", "/static/", "/static", "/openapi.json/../etc/passwd",
             "/api/../../etc/passwd", "/api/stats/..%2f..%2fetc%2fpasswd", "/index.html", "/article.html",
             "/static/style.css%00.py", "/%00", "/articles/" + "a" * 10_000]


@pytest.fixture(scope="module")
def live(app):
    with serving(app) as port:
        yield port


def test_raw_traversal_on_page_and_article_routes(live):
    for path in RAW_PATHS:  # byte for byte: no client normalises the dots away
        status, data = raw_get(live, path)
        head, _, body = data.partition(b"\r\n\r\n")
        assert status in (400, 404), (path, status, body[:200])
        assert b"root:" not in body and b"[project]" not in body and b"create_app" not in body, path
        assert b"Traceback" not in body and b'File "' not in body, path
        if b"application/json" in head:
            assert set(json.loads(body)) == {"error"}, path
        else:  # the article page shell for an unknown id, or uvicorn's own 400
            assert b"text/html" in head or b"text/plain" in head, (path, head)
