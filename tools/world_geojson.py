"""Write ``src/tidings/web/static/world.geojson``: the country shapes the dashboard's map
draws, shipped with the app (no tile server, no network when it runs).

Input: the Natural Earth country shapes (public domain) at 1:110m as TopoJSON from the
npm package world-atlas (ISC licence):

    npm pack world-atlas@2.0.2
    mkdir world && tar xzf world-atlas-2.0.2.tgz -C world
    python tools/world_geojson.py world/package/countries-110m.json > src/tidings/web/static/world.geojson

Standard library and pycountry only. The topology's arcs are decoded (see
``country_points.py``); each country becomes a GeoJSON feature whose ``id`` is its
ISO 3166 alpha-3 code (from the numeric code world-atlas gives; Kosovo, which has
none there, as XKX; Northern Cyprus and Somaliland, which have no code, are kept
with their name as id), with ``properties.name``. Coordinates are rounded to two
decimals (about a kilometre: finer than the 1:110m shapes); a ring that crosses the
antimeridian (Fiji, Chukotka) has its west side moved east by 360 degrees so that it is
drawn as one shape, not a line across the world. Antarctica is left out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from country_points import decode_arcs, ring, unwrap  # noqa: E402

NO_NUMERIC = {"Kosovo": "XKX"}
LEFT_OUT = {"ATA"}  # Antarctica: no events, and a third of the map's height


def polygons(g: dict, arcs: list[list[tuple[float, float]]]) -> list[list[list[list[float]]]]:
    """A geometry's polygons, each a list of rings of [lon, lat]."""
    polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
    return [[[[round(x, 2), round(y, 2)] for x, y in unwrap(ring(arcs, refs))] for refs in poly]
            for poly in polys]


def feature_id(g: dict) -> str:
    import pycountry

    name = g["properties"]["name"]
    code = g.get("id")
    country = pycountry.countries.get(numeric=str(code).zfill(3)) if code else None
    return country.alpha_3 if country else NO_NUMERIC.get(name, name)


def main(argv: list[str]) -> int:
    topo = json.load(open(argv[-1], encoding="utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("type") not in ("Polygon", "MultiPolygon") or feature_id(g) in LEFT_OUT:
            continue
        polys = polygons(g, arcs)
        geometry = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                    else {"type": "MultiPolygon", "coordinates": polys})
        features.append({"type": "Feature", "id": feature_id(g),
                         "properties": {"name": g["properties"]["name"]}, "geometry": geometry})
    features.sort(key=lambda f: f["id"])
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
