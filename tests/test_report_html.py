"""The HTML report: self-contained, escaped, deterministic, and right when a browser draws it.

Most tests render a hand-made two-article story shaped like the seeds' March 2021
trip (so they run without the extractors). The browser tests render it, and the
seeds' own digest when the pipeline runs, in headless Chromium (Debian's
``chromium``; installed by the session fixture when missing and possible).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from tripnews.model import (
    Article,
    DateMention,
    Mention,
    Organization,
    Person,
    Place,
    Published,
    Quote,
    Stats,
    TripLeg,
)
from tripnews.render import report_html, worldmap
from tripnews.render.report_html import articles_to_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_INSTALL_SECONDS = 900
BROWSER_SECONDS = 90
MAX_BASEMAP_BYTES = 300_000
# Resource-bearing attributes that would make the browser fetch something.
_REMOTE_ATTR = re.compile(
    r"""\b(?:src|href|xlink:href|srcset|poster|data|action)\s*=\s*["']?\s*(?:https?:)?//""", re.I
)


# --- a hand-made story ------------------------------------------------------------------


def _mentions(text: str, surfaces: Sequence[str]) -> tuple[Mention, ...]:
    """Return non-overlapping mentions of ``surfaces``, longest surface first."""
    found: list[Mention] = []
    for surface in sorted(surfaces, key=len, reverse=True):
        for m in re.finditer(re.escape(surface), text):
            if all(m.end() <= f.start or m.start() >= f.end for f in found):
                found.append(Mention(m.group(), m.start(), m.end()))
    return tuple(sorted(found, key=lambda m: m.start))


@dataclass
class _Draft:
    """Builds an Article whose mentions are found in its text, so offsets are always right."""

    text: str
    title: str | None
    source: str
    publisher: str | None = None
    published: str | None = None

    def build(
        self,
        people: Sequence[tuple[str, tuple[str, ...], Sequence[str]]] = (),
        places: Sequence[tuple[str, str, str, float, float]] = (),
        orgs: Sequence[str] = (),
        dates: Sequence[tuple[str, str | None, str]] = (),
        quotes: Sequence[tuple[str | None, str]] = (),
        trip: Sequence[tuple[tuple[str, ...], str, str | None, str, bool]] = (),
        summary: Sequence[str] = (),
    ) -> Article:
        text = self.text
        for sentence in (*summary, *(leg[3] for leg in trip)):
            assert sentence in text, sentence
        return Article(
            id="0" * 16,
            source=self.source,
            format="text",
            title=self.title,
            publisher=self.publisher,
            byline=None,
            published=Published(self.published, self.published, "meta") if self.published else None,
            dateline=None,
            text=text,
            removed=(),
            people=tuple(
                Person(name, roles, len(_mentions(text, s)), _mentions(text, s))
                for name, roles, s in people
            ),
            places=tuple(
                Place(
                    name, kind, cc, lat, lon, len(_mentions(text, [name])), _mentions(text, [name])
                )
                for name, kind, cc, lat, lon in places
            ),
            organizations=tuple(
                Organization(o, len(_mentions(text, [o])), _mentions(text, [o])) for o in orgs
            ),
            dates=tuple(
                DateMention(words, m.start, m.end, value, gran, value is not None)
                for words, value, gran in dates
                for m in [_mentions(text, [words])[0]]
            ),
            quotes=tuple(
                Quote(speaker, q, text.index(q), text.index(q) + len(q)) for speaker, q in quotes
            ),
            trip=tuple(
                TripLeg(tr, place, date, ev, planned) for tr, place, date, ev, planned in trip
            ),
            summary=tuple(summary),
            stats=Stats(len(text), len(text), len(text.split()), 0),
        )


TEXT_A = (
    "Antony Blinken and Lloyd Austin left Washington for Hawaii on Sunday.\n\n"
    "They arrive in Tokyo on Monday for talks.\n\n"
    "Blinken and Austin will travel to Seoul on Wednesday. "
    "“We will hold China accountable,” Blinken said.\n\n"
    "Austin then heads to Delhi, at a date not yet fixed.\n\n"
    "The Pentagon said the trip was a signal to Beijing."
)
TEXT_B = (
    "Blinken will meet Chinese officials in Anchorage on Thursday.\n\n"
    "Officials <script>alert('x')</script> said the talks in Anchorage matter, "
    "according to Yang Jiechi."
)
PLACES = {
    "Washington": ("city", "US", 38.895, -77.037),
    "Hawaii": ("state", "US", 20.75, -156.5),
    "Tokyo": ("city", "JP", 35.69, 139.69),
    "Seoul": ("city", "KR", 37.566, 126.978),
    "Delhi": ("city", "IN", 28.652, 77.231),
    "Anchorage": ("city", "US", 61.218, -149.9),
    "China": ("country", "CN", 35.0, 105.0),
    "Beijing": ("city", "CN", 39.907, 116.397),
}


def _places(names: Sequence[str]) -> list[tuple[str, str, str, float, float]]:
    return [(n, *PLACES[n]) for n in names]


def story_articles() -> list[Article]:
    """Two articles of one trip: four dated legs, one undated leg, an unresolved date."""
    first = _Draft(TEXT_A, "Top officials head to Asia", "seeds/a.txt", "Press Association")
    second = _Draft(
        TEXT_B, "Talks <b>in</b> Alaska", "seeds/b.html", None, published="2021-03-14T09:34:00"
    )
    return [
        first.build(
            people=[
                ("Antony Blinken", ("Secretary of State",), ["Antony Blinken", "Blinken"]),
                ("Lloyd Austin", ("Defence Secretary",), ["Lloyd Austin", "Austin"]),
            ],
            places=_places(["Washington", "Hawaii", "Tokyo", "Seoul", "Delhi", "China", "Beijing"]),
            orgs=["Pentagon"],
            dates=[
                ("on Sunday", "2021-03-14", "day"),
                ("on Monday", "2021-03-15", "day"),
                ("on Wednesday", "2021-03-17", "day"),
            ],
            quotes=[("Antony Blinken", "We will hold China accountable,")],
            trip=[
                (
                    ("Antony Blinken", "Lloyd Austin"),
                    "Washington",
                    "2021-03-14",
                    "Antony Blinken and Lloyd Austin left Washington for Hawaii on Sunday.",
                    False,
                ),
                (
                    ("Antony Blinken", "Lloyd Austin"),
                    "Hawaii",
                    "2021-03-14",
                    "Antony Blinken and Lloyd Austin left Washington for Hawaii on Sunday.",
                    False,
                ),
                (
                    ("Antony Blinken", "Lloyd Austin"),
                    "Tokyo",
                    "2021-03-15",
                    "They arrive in Tokyo on Monday for talks.",
                    False,
                ),
                (
                    ("Antony Blinken", "Lloyd Austin"),
                    "Seoul",
                    "2021-03-17",
                    "Blinken and Austin will travel to Seoul on Wednesday.",
                    True,
                ),
                (
                    ("Lloyd Austin",),
                    "Delhi",
                    None,
                    "Austin then heads to Delhi, at a date not yet fixed.",
                    True,
                ),
            ],
            summary=["They arrive in Tokyo on Monday for talks."],
        ),
        second.build(
            people=[("Antony Blinken", (), ["Blinken"]), ("Yang Jiechi", (), ["Yang Jiechi"])],
            places=_places(["Anchorage"]),
            dates=[("on Thursday", None, "day")],
            trip=[
                (
                    ("Antony Blinken",),
                    "Anchorage",
                    "2021-03-18",
                    "Blinken will meet Chinese officials in Anchorage on Thursday.",
                    True,
                ),
            ],
        ),
    ]


@pytest.fixture(scope="module")
def page() -> str:
    return articles_to_html(story_articles())


@pytest.fixture(scope="module")
def doc(page: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(page)


def marker_positions(tree: lxml_html.HtmlElement) -> dict[str, tuple[float, float]]:
    """Return each map marker's (x, y) in SVG units by place name."""
    out = {}
    for anchor in tree.iter("a"):
        name = anchor.get("data-place")
        circle = next(anchor.iter("circle"), None)
        if name and circle is not None:
            out[name] = (float(circle.get("cx")), float(circle.get("cy")))
    return out


# --- the page --------------------------------------------------------------------------


def test_same_input_gives_the_same_bytes() -> None:
    assert articles_to_html(story_articles()) == articles_to_html(story_articles())


def test_page_needs_nothing_from_outside(page: str) -> None:
    assert not _REMOTE_ATTR.search(page)
    assert "<script" not in page.lower()  # no scripts at all, let alone external ones
    assert "@import" not in page and "url(http" not in page
    assert "default-src 'none'" in page  # and the browser is told to refuse any load


def test_article_text_is_escaped_never_markup(page: str, doc: lxml_html.HtmlElement) -> None:
    assert "&lt;script&gt;alert(" in page
    assert "<b>in</b>" not in page
    assert "Talks <b>in</b> Alaska" in doc.text_content()


def test_map_places_trip_markers_where_a_reader_expects_them(doc: lxml_html.HtmlElement) -> None:
    at = marker_positions(doc)
    assert {"Washington", "Hawaii", "Tokyo", "Seoul", "Delhi", "Anchorage"} <= set(at)
    assert "China" not in at  # a country's centroid is not a point on a trip
    assert at["Anchorage"][1] < at["Tokyo"][1] < at["Delhi"][1]  # north is up
    assert at["Delhi"][0] < at["Seoul"][0] < at["Tokyo"][0]
    # The view wraps across the Pacific: Tokyo, then Hawaii, Anchorage, Washington eastwards.
    assert at["Tokyo"][0] < at["Hawaii"][0] < at["Washington"][0]
    assert at["Tokyo"][0] < at["Anchorage"][0] < at["Washington"][0]


def test_map_shades_the_countries_the_story_names(doc: lxml_html.HtmlElement) -> None:
    # the page carries the basemap once; each map draws its countries as <use> of it
    shaded = {u.find("title").text for u in doc.iter("use") if u.get("class") == "named"}
    assert shaded == {"China"}
    defs = {el.get("id") for el in doc.find_class("land-defs")[0].iter("path")}
    assert all(u.get("href").removeprefix("#") in defs for u in doc.iter("use"))


def test_map_view_fits_the_trip(doc: lxml_html.HtmlElement) -> None:
    svg = next(s for s in doc.iter("svg") if s.get("class") == "worldmap")
    x, y, width, height = (float(v) for v in svg.get("viewbox").split())
    at = marker_positions(doc)
    for place in ("Washington", "Hawaii", "Tokyo", "Seoul", "Delhi", "Anchorage"):
        px, py = at[place]
        assert x < px < x + width and y < py < y + height, place
    assert width < 360 * worldmap.UNITS_PER_DEGREE  # not the whole world


def test_map_is_labelled_for_assistive_technology(doc: lxml_html.HtmlElement) -> None:
    svg = next(s for s in doc.iter("svg") if s.get("class") == "worldmap")
    assert svg.get("role") == "img"
    labelled = svg.get("aria-labelledby").split()
    assert all(doc.get_element_by_id(i).text_content().strip() for i in labelled)
    for anchor in svg.iter("a"):
        assert anchor.get("aria-label")


def test_arrows_link_legs_to_their_evidence(doc: lxml_html.HtmlElement) -> None:
    arrows = [a for a in doc.iter("a") if "leg" in (a.get("class") or "").split()]
    assert len(arrows) >= 4  # Washington-Hawaii-Tokyo-Seoul, Seoul-Anchorage at least
    for arrow in arrows:
        target = doc.get_element_by_id(arrow.get("href").removeprefix("#"))
        assert target.getparent().tag == "details"  # a link inside opens it
        assert target.find(".//blockquote") is not None


def test_markers_link_to_the_place_and_its_sentences(doc: lxml_html.HtmlElement) -> None:
    for anchor in doc.iter("a"):
        if anchor.get("data-place"):
            target = doc.get_element_by_id(anchor.get("href").removeprefix("#"))
            summary = target.getparent().find("summary")
            assert anchor.get("data-place") in summary.text_content()


def _timeline_days(tree: lxml_html.HtmlElement) -> dict[str, str]:
    ol = tree.find_class("timeline")[0]
    return {li.find(".//time").get("datetime"): li.text_content() for li in ol.iterchildren("li")}


def test_timeline_puts_legs_on_their_days(doc: lxml_html.HtmlElement) -> None:
    days = _timeline_days(doc)
    assert list(days) == sorted(days)
    assert "Tokyo" in days["2021-03-15"] and "(Monday)" in days["2021-03-15"]
    assert "Seoul" in days["2021-03-17"] and "planned" in days["2021-03-17"]


def test_undated_and_unresolved_are_never_placed_on_a_day(doc: lxml_html.HtmlElement) -> None:
    days = _timeline_days(doc)
    assert not any("Delhi" in text or "Event “on Thursday”" in text for text in days.values())
    undated = doc.find_class("undated")[0].text_content()
    assert "Delhi" in undated and "planned" in undated
    assert "on Thursday" in undated and "date not resolved" in undated


def test_every_fact_opens_to_a_sentence_and_its_article(doc: lxml_html.HtmlElement) -> None:
    ids = {el.get("id") for el in doc.iter() if el.get("id")}
    for details in doc.iter("details"):
        quote = details.find(".//blockquote")
        if quote is None:  # a dated event: its sentence is its summary
            quote = details.find("summary/mark")
        assert quote is not None and quote.text_content().strip()
        link = details.find(".//p[@class='from']/a")
        assert link is not None and link.get("href").removeprefix("#") in ids


def test_people_quotes_and_articles_are_listed(doc: lxml_html.HtmlElement) -> None:
    text = doc.text_content()
    for fact in (
        "Antony Blinken",
        "Secretary of State",
        "Yang Jiechi",
        "Pentagon",
        "We will hold China accountable",
        "Press Association",
        "2021-03-14T09:34:00",
        "seeds/b.html",
    ):
        assert fact in text
    people = doc.find_class("story")[0].xpath(".//h3[.='People']/following-sibling::table[1]")[0]
    blinken = next(tr for tr in people.iter("tr") if "Antony Blinken" in tr.text_content())
    assert blinken.find_class("num")[0].text_content() == "4"  # merged over both articles


def test_anchor_ids_are_unique(doc: lxml_html.HtmlElement) -> None:
    ids = [el.get("id") for el in doc.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_nothing_at_all_still_gives_a_page() -> None:
    page = articles_to_html([])
    assert page.startswith("<!DOCTYPE html>") and "No articles" in page


def test_an_article_without_places_or_legs_shows_a_world_map() -> None:
    lone = _Draft("Nothing much happened.", None, "x.txt").build()
    page = articles_to_html([lone])
    assert "<svg" in page and "No dated legs" in page
    # no title: the story is named from its lead sentence, and says so
    assert "Nothing much happened." in page and "named from its lead sentence" in page


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(max_size=60),
    body=st.text(min_size=1, max_size=200),
    lat=st.floats(allow_nan=True),
    lon=st.floats(allow_nan=True),
)
def test_any_text_is_shown_as_text_and_never_breaks_the_page(
    title: str, body: str, lat: float, lon: float
) -> None:
    # Control characters cannot be in an HTML document at all (they become U+FFFD);
    # everything else must reach the reader as text.
    draft = _Draft(body, title, source=f"in/{title}.txt", publisher=body[:20])
    article = draft.build(places=[(body[:5] or "x", "city", "US", lat, lon)])
    page = articles_to_html([article])
    tree = lxml_html.document_fromstring(page.encode("utf-8"))
    assert not tree.xpath("//script")

    def seen(text: str) -> str:
        return "".join(c for c in text if c.isprintable() and not c.isspace() and c != "\ufffd")

    assert seen(title)[:10] in seen(tree.text_content())
    assert articles_to_html([article]) == page


# --- the projection and the shipped basemap --------------------------------------------


@pytest.mark.parametrize(
    ("lons", "west"),
    [
        ([], -180.0),
        ([10.0], 10.0),
        ([-10.0, 20.0], -10.0),
        ([-77.0, -157.0, 140.0, 127.0, 77.0, -150.0], 77.0),  # across the Pacific
        ([170.0, -170.0], 170.0),
    ],
)
def test_western_edge_opens_the_map_at_the_widest_gap(lons: list[float], west: float) -> None:
    assert worldmap.western_edge(lons) == west


def test_miller_projection_is_monotonic_and_finite() -> None:
    ys = [worldmap.miller_y(lat) for lat in range(-90, 91, 5)]
    assert ys == sorted(ys) and ys[18] == pytest.approx(0.0, abs=1e-9)
    assert all(abs(y) < 200 for y in ys)


def test_views_keep_the_map_proportions() -> None:
    for coords in ([], [(35.0, 139.0)], [(61.0, -150.0), (-33.9, 151.2)]):
        view = worldmap.fit_view(coords)
        assert view.width == pytest.approx(view.height * worldmap.ASPECT)


def test_basemap_is_small_sourced_and_well_formed() -> None:
    data = resources.files("tripnews").joinpath("data", "world_countries.json")
    raw = data.read_bytes()
    assert len(raw) < MAX_BASEMAP_BYTES
    document = json.loads(raw)
    assert "Natural Earth" in document["source"]
    assert "public domain" in document["licence"].lower()
    names = [c["name"] for c in document["countries"]]
    assert {"Japan", "South Korea", "India", "United States of America"} <= set(names)
    for country in document["countries"]:
        for ring in country["rings"]:
            assert len(ring) % 2 == 0 and len(ring) >= 6
            assert all(-1800 <= v <= 1800 for v in ring[0::2])
            assert all(-900 <= v <= 900 for v in ring[1::2])


def test_map_escapes_its_labels() -> None:
    svg = worldmap.render_map(
        [worldmap.MapPoint("x", "<b>&", 1.0, 2.0, 1)], [], title="<t>", description='"d"'
    )
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg and "&lt;t&gt;" in svg


# --- in a real browser -----------------------------------------------------------------


def _install_chromium() -> str | None:
    """Install Debian's chromium if possible; return why not, or None when it is there."""
    if CHROMIUM.exists():
        return None
    if os.environ.get("TRIPNEWS_NO_BROWSER_INSTALL"):
        return "chromium missing and TRIPNEWS_NO_BROWSER_INSTALL is set"
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "chromium missing; installing it needs root and apt-get"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        for command in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "chromium"],
        ):
            subprocess.run(
                command, check=True, capture_output=True, timeout=CHROMIUM_INSTALL_SECONDS, env=env
            )
    except (OSError, subprocess.SubprocessError) as error:
        return f"chromium could not be installed: {error}"
    return None if CHROMIUM.exists() else "chromium installed but /usr/bin/chromium is missing"


@pytest.fixture(scope="session")
def chromium() -> Path:
    reason = _install_chromium()
    if reason:
        pytest.skip(reason)
    return CHROMIUM


@dataclass
class BrowserRun:
    dom: str
    log: str
    requested: list[str]
    screenshot: bytes


BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
    "--window-size=1280,1400",
)


def _chromium(browser: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(browser), *BROWSER_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=BROWSER_SECONDS,
        check=True,
    )


def browse(browser: Path, page: Path, work: Path) -> BrowserRun:
    """Load ``page`` twice in headless Chromium: once for the DOM, once for a screenshot."""
    net_log = work / "net.json"
    shot = work / "shot.png"
    url = page.resolve().as_uri()
    dom = _chromium(browser, work / "profile-dom", f"--log-net-log={net_log}", "--dump-dom", url)
    snap = _chromium(browser, work / "profile-shot", f"--screenshot={shot}", url)
    return BrowserRun(
        dom.stdout, dom.stderr + snap.stderr, _requested_urls(net_log), shot.read_bytes()
    )


def dom_at(browser: Path, page: Path, fragment: str, work: Path) -> lxml_html.HtmlElement:
    """Return the DOM after following a link to ``#fragment`` on ``page``."""
    url = page.resolve().as_uri() + "#" + fragment
    run = _chromium(browser, work / f"profile-{fragment}", "--dump-dom", url)
    return lxml_html.document_fromstring(run.stdout)


def _requested_urls(net_log: Path) -> list[str]:
    """Return the URLs the page asked the network for, from Chromium's net log.

    The browser's own housekeeping (update checks, clock sync) starts requests
    with no initiating origin; anything a page asks for names the page's origin
    (``null`` for a file), so only those count.
    """
    log = json.loads(net_log.read_text("utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return sorted(
        {
            event["params"]["url"]
            for event in log["events"]
            if event["type"] == start_job
            and "url" in event.get("params", {})
            and event["params"].get("initiator") != "not an origin"
        }
    )


def png_colours(data: bytes, limit: int = 2) -> int:
    """Count distinct pixel colours of an 8-bit RGB(A) PNG, stopping at ``limit``."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour_type in (2, 6)
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for row in range(height):
        line = raw[row * (stride + 1) : (row + 1) * (stride + 1)]
        current = _unfilter(line[0], bytearray(line[1:]), previous, channels)
        colours.update(bytes(current[i : i + channels]) for i in range(0, stride, channels))
        if len(colours) >= limit:
            return len(colours)
        previous = current
    return len(colours)


def _unfilter(kind: int, line: bytearray, above: bytearray, bpp: int) -> bytearray:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = above[i]
        corner = above[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + pred) & 0xFF
    return line


def console_messages(log: str) -> list[str]:
    """Return every console message and refused load in Chromium's stderr log.

    The report has no script, so any console message at all (a CSP refusal, an
    error) is a fault.
    """
    return [line for line in log.splitlines() if ":CONSOLE" in line or "Refused to" in line]


def check_in_browser(browser: Path, html_text: str, work: Path) -> lxml_html.HtmlElement:
    """Render a report and check what a person would: it loads clean and draws something.

    Then follow the first leg arrow, as a click would: the leg's evidence opens.
    """
    page = work / "report.html"
    page.write_text(html_text, encoding="utf-8")
    run = browse(browser, page, work)
    assert console_messages(run.log) == []
    assert run.requested == []
    assert not _REMOTE_ATTR.search(run.dom)
    assert png_colours(run.screenshot) > 1
    dom = lxml_html.document_fromstring(run.dom)
    arrow = next(a for a in dom.iter("a") if "leg" in (a.get("class") or "").split())
    target = arrow.get("href").removeprefix("#")
    assert dom.get_element_by_id(target).getparent().get("open") is None
    followed = dom_at(browser, page, target, work).get_element_by_id(target)
    assert followed.getparent().get("open") is not None
    assert followed.find(".//blockquote").text_content().strip()
    return dom


def test_the_browser_checks_catch_a_leaky_broken_page(chromium: Path, tmp_path: Path) -> None:
    # Loopback port 9 (discard): the request fails fast and leaves the machine never.
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<!DOCTYPE html><title>x</title><img src="http://127.0.0.1:9/x.png" alt="">'
        "<script>notDefined()</script>"
    )
    run = browse(chromium, leaky, tmp_path)
    assert run.requested == ["http://127.0.0.1:9/x.png"]
    assert any("notDefined" in line for line in console_messages(run.log))


def test_the_story_in_a_real_browser(chromium: Path, tmp_path: Path) -> None:
    dom = check_in_browser(chromium, articles_to_html(story_articles()), tmp_path)
    at = marker_positions(dom)
    assert at["Anchorage"][1] < at["Tokyo"][1] and at["Seoul"][0] < at["Tokyo"][0]
    assert "Tokyo" in _timeline_days(dom)["2021-03-15"]
    assert "<script>alert('x')</script>" in dom.text_content()  # shown as text, never run


@pytest.fixture(scope="module")
def seed_digest_page() -> Iterator[str]:
    """The seeds' report through the real pipeline and digest, or a skip saying what is missing."""
    try:
        from tripnews.digest import build_digest
        from tripnews.pipeline import Settings, ingest
    except ImportError as error:
        pytest.skip(f"pipeline or digest not importable: {error}")
    import datetime as dt

    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").iterdir())
    settings = Settings(reference_date=dt.date(2021, 3, 14))
    articles = [a for a in ingest([str(p) for p in seeds], settings) if isinstance(a, Article)]
    yield report_html.digest_to_html(build_digest(articles))


def test_the_seeds_report_in_a_real_browser(
    chromium: Path, seed_digest_page: str, tmp_path: Path
) -> None:
    dom = check_in_browser(chromium, seed_digest_page, tmp_path)
    at = marker_positions(dom)
    assert {"Tokyo", "Seoul", "Anchorage"} <= set(at)
    assert at["Anchorage"][1] < at["Tokyo"][1]
    assert at["Seoul"][0] < at["Tokyo"][0] < at["Anchorage"][0]
    assert "Tokyo" in _timeline_days(dom)["2021-03-15"]


def test_days_borrowed_from_the_story_are_marked_and_legs_start_from_the_city() -> None:
    """Without a reference date, 001 borrows the story's anchor: its legs sit on their days
    with a badge saying so, and the way to Seoul starts in Tokyo, not in "Japan"."""
    from tripnews.digest import build_digest
    from tripnews.pipeline import ingest

    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").iterdir())
    articles = [a for a in ingest([str(p) for p in seeds]) if isinstance(a, Article)]
    tree = lxml_html.document_fromstring(report_html.digest_to_html(build_digest(articles)))
    days = _timeline_days(tree)
    # Tokyo's day is stated too, by the articles that tell the visit as "Japan"
    assert "Tokyo" in days["2021-03-15"] and "inferred" not in days["2021-03-15"]
    assert "Tokyo → Seoul" in days["2021-03-17"] and "inferred" in days["2021-03-17"]
    assert "Japan → " not in tree.text_content()


def test_crowded_markers_never_get_overlapping_labels() -> None:
    """Five places a few kilometres apart: each label that is drawn has a spot of its own."""
    points = [
        worldmap.MapPoint(f"p{i}", name, 37.5 + i * 0.05, 127.0 + i * 0.05, 5 - i)
        for i, name in enumerate(["Seoul", "Incheon", "Suwon", "Goyang", "Bucheon"])
    ]
    svg = lxml_html.fragment_fromstring(worldmap.render_map(points, [], title="Crowd"))
    labels = [t for t in svg.iter("text") if t.getparent().get("class") == "place"]
    assert labels and labels[0].text == "Seoul"  # the most mentioned keeps its label
    spots = [(t.get("x"), t.get("y"), t.get("text-anchor")) for t in labels]
    assert len(set(spots)) == len(spots)
    assert len(svg.findall(".//circle")) == 5  # every place keeps its marker


# --- a report of a few hundred articles -------------------------------------------------

CITIES = ["Washington", "Hawaii", "Tokyo", "Seoul", "Delhi", "Anchorage", "Beijing"]


def corpus_articles(stories: int = 40, per_story: int = 5) -> list[Article]:
    """``stories`` made-up stories of ``per_story`` articles each: every story has words of
    its own and a trip between two cities, and half its articles are dated."""
    out = []
    for k in range(stories):
        start, end = CITIES[k % len(CITIES)], CITIES[(k * 3 + 1) % len(CITIES)]
        if start == end:
            end = CITIES[(k + 2) % len(CITIES)]
        own = " ".join(f"Quorvex{k}x{m}" for m in range(12))
        for i in range(per_story):
            leg_sentence = f"Envoy Marlo Venn{k} flew from {start} to {end} on Monday."
            text = f"{leg_sentence}\n\nTalks covered {own}. Note {i} on {own[:40]}."
            draft = _Draft(
                text,
                f"Envoy {k} visits {end} (report {i})",
                f"corpus/{k:03d}-{i}.txt",
                "Daily Example",
                published=f"2021-03-{1 + k % 20:02d}T09:00:00" if i % 2 else None,
            )
            out.append(
                draft.build(
                    people=[(f"Marlo Venn{k}", ("Envoy",), [f"Marlo Venn{k}"])],
                    places=_places(sorted({start, end})),
                    trip=[
                        ((f"Marlo Venn{k}",), start, "2021-03-14", leg_sentence, False),
                        ((f"Marlo Venn{k}",), end, "2021-03-15", leg_sentence, False),
                    ],
                )
            )
    return out


@pytest.fixture(scope="module")
def corpus_page() -> str:
    from tripnews.digest import build_digest

    return report_html.digest_to_html(build_digest(corpus_articles()))


def test_a_corpus_report_is_ranked_indexed_and_small(corpus_page: str) -> None:
    tree = lxml_html.document_fromstring(corpus_page)
    rows = tree.find_class("index")[0].findall(".//tbody/tr")
    assert len(rows) == 40  # one row per story, each story's five articles together
    assert len(corpus_page) < 1_500_000  # 200 articles: the basemap is carried once
    maps = [s for s in tree.iter("svg") if "worldmap" in (s.get("class") or "")]
    assert len(maps) == 41  # one overview, one per story of several articles
    assert len(tree.find_class("land-defs")) == 1
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for anchor in tree.iter("a"):  # every in-page link lands somewhere
        href = anchor.get("href") or ""
        if href.startswith("#"):
            assert tree.get_element_by_id(href[1:]) is not None, href


def test_visited_places_are_drawn_unlike_places_only_mentioned() -> None:
    tree = lxml_html.document_fromstring(articles_to_html(story_articles()))
    kinds = {a.get("data-place"): a.get("class") for a in tree.iter("a") if a.get("data-place")}
    assert kinds["Tokyo"] == "place visited"
    assert kinds["Beijing"] == "place"  # named, never travelled to


def test_single_article_stories_are_folded_into_one_list() -> None:
    from tripnews.digest import build_digest

    texts = [
        "A heron nested on the old lighthouse.",
        "The bakery ran out of rye bread by noon.",
        "Volunteers repainted the chapel fence.",
        "A chess club opened in the library basement.",
        "Storm drains overflowed near the harbour market.",
        "The marathon route now avoids the bridge.",
    ]
    lone = [_Draft(text, None, f"lone/{k}.txt").build() for k, text in enumerate(texts)]
    tree = lxml_html.document_fromstring(
        report_html.digest_to_html(build_digest([*corpus_articles(2, 3), *lone]))
    )
    assert len(tree.find_class("story")) == 2  # only the stories of several articles
    folded = tree.get_element_by_id("single").find(".//details").findall(".//li")
    assert len(folded) == 6


def test_a_corpus_report_in_a_real_browser(
    chromium: Path, corpus_page: str, tmp_path: Path
) -> None:
    check_in_browser(chromium, corpus_page, tmp_path)
