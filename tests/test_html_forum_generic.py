"""The engine-independent post detector on threads of engines no profile names: every post field,
with engine profiles on and off (held-out forums run engines we have never seen)."""
from pathlib import Path

import pytest

from extractors.html import extract_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


@pytest.fixture(params=[True, False], ids=["profiles", "structure-only"])
def profiles(request):
    return request.param


def thread(name: str, profiles: bool = True):
    draft = extract_html((FIXTURES / name).read_bytes(), uri="https://forum.example/t/1", profiles=profiles)
    assert draft.kind == "forum_thread" and draft.extractor == "html_forum:generic"
    return draft


def fields(draft):
    return [(p.author, p.posted_raw, p.posted, p.author_joined) for p in draft.posts]


def test_php_table_layout_header_rows_and_body_rows(profiles):
    d = thread("forum_table_php.html", profiles)
    assert fields(d) == [
        ("Gartenfreund", "14.05.2021, 18:22", "2021-05-14T18:22:00", "2009-02-03"),  # 'Registriert seit' is the join date
        ("Seerose", "14.05.2021, 19:05", "2021-05-14T19:05:00", "2005-11-11"),
        ("Gast", "15.05.2021, 07:41", "2021-05-15T07:41:00", "2021-04-20"),  # a guest: name in plain bold, no profile link
    ]
    first, second, third = d.posts
    assert first.text == "Hallo zusammen,\n\nmein Teich hat etwa 8000 Liter. Welche Filterpumpe würdet ihr empfehlen?"
    assert second.text == "Bei 8000 Litern reicht eine Pumpe mit 4000 l/h völlig aus."
    (quote,) = second.quotes
    assert (quote.author, quote.text, quote.of_post) == ("Gartenfreund", "Welche Filterpumpe würdet ihr empfehlen?", 0)
    assert any(s.reason == "signature" and s.text == "Grüße aus dem Spreewald" for s in d.stripped)
    assert third.text.startswith("Ich habe gute Erfahrungen") and third.quotes == []


def test_nested_comment_tree_every_reply_is_a_post(profiles):
    d = thread("forum_comment_tree.html", profiles)
    assert [p.author for p in d.posts] == ["kai", "nora", "kai", "omar"]  # page order, replies flattened
    assert [p.posted for p in d.posts] == ["2023-09-12T08:30:00Z", "2023-09-12T09:10:00Z", "2023-09-12T09:20:00Z", "2023-09-12T10:00:00Z"]
    assert [p.posted_raw for p in d.posts] == ["2 hours ago", "1 hour ago", "50 minutes ago", "10 minutes ago"]
    assert d.posts[0].text == "Restic to a USB disk every night, and to a cloud bucket once a week."  # no reply text inside
    assert d.posts[1].text == "Do you encrypt the cloud copy, or trust the provider?"
    assert all(p.quotes == [] and "link" not in p.text for p in d.posts)


def test_question_and_answers_with_the_question_in_its_own_box(profiles):
    d = thread("forum_qa.html", profiles)
    assert fields(d) == [
        ("lena_b", "Mar 4, 2022 at 17:12", "2022-03-04T17:12:09Z", None),
        ("baker_tom", "Mar 4, 2022 at 18:40", "2022-03-04T18:40:00Z", None),
        ("crumb", "Mar 5, 2022 at 9:02", "2022-03-05T09:02:00Z", None),
    ]
    assert d.posts[0].text.startswith("My loaf rises") and "asked" not in d.posts[0].text
    assert d.posts[1].text.startswith("It is almost certainly over-proofed") and "14" not in d.posts[1].text.split()


def test_persian_rtl_forum_jalali_dates_and_join_dates(profiles):
    d = thread("forum_fa_rtl.html", profiles)
    assert fields(d) == [
        ("علی", "۱۴۰۲/۰۳/۱۵ - ۱۰:۲۰", "2023-06-05T10:20:00", "2019-05-01"),  # Solar Hijri dates, read as printed
        ("سارا", "۱۴۰۲/۰۳/۱۵ - ۱۱:۰۵", "2023-06-05T11:05:00", "2016-09-22"),
    ]
    assert d.posts[0].text == "سلام دوستان، مودم من هر چند دقیقه یک بار قطع می\u200cشود. چه کار کنم؟"
    assert d.posts[1].text.startswith("لطفاً اول فریم") and "کاربر فعال" not in d.posts[0].text
    (quote,) = d.posts[1].quotes
    assert (quote.author, quote.of_post) == ("علی", 0) and quote.text.startswith("مودم من")


def test_urdu_list_forum_time_elements_and_signature(profiles):
    d = thread("forum_ur.html", profiles)
    assert fields(d) == [
        ("زاہد", "21 اگست 2023", "2023-08-21T20:15:00+05:00", None),
        ("نادیہ", "21 اگست 2023", "2023-08-21T21:40:00+05:00", None),
    ]
    assert d.posts[0].text == "اس مہینے بجلی کا بل دگنا آیا ہے، کیا کسی اور کے ساتھ بھی ایسا ہوا؟"
    assert "کراچی" not in d.posts[1].text
    assert any(s.reason == "signature" and "کراچی" in s.text for s in d.stripped)


def test_news_article_with_comments_stays_an_article():
    comments = "".join(
        f'<li class="comment"><a href="/users/u{i}">reader{i}</a> <time datetime="2023-01-0{i}">Jan {i}, 2023</time>'
        f"<p>Comment number {i} says something short about the story.</p></li>" for i in range(1, 5))
    body = " ".join(["The council approved the new budget after a long debate about schools and roads."] * 12)
    html = (f'<html><head><meta property="og:type" content="article"><title>Budget passes</title></head><body>'
            f'<article><h1>Budget passes</h1><p>{body}</p><p>{body}</p></article><ol class="comments">{comments}</ol></body></html>')
    draft = extract_html(html.encode(), uri="https://news.example/budget")
    assert draft.kind == "article" and "council approved" in draft.text()


def test_news_article_with_comments_and_teaser_rail_stays_an_article(profiles):
    """Page regions (article with byline, comment widget, related-stories rail with bylines and dates)
    repeat like posts but print no writer or date at one place: the page is an article."""
    data = (FIXTURES / "article_with_comments.html").read_bytes()
    d = extract_html(data, uri="https://news.example/flood", profiles=profiles)
    assert d.kind == "article" and d.posts == []
    assert d.text().startswith("Emergency crews spent the night stacking sandbags")
    assert "Farmers upstream reported" in d.text()
    assert "County asks state for levee funding" not in d.text() and "north road is already closed" not in d.text()


def _reader_comment(i: int, replies: str = "") -> str:
    return (f"<li class='comment' id='comment-{i}'><div class='comment-author'><a href='/u/reader{i}'>reader{i}</a></div>"
            f"<time datetime='2024-03-{i % 28 + 1:02d}T10:00'>March {i % 28 + 1}, 2024</time><div class='comment-body'><p>"
            f"Comment number {i} says the council should publish the budget for the new school in full.</p></div>"
            f"<a class='reply' href='#comment-{i}'>Reply</a>{replies}</li>")


def _article_under_comments(count: int) -> tuple[bytes, list[str], list[int]]:
    """An article, then `count` reader comments, every third with a reply nested in it; its paragraphs and the
    commenters' numbers in page order."""
    paragraphs = [f"Paragraph {k} of the report explains how the city council spent the water budget in the year "
                  "before the election." for k in range(12)]
    items, order = [], []
    for i in range(count):
        order.append(i)
        reply = ""
        if i % 3 == 0:
            order.append(10000 + i)
            reply = f"<ol class='children'>{_reader_comment(10000 + i)}</ol>"
        items.append(_reader_comment(i, reply))
    page = (f"<html><head><title>Annual Report</title></head><body><article><h1>Annual Report</h1><p class='byline'>By Jane Doe"
            f"</p>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article><section id='comments'><ol class='comment-list'>"
            f"{''.join(items)}</ol></section></body></html>")
    return page.encode(), paragraphs, order


def test_many_nested_comments_under_an_article_each_a_post_after_the_article():
    """Hundreds of comments (the detector's per-element index and per-post reading, nested replies among them):
    the article opens the thread whole, then every comment, replies in page order, each with its own text only."""
    data, paragraphs, order = _article_under_comments(300)
    d = extract_html(data)
    assert d.kind == "forum_thread" and d.extractor == "html_forum:generic"
    lead, *comments = d.posts
    assert lead.text == "\n\n".join(paragraphs) and lead.author == "Jane Doe"
    assert [p.author for p in comments] == [f"reader{i}" for i in order]
    assert [p.posted for p in comments] == [f"2024-03-{i % 28 + 1:02d}T10:00:00" for i in order]
    assert all(p.text.startswith(f"Comment number {i} says") and p.text.count("Comment number") == 1
               for p, i in zip(comments, order))


def test_many_comments_under_an_article_with_a_web_address_keep_the_article_as_the_text():
    """Typed an article by its address, the page's text is the article body; the comments are set aside (their
    text shortened there)."""
    data, paragraphs, _ = _article_under_comments(300)
    d = extract_html(data, uri="https://news.example/2024/03/report")
    assert d.kind == "article" and not d.posts
    assert d.paragraphs == paragraphs
    (comments,) = [s.text for s in d.stripped if s.reason == "comments"]
    assert comments.startswith("reader0 March 1, 2024 Comment number 0 says the council")


def test_page_attributes_hold_values_in_page_order_with_their_elements():
    from extractors.html import parse
    from extractors.html_forum_generic import page_attributes

    root = parse("<html><body><div class='post' id='a'><a class='user' href='/u/1'>Ana</a></div>"
                 "<div class='post'><a href='/u/2'>Bo</a></div></body></html>")
    attrs = page_attributes(root)
    assert list(attrs) == ["class", "id", "href"]
    assert attrs.get("class") == ["post", "user", "post"] and attrs.get("title") == ()
    assert [el.tag for el in attrs.owners("class")] == ["div", "a", "div"]
    assert [(v, el.text) for v, el in attrs.owned("href", "a")] == [("/u/1", "Ana"), ("/u/2", "Bo")]
    assert attrs.owners("class", [2])[0] is root.find("body")[1]
    assert [el.tag for el in attrs.elements] == ["div", "a", "div", "a"]  # only elements carrying attributes are held


def test_a_table_of_dated_rows_is_a_table_not_a_thread(profiles):
    """Rows of short cells with a date column repeat like posts; they are a price list, read as an article's text."""
    rows = "".join(f"<tr><td>{i}</td><td>Item {i * 37}</td><td>{i * 3}.50</td><td>2024-03-{i:02d}</td></tr>" for i in range(1, 21))
    page = f"<html><body><h1>Price list</h1><table>{rows}</table></body></html>".encode()
    draft = extract_html(page, uri="https://shop.example/prices", profiles=profiles)
    assert draft.kind == "article" and draft.posts == []
    assert "Item 370" in draft.text() and "2024-03-20" in draft.text()


def test_a_thread_laid_out_in_table_rows_of_writer_and_message_is_still_a_thread(profiles):
    post = ("<tr class='row'><td class='author'><a href='/member.php?u={i}'>user{i}</a><br>Posts: {i}</td>"
            "<td class='message'><div class='date'>Posted: 0{i}.03.2024 10:1{i}</div>This is my answer number {i}: the pump "
            "works well for a pond of that size, and the filter is easy to clean every spring.</td></tr>")
    page = f"<html><body><table>{''.join(post.format(i=i) for i in range(1, 6))}</table></body></html>".encode()
    draft = extract_html(page, uri="https://forum.example/t/1", profiles=profiles)
    assert draft.kind == "forum_thread" and [p.author for p in draft.posts] == [f"user{i}" for i in range(1, 6)]
