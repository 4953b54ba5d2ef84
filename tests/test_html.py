"""HTML pages: the article body, its metadata, and what must not be mistaken for either."""

from __future__ import annotations

import json

import pytest

from tripnews.clean import clean
from tripnews.html import extract_html
from tripnews.model import RawInput

PROSE = (
    "The council met on a wet evening to argue, at length and with some heat, about the "
    "bridge, the budget and the bus lanes that nobody on the east side of town had asked for."
)


def page(body: str, head: str = "", lang: str = "") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return f"<html{lang_attr}><head>{head}</head><body>{body}</body></html>"


def paragraphs(n: int, tag: str = "p") -> str:
    return "".join(f"<{tag}>{i}. {PROSE}</{tag}>" for i in range(n))


def test_article_inside_a_furniture_named_wrapper_is_kept() -> None:
    # "sidebar", "menu" and "ad" in a wrapper's class must not take the article with them
    html = page(
        '<div class="content-with-sidebar-wrp"><div class="non-ad-column">'
        f"<article>{paragraphs(5)}</article></div></div>"
        '<div class="sidebar"><p>Most read: a story about something else entirely, '
        "with a comma, and another.</p></div>"
    )
    text = extract_html(html).text
    assert text.count(PROSE) == 5
    assert "Most read" not in text


def test_real_sidebar_is_dropped() -> None:
    html = page(
        f"<div class='story'>{paragraphs(4)}</div>"
        "<div class='related-stories'><p>Another headline, about another thing, "
        "that is long enough to be scored.</p></div>"
    )
    text = extract_html(html).text
    assert "Another headline" not in text
    assert text.count(PROSE) == 4


def test_article_cut_into_chunks_between_ads_is_joined() -> None:
    chunk = '<div class="article__body">{}</div><div class="ad-slot">Advertisement</div>'
    html = page(
        "<main>"
        + "".join(
            chunk.format(f"<p>Chunk {i}: {PROSE}</p><p>Again {i}: {PROSE}</p>") for i in range(3)
        )
        + "</main>"
    )
    text = extract_html(html).text
    assert [line.split(":")[0] for line in text.splitlines()] == [
        "Chunk 0", "Again 0", "Chunk 1", "Again 1", "Chunk 2", "Again 2",
    ]  # fmt: skip
    assert "Advertisement" not in text


def test_rollover_cards_inside_a_paragraph_are_not_text() -> None:
    html = page(
        '<article><p>Governor <a href="/p/1">Kristi Noem</a><span class="rollover-people-block">'
        "<a>Kristi Lynn Noem</a><a>Another headline about her</a></span> defended the campaign "
        f"on Monday, saying it worked.</p>{paragraphs(3)}</article>"
    )
    first = extract_html(html).text.splitlines()[0]
    assert first == "Governor Kristi Noem defended the campaign on Monday, saying it worked."


def test_script_rendered_page_falls_back_to_json_ld_body_without_markup() -> None:
    body = (
        "First paragraph of the story, long enough to matter.\r\n\r\n"
        "&lt;div align=&quot;center&quot;&gt;&lt;img src=&quot;x.jpg&quot;&gt;&lt;/div&gt;\r\n"
        "Second paragraph, with &lt;a href=&quot;/x&quot;&gt;a link&lt;/a&gt; inside it. " + PROSE
    )
    ld = {"@type": "NewsArticle", "headline": "Headline", "articleBody": body}
    html = page(
        "<p>We may earn commission on products bought through links.</p>",
        head=f'<script type="application/ld+json">{json.dumps(ld)}</script>',
    )
    got = extract_html(html)
    assert got.text.splitlines()[0] == "First paragraph of the story, long enough to matter."
    assert "Second paragraph, with a link inside it." in got.text
    assert "<" not in got.text and "&lt;" not in got.text
    assert got.title == "Headline"


def test_placeholder_dates_are_no_publication_date() -> None:
    head = '<meta property="article:published_time" content="0001-01-01T00:00:00Z">'
    assert extract_html(page(paragraphs(3), head=head)).published is None


def test_visible_date_after_the_headline_beats_dates_in_a_sidebar() -> None:
    html = page(
        '<aside><p class="tagline">21/11/2020 - 09:00</p></aside>'
        '<h1>Goias beat Palmeiras</h1><p class="tagline">22/11/2020 - 04:30 - Fonte: Agencia</p>'
        + paragraphs(3),
        lang="pt-BR",
    )
    published = extract_html(html).published
    assert published is not None
    assert (published.value, published.origin) == ("2020-11-22", "dateline")


def test_a_created_element_holds_the_visible_date() -> None:
    html = page(
        '<h1>Title</h1><div class="article_created">Published Friday 24 April 2020</div>'
        + paragraphs(3)
    )
    published = extract_html(html).published
    assert published is not None and published.value == "2020-04-24"


def test_ambiguous_numeric_date_with_no_language_is_not_guessed() -> None:
    html = page('<h1>Title</h1><span class="date">05/11/2020</span>' + paragraphs(3))
    assert extract_html(html).published is None


def test_page_language_settles_day_and_month_order() -> None:
    body = '<h1>Title</h1><span class="date">05/11/2020</span>' + paragraphs(3)
    british = extract_html(page(body, lang="en-GB")).published
    american = extract_html(page(body, lang="en-US")).published
    assert british is not None and british.value == "2020-11-05"
    assert american is not None and american.value == "2020-05-11"


def test_url_day_wins_over_a_utc_stamp_one_day_later() -> None:
    head = (
        '<meta property="article:published_time" content="2020-02-18T02:18:11Z">'
        '<link rel="canonical" href="https://example.com/2020/02/17/story-slug/">'
    )
    published = extract_html(page(paragraphs(3), head=head)).published
    assert published is not None and published.value == "2020-02-17"


def test_meta_time_stays_when_the_url_agrees() -> None:
    head = (
        '<meta property="article:published_time" content="2020-02-17T10:00:00Z">'
        '<link rel="canonical" href="https://example.com/2020/02/17/story-slug/">'
    )
    published = extract_html(page(paragraphs(3), head=head)).published
    assert published is not None and published.value == "2020-02-17T10:00:00+00:00"


def test_dropped_furniture_is_reported_by_kind_not_lost() -> None:
    html = page(
        "<nav><a>Home</a> <a>World</a></nav>"
        f"<article>{paragraphs(3)}<figure><figcaption>The bridge at dawn</figcaption></figure>"
        "<div class='related-stories'><p>Another story, about another thing.</p></div></article>"
        "<footer>Copyright 2020 The Courier</footer><script>var x = 1;</script>"
    )
    removed = {(r.kind, r.text) for r in extract_html(html).removed}
    assert removed == {
        ("navigation", "Home World"),
        ("caption", "The bridge at dawn"),
        ("related-links", "Another story, about another thing."),
        ("footer", "Copyright 2020 The Courier"),
    }


def test_an_embedded_post_is_article_text_but_a_share_bar_is_not() -> None:
    tweet = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The bridge is '
        "closed again and nobody told the commuters this morning.</p>&mdash; A Reader "
        '(@reader) <a href="https://x.com/reader/status/1">November 18, 2019</a>'
        "</blockquote></div>"
    )
    share = '<div class="social-share"><a href="/s">Share on Facebook</a></div>'
    html = page("<h1>Bridge closed</h1>" + paragraphs(2) + tweet + share + paragraphs(2))
    text = extract_html(html).text
    assert "nobody told the commuters" in text
    assert "Share on Facebook" not in text


# ---------------------------------------------------------------------------
# never lose the article


def test_article_inside_a_form_wrapping_the_whole_page_is_kept() -> None:
    # ASP.NET pages wrap everything in one <form>: dropping forms must not drop the page
    html = page(f"<form id='mainform'><nav><a href='/'>Home</a></nav>{paragraphs(4)}</form>")
    assert extract_html(html).text.count(PROSE) == 4


def test_article_in_a_widget_named_wrapper_is_kept() -> None:
    # page builders name every layout box "widget"; the one holding the story is the story
    # (its prose as loose text between <br>s, which is prose all the same)
    loose = "<br><br>".join(f"{i}. {PROSE}" for i in range(4))
    html = page(
        "<div class='elementor-widget-wrap'><div class='elementor-widget-container'>"
        f"{loose}</div></div>"
        "<div class='widget'><a href='/a'>Archive</a> <a href='/b'>Contact us</a></div>"
    )
    text = extract_html(html).text
    assert text.count(PROSE) == 4
    assert "Archive" not in text


def test_a_post_labelled_by_its_topic_tags_is_not_a_tag_list() -> None:
    # blog engines give a post the classes of its tags ("tag-council") and categories
    html = page(
        f"<div class='post type-post tag-council tag-bridges'>{paragraphs(3)}</div>"
        "<div class='post-tags'><a href='/t/1'>council</a> <a href='/t/2'>bridges</a></div>"
        f"<div class='comment-list'>{paragraphs(4)}</div>"
    )
    text = extract_html(html).text
    assert text.count(PROSE) == 3
    assert "bridges" not in text.split(PROSE)[-1]


def test_text_hidden_only_on_phones_or_a_hidden_label_is_read() -> None:
    html = page(
        f"<div class='field field-label-hidden'>{paragraphs(2)}</div>"
        f"<div class='hidden-xs'>{paragraphs(2)}</div>"
        "<div class='hidden'><p>A secret left in the markup, with a comma, never shown.</p></div>"
    )
    text = extract_html(html).text
    assert text.count(PROSE) == 4
    assert "secret" not in text


# ---------------------------------------------------------------------------
# bylines


def test_byline_element_gives_the_names_without_their_lead_or_date() -> None:
    html = page(
        "<h1>Bridge opens</h1><div class='article-byline'>By Jane Roe and Tom Poe | "
        f"12 March 2021</div>{paragraphs(3)}"
    )
    assert extract_html(html).byline == "Jane Roe and Tom Poe"


def test_json_ld_author_named_by_reference_in_the_graph() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Article", "headline": "Bridge opens", "author": {"@id": "#p1"}},
            {"@type": "Person", "@id": "#p1", "givenName": "Jane", "familyName": "Roe"},
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    assert extract_html(page(paragraphs(3), head=head)).byline == "Jane Roe"


def test_site_names_dates_and_commenters_are_never_the_author() -> None:
    head = (
        '<meta property="og:site_name" content="Daily Bugle">'
        '<meta name="author" content="Daily Bugle">'
    )
    html = page(
        f"<span class='author'>12.03.2021</span>{paragraphs(3)}"
        "<div class='comments'><span class='comment-author'>Anna says:</span>"
        "<p>Nice piece, with a comma, thanks.</p></div>",
        head=head,
    )
    assert extract_html(html).byline is None


# ---------------------------------------------------------------------------
# publication dates


def _day(html: str) -> str | None:
    published = extract_html(html).published
    return published.value[:10] if published else None


def test_json_ld_with_comments_and_trailing_commas_still_gives_its_date() -> None:
    script = (
        '<script type="application/ld+json">//<![CDATA[\n{"@type": "NewsArticle",\n'
        '/* generated */ "headline": "Bridge opens", "datePublished": "2021-03-12T08:00:00Z",}'
        "\n//]]></script>"
    )
    assert _day(page(paragraphs(2), head=script)) == "2021-03-12"


def test_date_marked_by_microdata_on_any_element() -> None:
    html = page(
        f"<span itemprop='datePublished' content='2020-07-13'>13 July</span>{paragraphs(2)}"
    )
    assert _day(html) == "2020-07-13"


def test_date_printed_under_the_headline_is_read_but_not_a_masthead_today() -> None:
    html = page(
        "<div class='top'>Today: 01.02.2022</div><div><h1>Bridge opens</h1></div>"
        f"<p><b>Jane Roe</b> 13.07.2020, 10:16</p>{paragraphs(2)}"
    )
    assert _day(html) == "2020-07-13"


def _ld(**dates: str) -> str:
    data = json.dumps({"@type": "Article", **dates})
    return f'<script type="application/ld+json">{data}</script>'


def test_the_date_printed_under_the_headline_beats_the_cms_stamps() -> None:
    # an article since updated and re-dated on the page: readers are told the new day
    head = _ld(datePublished="2019-06-17T00:00:00Z", dateModified="2020-06-04T16:41:46Z")
    body = "<h1>Slim images</h1><p class='meta'>by Ann Lee, updated 4 Jun 2020</p>"
    assert _day(page(body + paragraphs(2), head=head)) == "2020-06-04"
    # a UTC stamp past midnight: the page prints the site's own day
    head = '<meta property="article:published_time" content="2023-11-09T03:10:00+00:00">'
    body = "<h1>Vote count</h1><div>By Bo Li</div><div>Nov 8, 2023 / 10:10 PM</div>"
    assert _day(page(body + paragraphs(2), head=head)) == "2023-11-08"
    # of two printed dates (updated, published) the one the metadata records, with its time
    head = _ld(datePublished="2022-12-30T07:00:40+01:00")
    body = "<h1>Trends</h1><span>2023-01-04</span><span>30. Dezember 2022</span>"
    published = extract_html(page(body + paragraphs(2), head=head, lang="de")).published
    assert published is not None and published.value == "2022-12-30T07:00:40+01:00"


def test_an_empty_headline_or_a_date_in_a_standfirst_sentence_is_no_date_line() -> None:
    masthead = "<header><h1><a href='/'></a></h1><span>Mittwoch,</span> <span>26.02.2020</span>"
    assert _day(page(f"{masthead}</header><h2>Talk</h2>{paragraphs(2)}", lang="de")) is None
    standfirst = (
        "<h1>Fair in May</h1><p>The date is fixed: on 21 and 22 May 2022 the fair returns to "
        "the harbour halls, after two postponements and a long wait for its many fans.</p>"
    )
    assert _day(page(standfirst + paragraphs(2))) is None


def test_the_headline_is_the_h1_the_title_repeats_not_the_site_name() -> None:
    html = page(
        "<header><h1>Valley Courier</h1><p>Monday, 1 March 2021</p></header>"
        "<main><h1>Bridge opens at last</h1><p>Jane Roe, 26 February 2021</p>"
        f"{paragraphs(2)}</main>",
        head="<title>Bridge opens at last | Valley Courier</title>",
    )
    assert _day(html) == "2021-02-26"


def test_a_kicker_above_the_headline_dates_the_article_but_a_masthead_does_not() -> None:
    kicker = (
        "<div class='top'>Today: 01.02.2022</div><div class='story-head'>"
        "<span>Politik, 13.07.20</span><h1>Bridge opens</h1></div>"
    )
    assert _day(page(kicker + paragraphs(2), lang="de")) == "2020-07-13"
    masthead = "<div class='top'>Today: 01.02.2022</div><div><h1>Bridge opens</h1></div>"
    assert _day(page(masthead + paragraphs(2), lang="de")) is None


def test_a_blog_without_h1_is_dated_under_the_h2_its_title_repeats() -> None:
    html = page(
        "<div class='post'><h2>Notes on porting</h2><small>January 13, 2020 at 08:45 AM</small>"
        f"{paragraphs(2)}</div>",
        head="<title>Ann's pages | Notes on porting</title>",
    )
    assert _day(html) == "2020-01-13"
    html = page(
        "<nav><h1>Menu</h1><a href='/a'>Archive 01.02.2019</a></nav><div class='post'>"
        f"<h2>Spring notes</h2><p>Posted 3 March 2019</p>{paragraphs(2)}</div>",
        head="<title>Spring notes</title>",
    )
    assert _day(html) == "2019-03-03"


def test_a_heading_matches_its_title_whatever_dashes_and_quotes_each_writes() -> None:
    html = page(
        "<div class='site'><h2>Stage Notes</h2><p>Mittwoch, 01. November 2023</p></div>"
        "<div class='col'><h2>Column: \u201cQueer Royal\u201d - on stage</h2>"
        f"<p>31. Oktober 2023.</p>{paragraphs(2)}</div>",
        head="<title>Column: \u201eQueer Royal\u201c \u2013 on stage | Stage Notes</title>",
        lang="de",
    )
    assert _day(html) == "2023-10-31"


def test_a_printed_numeric_date_read_the_wrong_way_defers_to_the_metadata() -> None:
    head = '<meta property="article:published_time" content="2021-11-01T04:00:14Z">'
    html = page(f"<h1>Scooter test</h1><span>11/01/2021</span>{paragraphs(2)}", head, "de")
    assert _day(html) == "2021-11-01"
    # a written month cannot be misread: the printed day stands
    html = page(f"<h1>Scooter test</h1><span>Jan. 11, 2021</span>{paragraphs(2)}", head, "de")
    assert _day(html) == "2021-01-11"


def test_json_ld_of_any_work_type_and_script_state_date_the_page() -> None:
    recipe = _ld(datePublished="2022-01-10T22:06:08Z").replace('"Article"', '"Recipe"')
    assert _day(page(paragraphs(2), head=recipe)) == "2022-01-10"
    image = _ld(datePublished="2019-05-01").replace('"Article"', '"ImageObject"')
    assert _day(page(paragraphs(2), head=image)) is None
    state = (
        '<script>window.__STATE__ = {"user": {"createdAt": "2015-03-02T10:00:00Z"}, '
        '"post": {"publishedAt": "2022-01-31T15:58:43+01:00"}};</script>'
    )
    assert _day(page(paragraphs(2) + state)) == "2022-01-31"
    created = '<script>var item = {"created_at": "2013-02-16T04:36:36-05:00"};</script>'
    assert _day(page(paragraphs(2) + created)) == "2013-02-16"


def test_publication_lines_and_calendar_icons_mark_the_date() -> None:
    far = "<div class='intro'><p>" + PROSE * 3 + "</p></div>"  # the date is not by the h1
    publication = f"<h1>Privatisations</h1>{far}<div class='publication'>jeudi 13 juin 2019</div>"
    assert _day(page(publication + paragraphs(2), lang="fr")) == "2019-06-13"
    icon = f"<h1>Sermon</h1>{far}<p><i class='fa fa-calendar'></i> 16.10.2021</p>"
    assert _day(page(icon + paragraphs(2), lang="de")) == "2021-10-16"
    stand = f"<div>{paragraphs(3)}<p class='print'>[Stand: 09.10.2017, 01:40 Uhr]</p></div>"
    assert _day(page(stand, lang="de")) == "2017-10-09"
    author = f"<h2>Koalition</h2>{far}<p><a class='author' href='/al'>Ann Lee</a>, 8.5.2012</p>"
    assert _day(page(author + paragraphs(2), lang="de")) == "2012-05-08"


def test_the_date_element_nearest_the_headline_wins_and_comments_never_date_a_page() -> None:
    far = "<div class='intro'><p>" + PROSE * 3 + "</p></div>"
    html = page(
        "<div class='lead'><div class='meta'>Ann Lee / 22.04.2020 / 06:15</div></div>"
        f"<h1>Report of the day</h1>{far}{paragraphs(2)}"
        "<div class='teaser'><div class='meta'>Bo Li / 03.11.2021 / 06:00</div></div>",
        lang="de",
    )
    assert _day(html) == "2020-04-22"
    comments = (
        f"<h1>A wall for the robot</h1>{far}{paragraphs(2)}<ol class='comment-list'><li>"
        "<div class='commentmetadata'>15. Dezember 2015 at 11:21</div><p>Nice!</p></li></ol>"
    )
    assert _day(page(comments, lang="de")) is None


def test_a_marked_publication_date_beats_a_bare_meta_date() -> None:
    head = '<meta name="date" content="2022-01-21T15:38:44+01:00">'
    body = f"{paragraphs(2)}<time itemprop='datePublished' datetime='2022-01-27'>27.01.</time>"
    assert _day(page(body, head=head)) == "2022-01-27"
    assert _day(page(paragraphs(2), head=head)) == "2022-01-21"


def test_a_forum_members_join_date_is_not_the_posts() -> None:
    for label in ("<dt>Joined</dt><dd>May 11, 2017</dd>", "<dd><b>Registriert:</b> 11.05.2017"):
        html = page(f"<h1>Where did it go?</h1><div>ann_lee</div><dl>{label}</dl>{paragraphs(2)}")
        assert _day(html) is None
    posted = "<div class='post-date'>Posted March 18, 2020</div>"
    joined = "<dl><dt>Joined</dt><dd>May 11, 2017</dd></dl>"
    assert _day(page(f"<h1>Where did it go?</h1>{joined}{posted}{paragraphs(2)}")) == "2020-03-18"


def test_a_page_labelled_only_by_its_last_update_is_dated_by_it() -> None:
    html = page(f"<div>{paragraphs(3)}<p>Updated:<br>$Date: 2016/11/18 06:31:41 $</p></div>")
    assert _day(html) == "2016-11-18"
    html = page(f"<div>{paragraphs(3)}<p>Zuletzt aktualisiert: 02.03.2021</p></div>")
    assert _day(html) == "2021-03-02"


def test_url_day_wins_over_a_utc_stamp_only_when_a_zone_explains_it() -> None:
    late = '<meta property="article:published_time" content="2020-05-15T03:10:00+00:00">'
    url = '<link rel="canonical" href="https://example.com/2020/05/14/bridge">'
    assert _day(page(paragraphs(2), head=late + url)) == "2020-05-14"
    # 13:00 UTC is the 15th from UTC-12 to UTC+14: a URL saying the 14th names the draft's day
    noon = '<meta property="article:published_time" content="2020-05-15T13:00:00+00:00">'
    assert _day(page(paragraphs(2), head=noon + url)) == "2020-05-15"


# ---------------------------------------------------------------------------
# all the text of the article, once


def test_loose_text_between_blocks_and_br_lines_are_read() -> None:
    loose = "A line written straight into the story's box, without any paragraph tag, at length."
    html = page(
        f"<div class='story'>{paragraphs(2)}{loose}<br>Then another such line, "
        f"<b>half of it bold</b>, after a break and long enough to be prose.{paragraphs(2)}</div>"
    )
    lines = extract_html(html).text.split("\n")
    assert loose in lines
    assert (
        "Then another such line, half of it bold, after a break and long enough to be prose."
        in lines
    )
    assert len(lines) == 6


def test_a_results_table_inside_the_article_is_kept_one_line_a_row() -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>{country}</td><td>{time}</td></tr>"
        for name, country, time in [
            ("Ana Lopes", "Portugal", "2:21.04"),
            ("Mia Berg", "Norway", "2:21.90"),
        ]
    )
    html = page(f"<div class='story'>{paragraphs(3)}<table>{rows}</table></div>")
    lines = extract_html(html).text.split("\n")
    assert "Ana Lopes Portugal 2:21.04" in lines
    assert "Mia Berg Norway 2:21.90" in lines


def test_a_lead_paragraph_in_its_own_block_joins_the_story() -> None:
    lead = "The bridge that the town waited three years for opened on Tuesday, to cheers, at last."
    html = page(
        "<nav><a href='/'>Home</a></nav><div class='wrap'><h1>Bridge opens</h1>"
        f"<div class='intro'><p>{lead}</p></div><div class='byline'>Jane Roe</div>"
        f"<div class='story'>{paragraphs(5)}</div></div>"
    )
    lines = extract_html(html).text.split("\n")
    assert lines[0] == lead
    assert "Home" not in lines


def test_a_date_the_page_labels_as_its_publication_is_read() -> None:
    html = page(f"<div>{paragraphs(3)}<p>Erschienen am: 13.07.2020</p></div>", lang="de")
    assert _day(html) == "2020-07-13"
    html = page(f"<div>{paragraphs(3)}<dl><dt>Datum</dt><dd>14.07.2020</dd></dl></div>")
    assert _day(html) == "2020-07-14"
    unlabelled = page(f"<div>{paragraphs(3)}<p>Sale ends 15.07.2020</p></div>")
    assert _day(unlabelled) is None


def test_a_subheading_opening_the_chosen_story_is_not_a_caption() -> None:
    from tripnews.clean import clean
    from tripnews.model import RawInput

    html = page(
        "<h1>Bridge opens</h1><div class='story'><h2>What the council decided</h2>"
        f"{paragraphs(3)}<ul><li>Tolls from May</li><li>Bus lanes kept</li></ul></div>"
    )
    text = clean(RawInput("a.html", "html", html)).text
    assert text.startswith("What the council decided")


def test_an_unclosed_nav_round_the_whole_page_does_not_take_the_story() -> None:
    html = page(f"<nav><a href='/'>Home</a><div class='story'>{paragraphs(4)}</div></nav>")
    assert extract_html(html).text.count(PROSE) == 4


def test_short_list_items_without_links_are_the_story_s() -> None:
    html = page(
        f"<div class='story'>{paragraphs(3)}<ul><li>6 eggs</li><li>1 cup milk</li></ul></div>"
    )
    lines = extract_html(html).text.split("\n")
    assert "6 eggs" in lines
    assert "1 cup milk" in lines


def test_a_br_inside_a_paragraph_breaks_the_line_instead_of_gluing_words() -> None:
    html = page(f"<div class='story'>{paragraphs(3)}<p>Jane Roe<br>Berlin, 12 March</p></div>")
    lines = extract_html(html).text.split("\n")
    assert "Jane Roe" in lines
    assert "Berlin, 12 March" in lines


def test_a_post_rendered_from_a_client_side_template_is_read() -> None:
    html = page(f"<div id='app'></div><script type='text/template'>{paragraphs(3)}</script>")
    assert extract_html(html).text.count(PROSE) == 3
    code = page(f"<p>Short.</p><script>var t = '{paragraphs(3)}';</script>")
    assert PROSE not in extract_html(code).text


def test_a_page_swallowed_by_an_unclosed_button_keeps_its_story() -> None:
    html = page(f"<header><button class='menu'>Menu<main>{paragraphs(4)}</main></button></header>")
    assert extract_html(html).text.count(PROSE) == 4


POP_UP = (
    "We and our partners store and read information on your device, such as cookies, to "
    "measure, personalise and improve content, and you may change your mind later. "
)


@pytest.mark.parametrize(
    "wrapper",
    [
        # a consent box's legal prose outweighs a short story, named by its class words
        '<div id="cookie-settings-wrapper"><div class="cookie-box">{}</div></div>',
        # or by its ARIA role alone: a pop-up over the page, not the page
        '<div class="BoxWrap" role="dialog" aria-modal="true">{}</div>',
    ],
)
def test_a_pop_up_longer_than_the_story_does_not_take_its_place(wrapper: str) -> None:
    html = page(
        wrapper.format("".join(f"<p>{i}. {POP_UP}</p>" for i in range(12)))
        + f"<main><div class='entry'>{paragraphs(2)}</div></main>"
    )
    text = extract_html(html).text
    assert text.count(PROSE) == 2
    assert "partners" not in text


def test_ruby_readings_do_not_split_the_words_they_gloss() -> None:
    # easy-reading Japanese prints each word's reading in <rt> above it
    sentence = (
        "<p><ruby>市長<rt>しちょう</rt></ruby>は<ruby>橋<rt>はし</rt></ruby>の"
        "<ruby>工事<rt>こうじ</rt></ruby>について、きのうの会議で長く話しました。"
        "予算のことも、バスのことも話しました。</p>"
    )
    text = extract_html(page(f"<article>{sentence * 4}</article>")).text
    assert "市長は橋の工事について" in text
    assert "しちょう" not in text


def test_the_standfirst_in_the_story_s_own_header_is_kept() -> None:
    # a <header> inside the <article> holds the headline and the standfirst; the page's
    # masthead <header> holds neither
    html = page(
        "<header class='site'><p>The Daily Example, news of the town since the old days</p>"
        "</header>"
        "<article><header><h1>Bridge vote put off</h1>"
        "<p class='intro'>Councillors sent the plan back for a third time, citing costs.</p>"
        "</header>"
        f"<div class='body'>{paragraphs(4)}</div></article>"
    )
    text = extract_html(html).text
    assert text.startswith("Councillors sent the plan back for a third time, citing costs.")
    assert "Daily Example" not in text
    assert "Bridge vote put off" not in text


def test_a_subheading_whose_anchor_id_reads_like_furniture_is_kept() -> None:
    # a contents list jumps to each subheading by an id made from its words
    html = page(
        f"<article>{paragraphs(2)}"
        '<h3 id="nav_the_vote_is_put_off">The vote is put off</h3>'
        f"{paragraphs(2)}</article>"
    )
    assert "The vote is put off" in extract_html(html).text


def _steps(n: int) -> str:
    return "".join(
        f"<li class='step'><div class='step-text'><div class='step-body'>Step {i}: stir the "
        f"pot slowly for {i + 2} minutes over a low flame until the sauce thickens and "
        f"shines.</div></div></li>"
        for i in range(n)
    )


def test_a_story_cut_into_many_small_containers_is_read_whole() -> None:
    # a recipe: a short intro with many commas scores best, each step a container of its own
    html = page(
        "<div class='recipe'><div class='intro'><div class='intro-text'>A warm, sweet, quick, "
        "cheap, simple, old, loved, family dish, made in one pot, on any night, by anyone."
        f"</div></div><ul class='steps'>{_steps(8)}</ul></div>"
    )
    text = extract_html(html).text
    assert "A warm, sweet, quick" in text
    assert "Step 0: stir" in text and "Step 7: stir" in text


def test_code_after_a_self_closed_script_tag_is_not_text() -> None:
    # "<script/>" does not close in HTML: what follows up to "</script>" is code
    html = page(
        f"<article>{paragraphs(3)}<script type='text/javascript'/>"
        "document.addEventListener('load', function() { start(1, 2, 3); "
        "window.counter = window.counter || []; window.counter.push(['page', 'view']); });"
        "</script>"
        f"{paragraphs(1)}</article>"
    )
    text = extract_html(html).text
    assert "addEventListener" not in text
    assert text.count(PROSE) == 4


def test_a_heading_over_a_list_of_links_goes_with_the_links() -> None:
    links = "".join(
        f"<li><a href='/s{i}'>Another story about the town, number {i}</a></li>" for i in range(4)
    )
    html = page(
        f"<article>{paragraphs(3)}<h3>Read on</h3><ul>{links}</ul>"
        f"{paragraphs(1)}<h3>Also in the news</h3></article>"
    )
    page_ = extract_html(html)
    assert page_.text.count(PROSE) == 4
    assert "Read on" not in page_.text  # its links were dropped as related links
    assert "Also in the news" not in page_.text  # a heading over nothing
    assert "Read on" in [r.text for r in page_.removed]


def test_soft_hyphens_do_not_cut_the_words_they_sit_in() -> None:
    # a page hyphenated for narrow screens marks each break with U+00AD (&shy;)
    body = "".join(
        f"<p>{i}. Die Ver&shy;kehrs&shy;mi&shy;nis&shy;te&shy;rin sprach am Mon&shy;tag in "
        "Bonn, lange und mit Nach&shy;druck, über die neue Brücke und ihre Kosten.</p>"
        for i in range(3)
    )
    text = clean(RawInput("a.html", "html", page(f"<article>{body}</article>"))).text
    assert "Verkehrsministerin sprach am Montag in Bonn" in text
    assert "\xad" not in text


def test_classless_chunks_are_joined_by_their_parents_class() -> None:
    # each chunk a bare <div> in a "paragraph" wrapper, an ad block between them
    chunk = "<div class='paragraph'><div>{}</div></div>"
    html = page(
        "<div class='article'>"
        + chunk.format(paragraphs(4))
        + "<div class='promo-slot'><p>Advertisement</p></div>"
        + chunk.format("<p>The second part: the bridge opens next spring, officials said.</p>")
        + "</div>"
    )
    text = extract_html(html).text
    assert text.count(PROSE) == 4
    assert "The second part" in text


def test_a_long_sentence_mostly_linked_is_still_prose() -> None:
    linked = (
        "<p>She takes over from <a href='/p/1'>the deputy mayor of the northern district</a>, "
        "who had run <a href='/p/2'>the transport and housing committees</a> since the last "
        "election.</p>"
    )
    teaser = "<p><a href='/s/9'>Another story about the council and its long budget fight</a></p>"
    html = page(f"<article>{paragraphs(3)}{linked}{teaser}</article>")
    text = extract_html(html).text
    assert "who had run the transport and housing committees since the last election." in text
    assert "Another story" not in text


def test_an_author_box_after_the_story_is_not_its_text() -> None:
    bio = (
        "Jane Roe has covered the council for the paper since the floods, and before that "
        "wrote about schools, courts and the port for a decade, in two other cities."
    )
    html = page(
        f"<article><div class='entry'>{paragraphs(4)}"
        f"<div class='row author-box'><p>{bio}</p></div>"
        f"<div class='TestReport__AuthorBio'><p>{bio} Again.</p></div></div></article>"
    )
    text = extract_html(html).text
    assert text.count(PROSE) == 4
    assert "Jane Roe" not in text
