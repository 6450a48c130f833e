"""Write ``src/tidings/rules/data/country_points.tsv`` (and ``state_points.tsv``): the
point each country (each US state) is placed at, the centre of its largest land area
(not its capital: "Canada" is not Ottawa).

Input: the Natural Earth country shapes as TopoJSON from the npm package world-atlas
(ISC licence; Natural Earth is public domain), and the US Census state shapes (public
domain) from us-atlas (ISC):

    npm pack world-atlas@2.0.2 us-atlas@3.0.1
    mkdir world us && tar xzf world-atlas-2.0.2.tgz -C world && tar xzf us-atlas-3.0.1.tgz -C us
    python tools/country_points.py world/package/countries-50m.json > src/tidings/rules/data/country_points.tsv
    python tools/country_points.py --states us/package/states-10m.json > src/tidings/rules/data/state_points.tsv

Standard library and pycountry only. Each country's polygons are decoded from the
topology's arcs; the largest one (by area in degrees, which only ranks them) gives the
centroid of its outer ring, rounded to two decimals.
"""

from __future__ import annotations

import json
import sys


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for r in refs:
        a = arcs[r] if r >= 0 else arcs[~r][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def unwrap(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Chukotka) with its west side moved east by
    360 degrees, so that it is one shape."""
    if not any(abs(x1 - x0) > 180 for (x0, _), (x1, _) in zip(pts, pts[1:], strict=False)):
        return pts
    return [(x + 360 if x < 0 else x, y) for x, y in pts]


def area_centroid(pts: list[tuple[float, float]]) -> tuple[float, float, float]:
    pts = unwrap(pts)
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, pts[0][0], pts[0][1]
    x = cx / (3 * a)
    return abs(a) / 2, x - 360 if x > 180 else x, cy / (3 * a)


def largest(g: dict, arcs: list[list[tuple[float, float]]]) -> tuple[float, float, float] | None:
    """(area, lon, lat) of the largest polygon of a geometry."""
    if g.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
    return max((area_centroid(ring(arcs, p[0])) for p in polys), key=lambda t: t[0])


def main(argv: list[str]) -> int:
    import pycountry

    states = argv[0] == "--states"
    topo = json.load(open(argv[-1], encoding="utf-8"))
    arcs = decode_arcs(topo)
    if states:
        print("# The point a US state is placed at: the centre of its largest land area. Written by")
        print("# tools/country_points.py --states from US Census shapes (public domain) in us-atlas 3.0.1.")
        print("country\tname\tlat\tlon")
        rows = sorted((g["properties"]["name"], best) for g in topo["objects"]["states"]["geometries"]
                      if (best := largest(g, arcs)) is not None)
        for name, (_, lon, lat) in rows:
            print(f"USA\t{name}\t{round(lat, 2)}\t{round(lon, 2)}")
        return 0
    out: dict[str, tuple[float, float, float]] = {}  # iso3 -> (area, lon, lat) of its largest shape
    for g in topo["objects"]["countries"]["geometries"]:
        code = g.get("id")
        country = pycountry.countries.get(numeric=str(code).zfill(3)) if code else None
        best = largest(g, arcs) if country is not None else None
        if best is not None and best[0] > out.get(country.alpha_3, (-1.0,))[0]:
            out[country.alpha_3] = best
    print("# The point a country is placed at: the centre of its largest land area. Written by")
    print("# tools/country_points.py from Natural Earth shapes (public domain) in world-atlas 2.0.2.")
    print("iso3\tlat\tlon")
    for iso3, (_, lon, lat) in sorted(out.items()):
        print(f"{iso3}\t{round(lat, 2)}\t{round(lon, 2)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
