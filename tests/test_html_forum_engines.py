"""Threads shaped like engines and layouts the dev sets hold few of (phpBB, vBulletin, XenForo, Discourse, Vanilla,
Invision, SMF, MyBB, nested Reddit-like comments, StackExchange Q&A, an RTL Persian board, guests and deleted posts),
each with full dates, ages only ('2y', '3 months ago', '5d', 'yesterday') and Persian digits / Arabic ages: every post
kept with its writer, its date as printed and its own message (quotes, signatures and edit notes apart)."""
import pytest

from extractors.html import extract_html

MSG = ["I replaced the pump last spring and the water cleared within a week, worth trying first.",
       "Thanks, that matches what the shop told me. Which filter size did you pick for the pond?",
       "A 10,000 litre filter for a 6,000 litre pond: oversizing keeps the cleaning rare.",
       "Good tip. Mine is smaller and I clean it every week in summer, so I will upgrade."]
NAMES = ["alice", "bob", "carol", "dan"]

def wrap(body, title="Pond pump advice"):
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}<div class='pagination'><a href='?page=2' rel='next'>Next</a></div></body></html>"

def phpbb(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        q = f"<blockquote><div><cite>{NAMES[i-1]} wrote:</cite>{MSG[i-1][:30]}</div></blockquote>" if i == 2 else ""
        out.append(f'<div id="p{i}" class="post has-profile bg{i%2+1}"><div class="inner"><dl class="postprofile"><dt><a href="./memberlist.php?mode=viewprofile&amp;u={i}" class="username">{n}</a></dt><dd><strong>Posts:</strong> 12</dd><dd><strong>Joined:</strong> Sat Jan 02, 2010 1:00 pm</dd></dl><div class="postbody"><h3><a href="#p{i}">Re: Pond pump advice</a></h3><p class="author"><a href="#"><i class="icon"></i></a>by <strong><a href="./memberlist.php?mode=viewprofile&amp;u={i}" class="username">{n}</a></strong> &raquo; {d}</p><div class="content">{q}{MSG[i%4]}</div><div id="sig{i}" class="signature">My pond blog</div></div></div></div>')
    return wrap('<div id="page-body">' + "".join(out) + "</div>")

EDIT = '<div class="after_content"><blockquote class="postcontent lastedited">Last edited by {}; 03-02-2021 at 11:00 AM.</blockquote></div>'

def vb4(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        out.append(f'<li class="postbitlegacy postbitim postcontainer" id="post_{i}"><div class="posthead"><span class="postdate old"><span class="date">{d}</span></span></div><div class="postdetails"><div class="userinfo"><div class="username_container"><a class="username offline popupctrl" href="member.php?u={i}"><strong>{n}</strong></a></div><span class="usertitle">Junior Member</span><dl class="userinfo_extra"><dt>Join Date</dt><dd>Mar 2009</dd><dt>Posts</dt><dd>44</dd></dl></div><div class="postbody"><div class="postrow"><div class="content"><div id="post_message_{i}"><blockquote class="postcontent restore">{MSG[i%4]}</blockquote></div></div></div>{EDIT.format(n) if i==1 else ""}</div></div></li>')
    return wrap('<ol id="posts" class="posts">' + "".join(out) + "</ol>")

def xf2(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        q = f'<blockquote class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote" data-quote="{NAMES[i-1]}"><div class="bbCodeBlock-title">{NAMES[i-1]} said:</div><div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent">{MSG[i-1][:30]}</div></div></blockquote>' if i == 2 else ""
        out.append(f'<article class="message message--post js-post" data-author="{n}" data-content="post-{i}" id="js-post-{i}"><div class="message-inner"><div class="message-cell message-cell--user"><section class="message-user"><h4 class="message-name"><a href="/members/{n}.{i+1}/" class="username" data-user-id="{i+1}">{n}</a></h4></section></div><div class="message-cell message-cell--main"><header class="message-attribution"><ul class="message-attribution-main"><li class="u-concealed"><a href="/threads/x.1/post-{i}">{d}</a></li></ul></header><div class="message-content js-messageContent"><div class="message-userContent"><article class="message-body js-selectToQuote"><div class="bbWrapper">{q}{MSG[i%4]}</div></article></div></div></div></div></article>')
    return wrap('<div class="block-body js-replyNewMessageContainer">' + "".join(out) + "</div>")

def discourse(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        out.append(f'<div class="topic-post clearfix regular"><article id="post_{i+1}" aria-label="post #{i+1} by @{n}" role="region" data-post-id="{i+1}" class="boxed onscreen-post"><div class="row"><div class="topic-avatar"><a class="trigger-user-card main-avatar" href="/u/{n}"><img alt="" src="/a.png"></a></div><div class="topic-body clearfix"><div role="heading" class="topic-meta-data"><div class="names trigger-user-card"><span class="first username"><a href="/u/{n}" data-user-card="{n}">{n}</a></span></div><div class="post-infos"><div class="post-info post-date"><a class="post-date" href="/t/x/1/{i+1}">{d}</a></div></div></div><div class="regular contents"><div class="cooked"><p>{MSG[i%4]}</p></div><section class="post-menu-area clearfix"><nav class="post-controls"><button class="widget-button">Reply</button></nav></section></div></div></div></article></div>')
    return wrap('<div class="post-stream">' + "".join(out) + "</div>")

def vanilla(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        out.append(f'<li class="Item ItemComment" id="Comment_{i}"><div class="Comment"><div class="Item-Header CommentHeader"><div class="AuthorWrap"><span class="Author"><a title="{n}" href="/profile/{n}" class="PhotoWrap"><img src="/x.png" alt="{n}" class="ProfilePhoto"></a><a href="/profile/{n}" class="Username">{n}</a></span></div><div class="Meta CommentMeta CommentInfo"><span class="MItem DateCreated"><a href="/discussion/comment/{i}#Comment_{i}" class="Permalink">{d}</a></span></div></div><div class="Item-BodyWrap"><div class="Item-Body"><div class="Message userContent">{MSG[i%4]}</div></div></div></div></li>')
    return wrap('<ul class="MessageList DataList Comments">' + "".join(out) + "</ul>")

def invision(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        out.append(f'<article id="elComment_{i}" class="cPost ipsBox ipsComment ipsComment_parent ipsClearfix ipsClear ipsColumns ipsColumns_noSpacing ipsColumns_collapsePhone"><aside class="ipsComment_author cAuthorPane ipsColumn ipsColumn_medium"><h3 class="ipsType_sectionHead cAuthorPane_author ipsType_blendLinks ipsType_break"><strong><a href="https://forum.example/profile/{i+1}-{n}/" class="ipsType_break">{n}</a></strong></h3><ul class="cAuthorPane_info ipsList_reset"><li class="ipsType_light">Members</li><li class="ipsResponsive_hidePhone">340 posts</li></ul></aside><div class="ipsColumn ipsColumn_fluid ipsMargin:none"><div id="comment-{i}_wrap" class="ipsComment_content ipsType_medium"><div class="ipsComment_meta ipsType_light ipsFlex"><div class="ipsType_reset ipsResponsive_hidePhone">Posted <a href="?do=findComment&amp;comment={i}" class="ipsType_blendLinks">{d}</a></div></div><div class="cPost_contentWrap"><div data-role="commentContent" class="ipsType_normal ipsType_richText ipsPadding_bottom ipsContained" data-controller="core.front.core.lightboxedImages"><p>{MSG[i%4]}</p></div></div></div></div></article>')
    return wrap('<div id="comments" class="cTopic ipsClear ipsSpacer_top">' + "".join(out) + "</div>")

def smf(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        out.append(f'<div class="windowbg{"2" if i%2 else ""}"><span class="topslice"><span></span></span><div class="post_wrapper"><div class="poster"><h4><a href="https://forum.example/index.php?action=profile;u={i+1}" title="View the profile of {n}">{n}</a></h4><ul class="reset smalltext" id="msg_{i}_extra_info"><li class="membergroup">Newbie</li><li class="postcount">Posts: 5</li></ul></div><div class="postarea"><div class="flow_hidden"><div class="keyinfo"><h5 id="subject_{i}"><a href="?topic=1.msg{i}#msg{i}">Re: Pond pump advice</a></h5><div class="smalltext">&#171; <strong>{"Reply #" + str(i) + " " if i else ""}on:</strong> {d} &#187;</div></div></div><div class="post"><div class="inner" id="msg_{i}">{MSG[i%4]}</div></div></div><div class="moderatorbar"><div class="signature" id="msg_{i}_signature">Ponds since 1999</div></div></div><span class="botslice"><span></span></span></div>')
    return wrap('<div id="forumposts"><form action="#" method="post">' + "".join(out) + "</form></div>")

def mybb(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        out.append(f'<div class="post classic" style="" id="post_{i}"><div class="post_author scaleimages"><div class="author_information"><strong><span class="largetext"><a href="https://forum.example/member.php?action=profile&amp;uid={i+1}">{n}</a></span></strong><br><span class="smalltext">Junior Member</span></div><div class="author_statistics">Posts: 8<br>Joined: Jan 2020</div></div><div class="post_content"><div class="post_head"><span class="post_date">{d} <span class="post_edit" id="edited_by_{i}"></span></span></div><div class="post_body scaleimages" id="pid_{i}">{MSG[i%4]}</div></div><div class="post_controls"><a href="#">Reply</a></div></div>')
    return wrap('<div id="posts">' + "".join(out) + "</div>")

def reddit(dates):
    def c(i, child=""):
        n = NAMES[i % 4]
        return (f'<div class="thing comment" id="thing_t1_{i}" data-author="{n}"><div class="entry unvoted"><p class="tagline"><a href="https://www.reddit.example/user/{n}" class="author">{n}</a>'
                f' <span class="score unvoted">3 points</span> <time class="live-timestamp">{dates[i]}</time></p>'
                f'<form class="usertext"><div class="usertext-body"><div class="md"><p>{MSG[i%4]}</p></div></div></form></div>'
                f'<div class="child"><div class="sitetable listing">{child}</div></div></div>')
    tree = c(0, c(1, c(2))) + c(3)
    return wrap(f'<div class="commentarea"><div class="sitetable nestedlisting">{tree}</div></div>')

def stackexchange(dates):
    def post(kind, i, comments=""):
        n = NAMES[i % 4]
        return (f'<div id="{kind}-{i}" class="{kind}"><div class="post-layout"><div class="postcell post-layout--right"><div class="s-prose js-post-body" itemprop="text"><p>{MSG[i%4]}</p></div>'
                f'<div class="post-signature"><div class="user-info"><div class="user-action-time">asked <span title="{dates[i]}" class="relativetime">{dates[i]}</span></div>'
                f'<div class="user-details"><a href="/users/{i+1}/{n}">{n}</a></div></div></div></div>'
                f'<div class="comments"><ul class="comments-list">{comments}</ul></div></div></div>')
    com = '<li class="comment"><div class="comment-body"><span class="comment-copy">Did you check the pump first?</span> &ndash; <a href="/users/9/eve" class="comment-user">eve</a> <span class="comment-date"><span title="2021-03-01 11:00:00Z" class="relativetime-clean">Mar 1, 2021 at 11:00</span></span></div></li>'
    return wrap(post("question", 0, com) + '<div id="answers">' + post("answer", 1) + post("answer", 2) + post("answer", 3) + "</div>")

def rtl(dates):
    msgs = ["سلام، پمپ حوض را عوض کردم و آب بعد از یک هفته شفاف شد. پیشنهاد می‌کنم اول همین را امتحان کنید.",
            "ممنون، فروشنده هم همین را گفت. چه اندازه فیلتری برای حوض انتخاب کردید؟",
            "یک فیلتر ده هزار لیتری برای حوض شش هزار لیتری؛ بزرگ‌تر بودن فیلتر تمیزکاری را کم می‌کند.",
            "نکته خوبی بود. فیلتر من کوچک‌تر است و تابستان هر هفته تمیزش می‌کنم."]
    names = ["علی", "مریم", "رضا", "سارا"]
    out = []
    for i, d in enumerate(dates):
        out.append(f'<div class="postbox"><div class="postinfo"><a href="/member.php?u={i+1}" class="name">{names[i%4]}</a><span class="postdate">{d}</span></div><div class="postcontent">{msgs[i%4]}</div></div>')
    return f'<html dir="rtl" lang="fa"><head><title>پمپ حوض</title></head><body><h1>پمپ حوض</h1><div class="posts">{"".join(out)}</div></body></html>'

def guests(dates):
    out = []
    for i, d in enumerate(dates):
        n = NAMES[i % 4]
        who = f'<a href="/user/{n}" class="username">{n}</a>' if i % 2 == 0 else f'<span class="username guest">Guest_{n}</span>'
        msg = "<em>This post has been deleted.</em>" if i == 3 else MSG[i % 4]
        edit = f'<div class="edited">Edited {d} by {n}</div>' if i == 1 else ""
        out.append(f'<div class="comment"><div class="comment-head">{who} <span class="comment-date">{d}</span></div><div class="comment-body">{msg}</div>{edit}</div>')
    return wrap('<div class="comments">' + "".join(out) + "</div>")

def mailing(dates):
    rows = "".join(f'<li><strong><a name="{i}" href="msg{i}.html">Re: Pond pump advice</a></strong>, <em>{NAMES[i%4]}</em> <i>{d}</i></li>' for i, d in enumerate(dates))
    return wrap(f'<h2>Messages</h2><ul>{rows}</ul>'  )

SHAPES = dict(phpbb=phpbb, vb4=vb4, xf2=xf2, discourse=discourse, vanilla=vanilla, invision=invision, smf=smf, mybb=mybb,
              reddit=reddit, stackexchange=stackexchange, rtl=rtl, guests=guests)

DATES = {"full": ["Sun Mar 06, 2016 5:45 am", "Mon Mar 07, 2016 9:10 pm", "Tue Mar 08, 2016 1:00 am", "Wed Mar 09, 2016 8:30 am"],
         "ages": ["2y", "3 months ago", "5d", "yesterday"],
         "persian": ["۱۴۰۲/۰۵/۲۰ - ۱۰:۳۰", "۱۴۰۲/۰۵/۲۱ - ۱۱:۳۰", "۳ روز پیش", "منذ ٣ أيام"]}
PARSED = {"full": ["2016-03-06T05:45:00", "2016-03-07T21:10:00", "2016-03-08T01:00:00", "2016-03-09T08:30:00"],
          "ages": [None] * 4, "persian": ["2023-08-11T10:30:00", "2023-08-12T11:30:00", None, None]}


def read(shape: str, dates: str):
    draft = extract_html(SHAPES[shape](DATES[dates]).encode(), uri="https://forum.example/t/1")
    assert draft.kind == "forum_thread"
    return draft


@pytest.mark.parametrize("dates", sorted(DATES))
@pytest.mark.parametrize("shape", sorted(set(SHAPES) - {"rtl", "guests"}))
def test_every_post_with_its_writer_date_and_message(shape, dates):
    posts = read(shape, dates).posts
    assert [p.author for p in posts] == NAMES
    assert [p.posted_raw for p in posts] == DATES[dates]
    assert [p.posted for p in posts] == PARSED[dates]
    assert [p.text for p in posts] == MSG


@pytest.mark.parametrize("dates", sorted(DATES))
def test_rtl_board_with_persian_names(dates):
    posts = read("rtl", dates).posts
    assert [p.author for p in posts] == ["علی", "مریم", "رضا", "سارا"]
    assert [p.posted_raw for p in posts] == DATES[dates]
    assert [p.posted for p in posts] == PARSED[dates]
    assert all(len(p.text) > 40 for p in posts)


def test_guests_named_without_a_profile_and_a_deleted_post_are_posts():
    posts = read("guests", "full").posts
    assert [p.author for p in posts] == ["alice", "Guest_bob", "carol", "Guest_dan"]
    assert posts[3].text == "This post has been deleted."
    assert "Edited" not in posts[1].text  # the edit note is no part of the message


@pytest.mark.parametrize("shape", ["phpbb", "xf2"])
def test_a_quote_is_the_quoted_writers_not_the_posts_own_text(shape):
    posts = read(shape, "full").posts
    assert [(q.author, q.of_post) for q in posts[2].quotes] == [("bob", 1)]
    assert posts[2].text == MSG[2]


@pytest.mark.parametrize("shape", ["phpbb", "smf"])
def test_signatures_are_stripped_from_the_message(shape):
    draft = read(shape, "full")
    assert {s.reason for s in draft.stripped} == {"signature"}
    assert not any("blog" in p.text or "since" in p.text for p in draft.posts)


def test_smf_date_between_guillemets_after_a_reply_label():
    """'« Reply #1 on: <date> »': the trailing guillemet left nothing after it, the label stayed before the date."""
    assert [p.posted_raw for p in read("smf", "full").posts] == DATES["full"]


def test_a_profiles_first_line_counting_posts_is_no_title_and_its_join_date_is_read():
    posts = read("phpbb", "full").posts
    assert {p.author_title for p in posts} == {None}
    assert {p.author_joined for p in posts} == {"2010-01-02T13:00:00"}


def test_the_pager_link_is_the_next_page():
    assert read("vb4", "full").next_page == "https://forum.example/t/1?page=2"


def test_a_mailing_list_index_of_subjects_is_no_thread_of_posts():
    """Subject, writer and date per row but no message: the name-and-date list is not read as posts."""
    draft = extract_html(mailing(DATES["full"]).encode(), uri="https://lists.example/archive/")
    assert draft.posts == []
    assert draft.page_type == "listing"


def test_a_mailing_list_message_page_keeps_its_body_and_date():
    page = ('<html><head><title>[pond-l] Pump advice</title></head><body><h1>[pond-l] Pump advice</h1><b>Alice Smith</b> '
            '<a href="mailto:pond-l%40lists.example?Subject=Re">alice at example.org</a><br><i>Sun Mar 6 05:45:00 UTC 2016</i>'
            '<p><ul><li>Previous message: <a href="000123.html">[pond-l] Filters</a></li></ul><hr><!--beginarticle-->'
            '<pre>I replaced the pump last spring and the water cleared within a week.\n\n&gt; Which pump?\n\nA 40 W one.\n</pre>'
            '<!--endarticle--><hr></body></html>')
    draft = extract_html(page.encode(), uri="https://lists.example/archive/000124.html")
    assert draft.published == "2016-03-06T05:45:00Z"
    assert draft.text().startswith("I replaced the pump last spring") and draft.text().endswith("A 40 W one.")


def test_a_join_date_printed_to_the_month_is_kept_to_the_month():
    """vBulletin's 'Join Date: Mar 2009' has no day: '2009-03', not dropped for want of one."""
    posts = read("vb4", "full").posts
    assert {(p.author_joined, p.author_messages) for p in posts} == {("2009-03", 44)}


@pytest.mark.parametrize("dates, parsed", [
    (["۲۰ مرداد ۱۴۰۲، ساعت ۱۰:۳۰", "۲۱ مرداد ۱۴۰۲، ساعت ۱۱:۳۰", "دیروز، ساعت ۰۹:۱۵", "۲ ساعت پیش"],
     ["2023-08-11T10:30:00", "2023-08-12T11:30:00", None, None]),
    (["٢٠٢٣/٠٨/١١ ١٠:٣٠ ص", "١١ أغسطس ٢٠٢٣", "أمس ١٠:٣٠ م", "منذ ساعتين"], ["2023-08-11T10:30:00", "2023-08-11", None, None]),
    (["1402/05/20", "۱۴۰۲-۰۵-۲۱", "2y", "۳ هفته پیش"], ["2023-08-11", "2023-08-12", None, None]),
])
def test_rtl_dates_jalali_months_arabic_indic_digits_and_ages(dates, parsed):
    posts = extract_html(SHAPES["rtl"](dates).encode(), uri="https://forum.example/t/1").posts
    assert [p.posted_raw for p in posts] == dates
    assert [p.posted for p in posts] == parsed
    assert [p.date_precision for p in posts][2:] == ["as_written", "as_written"]
