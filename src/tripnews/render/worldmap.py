"""Draw a story's places and trip legs on a world basemap as one inline SVG string.

The basemap is Natural Earth's public-domain 1:110m country outlines, shipped in
``data/world_countries.json`` (built once by ``scripts/build_basemap.py``); nothing
is fetched. The projection is Miller cylindrical, chosen because it keeps the
poles finite and lets the map wrap round the antimeridian by plain translation,
so a Washington-Hawaii-Tokyo trip is drawn across the Pacific, not across Europe.

    svg = render_map([MapPoint("tokyo", "Tokyo", 35.69, 139.69, 3)], [], title="Trip")

Coordinates inside the SVG are "map units": one unit is a tenth of a degree of
longitude, so every number is formatted the same way and the output is
byte-stable for the same input.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

UNITS_PER_DEGREE = 10  # matches the basemap's quantum: integers all the way
WORLD_WIDTH = 360 * UNITS_PER_DEGREE
# Stories in one city still need context around them: the view is at least
# this many degrees wide.
MIN_VIEW_DEGREES = 40.0
# Breathing room round the outermost places, as a share of the view, plus
# room on the east for the names written to the right of the markers.
VIEW_PADDING = 0.12
LABEL_ROOM = 0.08
# Width over height of the drawn map: wide, like a page column.
ASPECT = 2.0
# Miller y at the latitudes the view may reach: nothing lies beyond, and the
# projection stretches without bound towards the poles.
LAT_LIMIT = 84.0
GRATICULE_STEP_DEGREES = 30
# Arrow curves bend sideways by this share of their length, so legs between the
# same two places stay apart instead of drawing over each other.
ARROW_BEND = 0.18
# Past this many legs the arrows carry only their number; the legend says the rest.
MAX_LONG_ARROW_LABELS = 8
# An arrow shorter than this share of the view has no room for names: number only.
SHORT_ARROW_SHARE = 0.15


# Characters an HTML document may not carry (C0/C1 controls but tab and newlines,
# lone surrogates, noncharacters): scraped text can hold any of them.
_NOT_HTML_TEXT = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def esc(text: str) -> str:
    """Return ``text`` safe as HTML text or attribute: escaped, unusable characters as U+FFFD."""
    return escape(_NOT_HTML_TEXT.sub("\ufffd", text))


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One place to mark: ``key`` is unique and names the page anchor it links to."""

    key: str
    label: str
    lat: float
    lon: float
    weight: int  # mentions: sets the marker's size
    visited: bool = False  # a trip leg goes there: drawn unlike a place only mentioned


@dataclass(frozen=True, slots=True)
class MapArrow:
    """One trip leg from one marked place to another, with a short label and a long title."""

    source: str  # MapPoint.key
    target: str  # MapPoint.key
    label: str  # e.g. "2. Blinken, Austin · 15 Mar"
    short_label: str  # e.g. "2", used where the long label has no room
    title: str
    href: str  # page anchor of the leg's evidence, e.g. "#leg-1-2"


@dataclass(frozen=True, slots=True)
class View:
    """The visible window in map units, plus the meridian where longitudes are unwrapped."""

    x: float
    y: float
    width: float
    height: float
    west: float  # longitudes below this are shifted east by 360 degrees


def miller_y(lat: float) -> float:
    """Return the Miller cylindrical northing of ``lat`` in degree-sized units."""
    phi = math.radians(max(-LAT_LIMIT, min(LAT_LIMIT, lat)))
    return math.degrees(1.25 * math.log(math.tan(math.pi / 4 + 0.4 * phi)))


def unwrap(lon: float, west: float) -> float:
    """Return ``lon`` moved by whole turns into ``[west, west + 360)``."""
    return (lon - west) % 360.0 + west


def project(lon: float, lat: float, west: float) -> tuple[float, float]:
    """Return SVG (x, y) map units for a point; y grows southwards as SVG wants."""
    return unwrap(lon, west) * UNITS_PER_DEGREE, -miller_y(lat) * UNITS_PER_DEGREE


def western_edge(lons: Sequence[float]) -> float:
    """Return the longitude that starts the shortest arc holding every ``lon``.

    The arc opens at the widest empty gap between neighbouring longitudes, so
    places on both sides of the antimeridian stay together.
    """
    if not lons:
        return -180.0
    ordered = sorted(lon % 360.0 for lon in lons)
    gaps = [(ordered[(i + 1) % len(ordered)] - ordered[i]) % 360.0 for i in range(len(ordered))]
    if len(ordered) == 1:
        return _signed(ordered[0])
    widest = max(range(len(gaps)), key=lambda i: (gaps[i], -i))
    return _signed(ordered[(widest + 1) % len(ordered)])


def _signed(lon: float) -> float:
    return lon - 360.0 if lon >= 180.0 else lon


def fit_view(coords: Sequence[tuple[float, float]]) -> View:
    """Return a 2:1 window that shows every (lat, lon) with a margin, or the world if none."""
    if not coords:
        return View(
            -180.0 * UNITS_PER_DEGREE,
            -miller_y(LAT_LIMIT) * UNITS_PER_DEGREE,
            float(WORLD_WIDTH),
            float(WORLD_WIDTH) / ASPECT,
            -180.0,
        )
    west = western_edge([lon for _lat, lon in coords])
    xs, ys = zip(*(project(lon, lat, west) for lat, lon in coords), strict=True)
    min_width = MIN_VIEW_DEGREES * UNITS_PER_DEGREE
    width = max(max(xs) - min(xs), min_width) * (1 + 2 * VIEW_PADDING + LABEL_ROOM)
    height = (max(ys) - min(ys)) * (1 + 2 * VIEW_PADDING)
    width = min(max(width, height * ASPECT), float(WORLD_WIDTH))
    height = width / ASPECT
    cx, cy = (max(xs) + min(xs)) / 2 + width * LABEL_ROOM / 2, (max(ys) + min(ys)) / 2
    top_limit = -miller_y(LAT_LIMIT) * UNITS_PER_DEGREE
    top = min(max(cy - height / 2, top_limit), -top_limit - height)
    return View(cx - width / 2, top, width, height, west)


@cache
def _countries() -> tuple[tuple[str, str | None, tuple[tuple[int, ...], ...]], ...]:
    raw = resources.files("tripnews").joinpath("data", "world_countries.json").read_text("utf-8")
    document = json.loads(raw)
    return tuple(
        (
            str(c["name"]),
            str(c["iso_a2"]) if c.get("iso_a2") else None,
            tuple(tuple(int(v) for v in ring) for ring in c["rings"]),
        )
        for c in document["countries"]
    )


@cache
def _country_shapes() -> tuple[tuple[str, str | None, str, tuple[int, int, int, int]], ...]:
    """Return (name, ISO alpha-2, path data, bbox) per country in map units, projected once."""
    shapes = []
    for name, iso_a2, rings in _countries():
        parts = []
        xs: list[int] = []
        ys: list[int] = []
        for ring in rings:
            points = []
            for i in range(0, len(ring), 2):
                x = ring[i]
                y = round(-miller_y(ring[i + 1] / UNITS_PER_DEGREE) * UNITS_PER_DEGREE)
                xs.append(x)
                ys.append(y)
                points.append(f"{x} {y}")
            parts.append("M" + "L".join(points) + "Z")
        shapes.append((name, iso_a2, "".join(parts), (min(xs), min(ys), max(xs), max(ys))))
    return tuple(shapes)


def _num(value: float) -> str:
    """Format a coordinate with one decimal, never as ``-0.0``."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


NAMED_CLASS = ' class="named"'


LAND_ID = "tn-land"


def land_defs() -> str:
    """Every country outline once, as a hidden SVG whose paths the maps of one page reuse
    (``render_map(..., shared_land=True)``): a page of many maps carries the basemap once."""
    paths = "".join(
        f'<path id="{LAND_ID}-{i}" d="{d}"/>' for i, (_n, _c, d, _b) in enumerate(_country_shapes())
    )
    return (
        '<svg class="land-defs" width="0" height="0" aria-hidden="true" focusable="false">'
        f"<defs>{paths}</defs></svg>"
    )


def _basemap(view: View, named: frozenset[str], shared: bool) -> list[str]:
    """Return the country paths, repeated a turn east or west where the view wraps.

    Countries whose ISO alpha-2 code is in ``named`` are shaded: the story names them.
    With ``shared``, each country is a ``<use>`` of the page's ``land_defs()``.
    """
    out = ['<g class="land" aria-hidden="true">']
    bottom = view.y + view.height
    for turn in (-1, 0, 1):
        shift = turn * WORLD_WIDTH
        left, right = view.x - shift, view.x + view.width - shift
        paths = [
            (
                f'<use href="#{LAND_ID}-{i}"{NAMED_CLASS if iso_a2 in named else ""}>'
                f"<title>{esc(name)}</title></use>"
                if shared
                else f'<path{NAMED_CLASS if iso_a2 in named else ""} d="{d}">'
                f"<title>{esc(name)}</title></path>"
            )
            for i, (name, iso_a2, d, (x0, y0, x1, y1)) in enumerate(_country_shapes())
            if x1 >= left and x0 <= right and y1 >= view.y and y0 <= bottom
        ]
        if not paths:
            continue
        transform = f' transform="translate({shift} 0)"' if shift else ""
        out.append(f"<g{transform}>" + "".join(paths) + "</g>")
    out.append("</g>")
    return out


def _graticule(view: View) -> str:
    """Return faint meridians and parallels every few tens of degrees."""
    step = GRATICULE_STEP_DEGREES * UNITS_PER_DEGREE
    lines = []
    first = math.ceil(view.x / step) * step
    for x in range(int(first), int(view.x + view.width) + 1, step):
        lines.append(f"M{x} {_num(view.y)}V{_num(view.y + view.height)}")
    for lat in range(-90 + GRATICULE_STEP_DEGREES, 90, GRATICULE_STEP_DEGREES):
        y = -miller_y(lat) * UNITS_PER_DEGREE
        if view.y <= y <= view.y + view.height:
            lines.append(f"M{_num(view.x)} {_num(y)}H{_num(view.x + view.width)}")
    return f'<path class="graticule" aria-hidden="true" d="{"".join(lines)}"/>'


def marker_radius(weight: int, view: View) -> float:
    """Return a marker radius growing with the square root of mentions, capped."""
    unit = view.width / 400  # about 2.5 px on a 1000 px-wide map
    return unit * (2.0 + 1.2 * math.sqrt(min(max(weight, 1), 36)))


def _arrow_path(
    start: tuple[float, float],
    end: tuple[float, float],
    bend: float,
    gap_start: float,
    gap_end: float,
) -> tuple[str, tuple[float, float]]:
    """Return a curved path from ``start`` to ``end`` stopping short of both markers."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    sx, sy = start[0] + ux * gap_start, start[1] + uy * gap_start
    ex, ey = end[0] - ux * gap_end, end[1] - uy * gap_end
    # Control point off the chord's middle, perpendicular to it.
    cx = (start[0] + end[0]) / 2 - uy * bend * length
    cy = (start[1] + end[1]) / 2 + ux * bend * length
    middle = ((sx + 2 * cx + ex) / 4, (sy + 2 * cy + ey) / 4)
    d = f"M{_num(sx)} {_num(sy)}Q{_num(cx)} {_num(cy)} {_num(ex)} {_num(ey)}"
    return d, middle


def _arrows(
    arrows: Sequence[MapArrow],
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    view: View,
    head: str,
) -> list[str]:
    out = ['<g class="legs">']
    seen: dict[tuple[str, str], int] = {}
    font = view.width / 75
    long_labels = len(arrows) <= MAX_LONG_ARROW_LABELS
    for arrow in arrows:
        if arrow.source not in positions or arrow.target not in positions:
            continue
        pair = (min(arrow.source, arrow.target), max(arrow.source, arrow.target))
        repeat = seen.get(pair, 0)
        seen[pair] = repeat + 1
        bend = ARROW_BEND * (1 + repeat // 2) * (1 if repeat % 2 == 0 else -1)
        d, (mx, my) = _arrow_path(
            positions[arrow.source],
            positions[arrow.target],
            bend,
            radii[arrow.source] * 1.4,
            radii[arrow.target] * 1.8,
        )
        chord = math.dist(positions[arrow.source], positions[arrow.target])
        roomy = long_labels and chord >= view.width * SHORT_ARROW_SHARE
        label = arrow.label if roomy else arrow.short_label
        out.append(
            f'<a href="{esc(arrow.href)}" class="leg" aria-label="{esc(arrow.title)}">'
            f"<title>{esc(arrow.title)}</title>"
            f'<path d="{d}" marker-end="url(#{head})"/>'
            f'<text x="{_num(mx)}" y="{_num(my)}" font-size="{_num(font)}" '
            f'text-anchor="middle">{esc(label)}</text></a>'
        )
    out.append("</g>")
    return out


def _markers(
    points: Sequence[MapPoint],
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    view: View,
) -> list[str]:
    out = ['<g class="places">']
    font = view.width / 60
    labels = _place_labels(points, positions, radii, font)
    # Big markers first so small ones are drawn on top and stay clickable.
    for point in sorted(points, key=lambda p: (-p.weight, p.key)):
        x, y = positions[point.key]
        r = radii[point.key]
        mentions = "mention" if point.weight == 1 else "mentions"
        title = f"{point.label}: {point.weight} {mentions}"
        label = labels.get(point.key)
        text = (
            f'<text x="{_num(label[0])}" y="{_num(label[1])}" text-anchor="{label[2]}" '
            f'font-size="{_num(font)}">{esc(point.label)}</text>'
            if label is not None
            else ""  # no room beside the marker: its name is in the title and the list below
        )
        kind = "place visited" if point.visited else "place"
        out.append(
            f'<a href="#place-{esc(point.key)}" class="{kind}" '
            f'data-place="{esc(point.label)}" aria-label="{esc(title)}">'
            f"<title>{esc(title)}</title>"
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}"/>{text}</a>'
        )
    out.append("</g>")
    return out


# Where a label may sit around its marker, in order of preference: (dx, dy) in radii
# and fonts, and the text anchor.
_LABEL_SPOTS = (
    (1.3, -0.6, 0.0, "start"),
    (1.3, 0.6, 1.0, "start"),
    (-1.3, -0.6, 0.0, "end"),
    (-1.3, 0.6, 1.0, "end"),
    (0.0, -1.4, 0.0, "middle"),
    (0.0, 1.4, 1.0, "middle"),
)
CHAR_WIDTH = 0.6  # of the font size: a generous average for the sans-serif labels


def _place_labels(
    points: Sequence[MapPoint],
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    font: float,
) -> dict[str, tuple[float, float, str]]:
    """Label positions that overlap no other label or marker, placed most-mentioned first;
    a label with no free spot is left out rather than drawn over another."""
    taken = [
        (x - r, y - r, x + r, y + r) for key, (x, y) in positions.items() for r in (radii[key],)
    ]
    placed: dict[str, tuple[float, float, str]] = {}
    for point in sorted(points, key=lambda p: (-p.weight, p.key)):
        x, y = positions[point.key]
        r = radii[point.key]
        width = len(point.label) * font * CHAR_WIDTH
        for dx, dy, below, anchor in _LABEL_SPOTS:
            tx, ty = x + dx * r, y + dy * r + below * font
            left = {"start": tx, "end": tx - width, "middle": tx - width / 2}[anchor]
            box = (left, ty - font * 0.8, left + width, ty + font * 0.2)
            own = (x - r, y - r, x + r, y + r)
            if not any(_overlap(box, other) for other in taken if other != own):
                placed[point.key] = (tx, ty, anchor)
                taken.append(box)
                break
    return placed


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def render_map(
    points: Sequence[MapPoint],
    arrows: Sequence[MapArrow],
    *,
    title: str,
    description: str = "",
    fit: Sequence[tuple[float, float]] | None = None,
    named_countries: frozenset[str] = frozenset(),
    ids: str = "tn",
    shared_land: bool = False,
) -> str:
    """Return an accessible inline ``<svg>`` of the basemap, place markers and leg arrows.

    The view fits the (lat, lon) pairs in ``fit``, or every point when it is None;
    markers outside the view are simply cut off by its edge. Countries whose
    ISO alpha-2 code is in ``named_countries`` are shaded. ``ids`` prefixes the ids the
    SVG defines, so several maps can share a page; ``shared_land`` draws the countries
    from the page's ``land_defs()``.
    """
    view = fit_view(list(fit) if fit is not None else [(p.lat, p.lon) for p in points])
    positions = {p.key: project(p.lon, p.lat, view.west) for p in points}
    radii = {p.key: marker_radius(p.weight, view) for p in points}
    head = view.width / 160
    box = f"{_num(view.x)} {_num(view.y)} {_num(view.width)} {_num(view.height)}"
    parts = [
        f'<svg class="worldmap" viewBox="{box}" '
        f'role="img" aria-labelledby="{ids}-map-title {ids}-map-desc" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{ids}-map-title">{esc(title)}</title>',
        f'<desc id="{ids}-map-desc">{esc(description)}</desc>',
        "<defs>"
        f'<marker id="{ids}-arrowhead" class="arrowhead" viewBox="0 0 10 10" refX="8" refY="5" '
        f'markerUnits="userSpaceOnUse" markerWidth="{_num(head * 2)}" '
        f'markerHeight="{_num(head * 2)}" orient="auto-start-reverse">'
        '<path d="M0 0L10 5L0 10Z"/></marker></defs>',
        f'<rect class="sea" x="{_num(view.x)}" y="{_num(view.y)}" '
        f'width="{_num(view.width)}" height="{_num(view.height)}"/>',
        _graticule(view),
        *_basemap(view, named_countries, shared_land),
        *_arrows(arrows, positions, radii, view, f"{ids}-arrowhead"),
        *_markers(points, positions, radii, view),
        "</svg>",
    ]
    return "\n".join(parts)
