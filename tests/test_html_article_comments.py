"""An article followed by many uniform reader comments: its body is kept, whichever way the page is typed."""
import extractors.html as html
from extractors.html import extract_html

_SENTENCES = [
    "The council approved the new budget after a long debate about schools and roads in the district.",
    "Officials said the plan would be reviewed again next spring once the first figures are published.",
    "Residents who spoke at the meeting asked for more money for the library and the public pool.",
    "The mayor told reporters that the city had never spent so much on repairs in a single year.",
    "Several members voted against the plan, saying the tax increase would hurt small businesses.",
    "A final vote on the remaining items is expected before the end of the month, the clerk said.",
]


def _comment(i: int) -> str:
    return (f"<li class='comment' id='comment-{i}'><div class='comment-author'><a href='/u/{i}'>reader{i}</a></div>"
            f"<time datetime='2024-03-{i % 27 + 1:02d}'>March {i % 27 + 1}, 2024</time><div class='comment-body'>"
            f"<p>Comment number {i}: {_SENTENCES[i % 6][:60]}</p></div><a class='reply' href='#comment-{i}'>Reply</a></li>")


def _page(body_paragraphs: int, comments: int = 30, before: str = "") -> bytes:
    body = "".join(f"<p>{_SENTENCES[i % 6]} Paragraph {i}.</p>" for i in range(body_paragraphs))
    thread = "".join(_comment(i) for i in range(comments))
    return (f"<html><head><title>Budget approved</title></head><body>{before}<article><h1>Budget approved</h1>"
            f"<p class='byline'>By Jane Doe</p>{body}</article><section id='comments'><ol class='comment-list'>"
            f"{thread}</ol></section></body></html>").encode()


def test_a_thread_of_comments_under_an_article_opens_with_the_article_body():
    draft = extract_html(_page(12))
    assert draft.page_type == "forum_thread"  # the comments outweigh the article: typed a thread
    lead = draft.posts[0].text
    assert "Paragraph 0." in lead and "Paragraph 11." in lead
    assert "Budget approved" not in lead and "By Jane Doe" not in lead  # headline and byline are the record's
    assert len(draft.posts) == 31 and draft.posts[1].text.startswith("Comment number 0")


def test_a_page_typed_an_article_keeps_its_body_and_strips_the_comments(monkeypatch):
    monkeypatch.setattr(html, "typed", lambda root, url, attrs: ("article", 0.0))  # the typer's verdict, not the detector's
    draft = extract_html(_page(12))
    assert draft.page_type == "article" and not draft.posts
    assert "Paragraph 0." in draft.text() and "Paragraph 11." in draft.text()
    assert "Comment number" not in draft.text()
    assert any(s.reason == "comments" for s in draft.stripped)


def test_a_short_box_before_the_posts_is_no_article_body():
    notice = "<div class='notice'><p>" + _SENTENCES[0] + "</p><p>" + _SENTENCES[1] + "</p></div>"
    draft = extract_html(_page(0, before=notice))
    assert draft.page_type == "forum_thread"
    assert len(draft.posts) == 30 and draft.posts[0].text.startswith("Comment number 0")
