"""The digest's renderers lay out one story view: Markdown that can inject nothing, titles
and names cut for reading (whole in JSON), and an HTML page that agrees with the JSON."""

from __future__ import annotations

import json

from lxml import html as lxml_html
from markdown_it import MarkdownIt

from tests.test_digest import FLOOD, FLOOD_2, article
from tripnews.digest import build_digest
from tripnews.model import Person
from tripnews.render.digest import TITLE_CHARS, digest_to_dict, digest_to_markdown
from tripnews.render.report_html import digest_to_html

HOSTILE = [
    "<script>alert('t')</script>",
    '<img src="http://evil.example/x.png" onerror="alert(1)">',
    "![pixel](http://evil.example/p.png)",
    "[click](javascript:alert(1))",
    "<a href='http://evil.example'>x</a> | cell | break",
]


def _hostile_digest():
    first = article("a.txt", FLOOD)
    second = article("b.txt", FLOOD_2)
    people = tuple(Person(name, (), 1, ()) for name in HOSTILE)
    first = type(first)(
        **{
            **{f: getattr(first, f) for f in first.__slots__},
            "title": HOSTILE[0],
            "publisher": HOSTILE[1],
            "people": people,
        }
    )
    return build_digest([first, second])


def test_markdown_renders_no_tag_image_or_link() -> None:
    text = digest_to_markdown(_hostile_digest())
    # a permissive renderer (raw HTML allowed) draws it as text only
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
    assert not tree.xpath("//script | //img | //a | //iframe")
    assert not any(el.get("onerror") for el in tree.iter())
    for hostile in HOSTILE:  # every field still reaches the reader, as text
        assert hostile.split()[0] in tree.text_content()


def test_markdown_table_rows_keep_their_cells() -> None:
    text = digest_to_markdown(_hostile_digest())
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
    for table in tree.iter("table"):
        columns = len(table.find(".//thead/tr").findall("th"))
        assert all(len(tr.findall("td")) == columns for tr in table.findall(".//tbody/tr"))


def test_long_titles_and_names_are_cut_for_reading_but_whole_in_json() -> None:
    huge = "Headline " * 100_000  # about 900 KB
    first = article("a.txt", FLOOD)
    first = type(first)(
        **{
            **{f: getattr(first, f) for f in first.__slots__},
            "title": huge,
            "people": (Person("Name" * 50_000, (), 1, ()),),
        }
    )
    digest = build_digest([first, article("b.txt", FLOOD_2)])
    page = digest_to_html(digest)
    markdown = digest_to_markdown(digest)
    assert len(page) < 200_000 and len(markdown) < 20_000
    assert "Headline Headline" in page and "…" in page
    assert max(len(line) for line in markdown.splitlines()) < 4 * TITLE_CHARS + 200
    data = digest_to_dict(digest)
    assert data["stories"][0]["title"] == huge  # JSON keeps the whole text


def test_html_and_json_agree_on_each_story_s_people() -> None:
    from tests.conftest import seed_paths
    from tripnews.pipeline import ingest

    articles = [a for a in ingest([str(p) for p in seed_paths()]) if not isinstance(a, Exception)]
    digest = build_digest(articles)
    data = json.loads(json.dumps(digest_to_dict(digest)))
    tree = lxml_html.document_fromstring(digest_to_html(digest))
    for number, story in enumerate(data["stories"], 1):
        section = tree.get_element_by_id(f"story-{number}")
        if section.tag != "section":
            continue  # a single-article story is listed, not drawn
        table = section.xpath(".//h3[.='People']/following-sibling::table[1]")[0]
        rows = table.findall(".//tbody/tr")
        shown = [tr.find("td").find(".//summary").text_content() for tr in rows]
        assert shown == [p["name"] for p in story["people"]]
