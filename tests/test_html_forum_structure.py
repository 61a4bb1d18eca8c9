"""Which blocks are posts and which part of a post is its message, on small synthetic threads of
layouts no engine profile names (plus two engine threads whose profile misses a field)."""
from extractors.html import extract_html


def read(html: str):
    draft = extract_html(html.encode(), uri="https://forum.example/t/1")
    assert draft.kind == "forum_thread"
    return draft


def test_a_posts_header_in_a_nested_table_is_not_a_reply():
    """Old table layouts: each post a table whose first row holds a table with the name and date."""
    def post(pid, name, when, text):
        return (f"<a name='{pid}'></a><table width='80%'><tr><td><table width='100%'><tr><td>"
                f"<b>By</b> <a href='user_info.pl?id={pid}'>{name}</a> <b>On</b> {when}</td></tr></table></td></tr>"
                f"<tr><td>{text}</td></tr></table><p>")
    html = ("<html><body><table width='100%'><tr><td>" + post(1, "jo", "2020.03.12 13:17", "Has anyone asked their neurologist yet?")
            + post(2, "sage", "2020.03.12 15:21", "We have not, but our health department says to be careful.")
            + post(3, "jo", "2020.03.12 17:31", "Thank you, that is very helpful to know.") + "</td></tr></table></body></html>")
    d = read(html)
    assert [(p.author, p.posted_raw) for p in d.posts] == [("jo", "2020.03.12 13:17"), ("sage", "2020.03.12 15:21"), ("jo", "2020.03.12 17:31")]
    assert d.posts[1].text == "We have not, but our health department says to be careful."


def test_boxes_holding_posts_give_way_to_the_posts_inside():
    """A question box and a box of answers: the answers are posts, not the box holding them."""
    def post(name, day, text):
        return (f'<div class="post"><div class="meta"><a href="/members/{name}-7">{name}</a> '
                f'<time datetime="2020-04-{day:02d}">{day} April 2020</time></div><div class="content"><p>{text}</p></div></div>')
    answers = "".join(post(n, d, t) for n, d, t in [
        ("flood", 18, "There may not be a Portuguese version of the free product, but the trial converts to it."),
        ("david", 20, "Thank you, I will try the trial then and see what it turns into after a month."),
        ("flood", 29, "Excellent, thank you so much for taking the time to let us know how it went.")])
    html = (f'<html><body><div class="box page"><div class="box first">{post("david", 17, "When downloading the free version for the European Union it only comes in English. Is there another way?")}</div>'
            f'<div class="box" id="comments">{answers}</div></div></body></html>')
    d = read(html)
    assert [(p.author, p.posted) for p in d.posts] == [("david", "2020-04-17"), ("flood", "2020-04-18"), ("david", "2020-04-20"), ("flood", "2020-04-29")]
    assert d.posts[2].text == "Thank you, I will try the trial then and see what it turns into after a month."


def test_message_text_loose_beside_the_name_and_date():
    """'<strong>name</strong> Says:<br><time>..</time><br>The message': the message is the loose text, not the action bar."""
    def post(pid, name, iso, text):
        return (f'<div class="item" id="r_{pid}"><div class="item_content"><strong>{name}</strong> Says:<br/>'
                f'<span class="small"><time datetime="{iso}">{iso[:10]}</time></span><br/><br/>{text}<br/></div>'
                f'<div class="action_bar"><a href="#reply">REPLY</a><a href="/report?r={pid}">REPORT</a> Was this helpful?</div></div>')
    html = ("<html><body><div class='main'>" + post(1, "Vega", "2005-06-23T22:37:01Z", "The only side effect I noticed is that I am always hungry now.")
            + post(2, "Bonnie", "2005-06-24T02:14:44Z", "I never had any side effects in four years of taking it daily.")
            + post(3, "Jeannie", "2005-06-26T19:31:40Z", "Baking soda in water helped me when I could not afford the pills.")
            + "</div></body></html>")
    d = read(html)
    assert [p.author for p in d.posts] == ["Vega", "Bonnie", "Jeannie"]
    assert d.posts[0].text.endswith("The only side effect I noticed is that I am always hungry now.")
    assert not any("REPORT" in p.text for p in d.posts)


IPS_POST = """<article class="cPost ipsComment" id="elComment_{pid}">
<aside class="cAuthorPane"><h3 class="cAuthorPane_author"><strong><span>{name}</span></strong>
<span title="reputation" class="ipsRepBadge"><i></i> {rep}</span></h3></aside>
<div class="ipsColumn"><div class="ipsComment_meta"><time datetime="{iso}">{day}</time></div>
<div data-role="commentContent"><p>{text}</p></div></div></article>"""


def test_engine_author_is_the_name_not_its_badges_and_an_undated_ad_is_no_post():
    posts = [IPS_POST.format(pid=1, name="Alex", rep="5", iso="2020-04-01T19:10:50Z", day="April 1", text="Hello everyone, I am new here."),
             '<article class="cPost ipsComment"><aside class="cAuthorPane"><h3 class="cAuthorPane_author">Advertising</h3></aside>'
             '<div data-role="commentContent"><p>Our sponsors</p></div></article>',
             IPS_POST.format(pid=2, name="+Raze", rep="17,536", iso="2020-04-01T19:24:56Z", day="April 1", text="Welcome to the forum!"),
             IPS_POST.format(pid=3, name="Alex", rep="5", iso="2020-04-01T20:07:52Z", day="April 1", text="Thank you very much."),
             IPS_POST.format(pid=4, name="podi", rep="9", iso="2020-04-02T08:00:00Z", day="April 2", text="Hello and welcome.")]
    d = read('<html><body class="ipsApp"><form>' + "".join(posts) + "</form></body></html>")
    assert d.extractor == "html_forum:ips"
    assert [p.author for p in d.posts] == ["Alex", "+Raze", "Alex", "podi"]


def test_engine_thread_whose_date_selector_misses_reads_the_date_from_structure():
    def post(pid, name, when, text):
        return (f'<li id="post-{pid}" class="message" data-author="{name}"><div class="messageUserInfo">'
                f'<div class="messageUserBlock"><h3 class="userText">{name}<em class="userTitle">Neuling</em>'
                f'<small><span style="float:right">{when}</span></small></h3>'
                f'<dl class="pairsJustified"><dt>Registriert seit:</dt><dd>13. Januar 2020</dd></dl></div></div>'
                f'<div class="messageInfo"><div class="messageContent"><blockquote class="messageText">{text}</blockquote></div></div></li>')
    html = ('<html><body><ol class="messageList" id="messageList">'
            + post(1, "uni", "13.01.2020, 10:47", "Ein Arzt stellt wiederholt falsche Rezepte aus.")
            + post(2, "schnuer", "13.01.2020, 13:54", "Dann meint das Sanitätshaus, dass das Rezept falsch ist.")
            + "</ol></body></html>")
    d = read(html)
    assert d.extractor == "html_forum:xenforo"
    assert [(p.author, p.posted_raw, p.posted) for p in d.posts] == [
        ("uni", "13.01.2020, 10:47", "2020-01-13T10:47:00"), ("schnuer", "13.01.2020, 13:54", "2020-01-13T13:54:00")]


def test_boxes_each_holding_several_posts_give_way_to_the_posts():
    """Two page boxes of the same kind, each holding three posts: the boxes repeat and name writers, but a
    'post' with six dates is no post; the posts inside them are."""
    def post(i):
        name = ["mira", "olaf", "tess"][i % 3]
        return (f'<div class="entry"><a href="/profile/{name}">{name}</a> <span>2021-0{i + 1}-03 10:00</span>'
                f' <span class="edit">2021-0{i + 1}-04 11:00</span><p>Reply number {i + 1} on repotting a fig tree in spring.</p></div>')
    intro = "<h3>Answers in this part of the thread, sorted by the votes other gardeners gave them so far</h3>"
    boxes = "".join(f'<div class="box">{intro}{"".join(post(i) for i in range(start, start + 3))}</div>' for start in (0, 3))
    d = read(f"<html><body><div class='page'>{boxes}</div></body></html>")
    assert [p.author for p in d.posts] == ["mira", "olaf", "tess", "mira", "olaf", "tess"]
    assert [p.posted for p in d.posts] == [f"2021-0{i}-03T10:00:00" for i in range(1, 7)]
