"""extract_forum on threads modelled on what XenForo, vBulletin, phpBB and Discourse pages look like copied as text."""
from pathlib import Path

import pytest

from extractors.text_forum import extract_forum, header, parse_count

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"  # shared/ sits beside the checkout

XENFORO = """What's new

Best budget soldering iron?

Thread starter alice_w Start date Mar 3, 2021

alice_w

Well-known member
Joined
Jan 5, 2015
Messages
1,204
Reaction score
87
Points
113
Mar 3, 2021
#1
I need a soldering iron for small electronics work. Any suggestions under $50?

Mostly through-hole parts.
Like
Reply

bob_k

Junior Member
Joined
Feb 2, 2019
Messages
1.2K
Reaction score
5
Points
18
Mar 4, 2021
#2
alice_w said:
↑
I need a soldering iron for small electronics work. Any suggestions under $50?
Click to expand...
The Pinecil is great for the price.
Last edited: Mar 4, 2021

You must log in or register to reply here.
Similar threads
Best multimeter?
"""

VBULLETIN = """Car Forum
Home > Forums > Engines
Engine noise at idle
Page 1 of 2 1 2 Next

03-14-2012, 09:15 PM #1
gearhead77
Senior Member
Join Date: Mar 2010
Location: Ohio
Posts: 2,345
My truck makes a ticking noise at idle.
It goes away when warm.
Reply With Quote

03-15-2012, 07:02 AM #2
mech_sam
Registered User
Join Date: Jul 2008
Location: Texas
Posts: 12,001
Quote:
Originally Posted by gearhead77
My truck makes a ticking noise at idle.

Probably a lifter. Try thicker oil.
Reply With Quote
"""

PHPBB = """Board index
Kernel panic after update

tux_fan
Posts: 120
Joined: Mon Jan 01, 2018 10:00 am
Post by tux_fan » Tue Jun 04, 2024 8:12 pm
After the last kernel update my laptop panics on boot.
Top

penguin_admin
Site Admin
Posts: 9,876
Joined: Fri Mar 02, 2012 9:00 am
Post by penguin_admin » Tue Jun 04, 2024 9:40 pm
Boot the previous kernel from the GRUB menu and report the log here.
Top
"""

DISCOURSE = """Rust Forum
How do I borrow a struct twice?
help

alice
March 3, 2024, 10:15am
1
I get error E0499 when I call two methods on the same struct.
Is there a pattern for this?

bob
March 3, 2024, 11:02am
2
Use split borrows: take references to the fields separately.
3 Likes
"""

PERSIAN = """تازه‌ها

بهترین لپ‌تاپ برای برنامه‌نویسی؟

علی‌رضا
کاربر فعال
تاریخ عضویت: ۱۵/۰۳/۲۰۱۹
ارسال‌ها: ۱٬۲۳۴
امتیاز واکنش: ۵۶
محل سکونت: تهران
سلام. برای برنامه‌نویسی پایتون چه لپ‌تاپی پیشنهاد می‌کنید؟
بودجه من محدود است.
پسندیدن
پاسخ

مریم
کاربر جدید
تاریخ عضویت: ۲۰/۰۱/۲۰۲۱
ارسال‌ها: ۴۲
امتیاز واکنش: ۳
محل سکونت: شیراز
علی‌رضا گفت:
سلام. برای برنامه‌نویسی پایتون چه لپ‌تاپی پیشنهاد می‌کنید؟
برای گسترش کلیک کنید...
به نظرم یک لپ‌تاپ با ۱۶ گیگ رم کافی است.

برای ارسال پاسخ باید وارد شوید یا ثبت نام کنید.
"""

URDU = """نیا کیا ہے

لاہور میں بارش کا موسم

احمد
سینئر رکن
شمولیت: 12.05.2018
پیغامات: 3,456
مقام: لاہور
اس سال لاہور میں بارش بہت زیادہ ہوئی ہے۔
کیا آپ کے علاقے میں بھی پانی کھڑا ہے؟
جواب دیں
اقتباس

بلال
رکن
شمولیت: 03.01.2020
پیغامات: ۱۲۰
مقام: کراچی
ہمارے ہاں بھی یہی حال ہے۔
ہمارے ہاں بھی یہی حال ہے۔
"""

GERMAN_RUSSIAN_CHROME = """Was ist neu
Winterreifen Empfehlung
Themenstarter klaus Startdatum 3. Januar 2022

klaus
Mitglied
Beigetreten
12.03.2015
Beiträge
310
Ich suche Winterreifen für einen Golf 7.
Antworten
Zitieren

sergei
Участник
Регистрация
05.06.2017
Сообщения
77
Sergei kann Michelin empfehlen.
Нажмите для раскрытия...
Ответить
Du musst dich einloggen oder registrieren, um hier zu antworten.
"""

ARTICLE = """City council approves new budget

By Jane Smith
Sep 26, 2018

The city council approved a budget of 12 million dollars on Tuesday, after a long debate about road repairs.

The mayor said the money would go to schools and roads. "We listened to residents," she said.

Share
"""


def thread(text: str):
    draft = extract_forum(text.split("\n"))
    assert draft is not None and draft.kind == "forum_thread" and draft.extractor == "text_forum"
    return draft


def reasons(draft) -> dict[str, str]:
    return {s.text: s.reason for s in draft.stripped}


def test_xenforo_member_fields_and_post_dates():
    d = thread(XENFORO)
    assert d.title == "Best budget soldering iron?"
    first, second = d.posts
    assert (first.author, first.author_title, first.author_joined) == ("alice_w", "Well-known member", "2015-01-05")
    assert (first.author_messages, first.author_reaction_score, first.author_points) == (1204, 87, 113)
    assert first.posted == "2021-03-03"  # the date next to "#1" is the post's, never the join date
    assert first.text == "I need a soldering iron for small electronics work. Any suggestions under $50?\n\nMostly through-hole parts."
    assert (second.author, second.author_messages, second.author_joined, second.posted) == ("bob_k", 1200, "2019-02-02", "2021-03-04")


def test_xenforo_attributed_quote_is_not_post_text():
    second = thread(XENFORO).posts[1]
    assert second.text == "The Pinecil is great for the price."
    [quote] = second.quotes
    assert quote.author == "alice_w" and quote.of_post == 0
    assert quote.text.startswith("I need a soldering iron")


def test_xenforo_chrome_and_footer_are_stripped_with_reasons():
    d = thread(XENFORO)
    why = reasons(d)
    assert why["What's new"] == "forum_chrome"
    assert why["Like"] == why["Reply"] == why["Click to expand..."] == "forum_chrome"
    assert why["Last edited: Mar 4, 2021"] == "forum_chrome"
    assert why["You must log in or register to reply here."] == why["Best multimeter?"] == "forum_footer"
    assert "Thread starter" not in d.text() and "Best multimeter" not in d.text()


def test_vbulletin_labelled_counts_location_and_unterminated_quote():
    d = thread(VBULLETIN)
    first, second = d.posts
    assert (first.author, first.author_title, first.author_location) == ("gearhead77", "Senior Member", "Ohio")
    assert (first.author_joined, first.author_messages, first.posted) == ("2010-03", 2345, "2012-03-14T21:15:00")
    assert first.text == "My truck makes a ticking noise at idle.\nIt goes away when warm."
    assert (second.author, second.author_messages, second.posted) == ("mech_sam", 12001, "2012-03-15T07:02:00")
    assert second.text == "Probably a lifter. Try thicker oil."
    [quote] = second.quotes
    assert quote.of_post == 0 and quote.text == "My truck makes a ticking noise at idle."
    assert reasons(d)["Page 1 of 2 1 2 Next"] == "forum_header"


def test_phpbb_post_by_line_gives_the_post_date():
    d = thread(PHPBB)
    assert [p.author for p in d.posts] == ["tux_fan", "penguin_admin"]
    assert d.posts[1].author_title == "Site Admin" and d.posts[1].author_messages == 9876
    assert d.posts[0].author_joined == "2018-01-01"
    assert d.posts[0].posted.startswith("2024-06-04")
    assert d.posts[1].text == "Boot the previous kernel from the GRUB menu and report the log here."


def test_discourse_name_date_and_position():
    d = thread(DISCOURSE)
    assert [p.author for p in d.posts] == ["alice", "bob"]
    assert d.posts[0].posted == "2024-03-03T10:15:00"
    assert d.posts[0].author_messages is None  # a lone number is the post's position, not a count
    assert d.posts[1].text == "Use split borrows: take references to the fields separately."


def test_persian_thread_rtl_names_persian_digits_and_labels():
    d = thread(PERSIAN)
    assert d.title == "بهترین لپ‌تاپ برای برنامه‌نویسی؟"
    first, second = d.posts
    assert (first.author, first.author_title, first.author_location) == ("علی‌رضا", "کاربر فعال", "تهران")
    assert (first.author_joined, first.author_messages, first.author_reaction_score) == ("2019-03-15", 1234, 56)
    assert first.text == "سلام. برای برنامه‌نویسی پایتون چه لپ‌تاپی پیشنهاد می‌کنید؟\nبودجه من محدود است."
    assert (second.author, second.author_joined, second.author_messages) == ("مریم", "2021-01-20", 42)
    assert second.text == "به نظرم یک لپ‌تاپ با ۱۶ گیگ رم کافی است."
    [quote] = second.quotes
    assert quote.author == "علی‌رضا" and quote.of_post == 0
    why = reasons(d)
    assert why["پسندیدن"] == why["پاسخ"] == why["برای گسترش کلیک کنید..."] == "forum_chrome"
    assert why["برای ارسال پاسخ باید وارد شوید یا ثبت نام کنید."] == "forum_footer"


def test_urdu_thread_and_repeated_line():
    d = thread(URDU)
    first, second = d.posts
    assert (first.author, first.author_title, first.author_location) == ("احمد", "سینئر رکن", "لاہور")
    assert (first.author_joined, first.author_messages) == ("2018-05-12", 3456)
    assert first.text == "اس سال لاہور میں بارش بہت زیادہ ہوئی ہے۔\nکیا آپ کے علاقے میں بھی پانی کھڑا ہے؟"
    assert (second.author, second.author_messages, second.author_joined) == ("بلال", 120, "2020-01-03")
    assert second.text == "ہمارے ہاں بھی یہی حال ہے۔"
    assert [s.reason for s in d.stripped if s.text == "ہمارے ہاں بھی یہی حال ہے۔"] == ["repeated_line"]
    assert reasons(d)["نیا کیا ہے"] == "forum_chrome"


def test_german_and_russian_chrome():
    d = thread(GERMAN_RUSSIAN_CHROME)
    assert d.title == "Winterreifen Empfehlung"
    assert [p.author for p in d.posts] == ["klaus", "sergei"]
    assert (d.posts[0].author_joined, d.posts[0].author_messages) == ("2015-03-12", 310)
    assert (d.posts[1].author_title, d.posts[1].author_joined, d.posts[1].author_messages) == ("Участник", "2017-06-05", 77)
    for line in ("Antworten", "Zitieren", "Нажмите для раскрытия...", "Ответить"):
        assert line not in d.text()
    assert reasons(d)["Du musst dich einloggen oder registrieren, um hier zu antworten."] == "forum_footer"


def test_seed_thread_unattributed_quote_captions_and_first_post_without_name():
    d = thread((SEEDS / "002_04bdb3e7df0483cf.txt").read_text(encoding="utf-8"))
    assert len(d.posts) == 6 and d.posts[0].author is None
    assert d.posts[0].author_joined == "2018-09-26" and d.posts[0].posted is None
    assert d.posts[3].text == "Agree 100%" and d.posts[3].quotes[0].of_post == 1
    assert d.posts[3].author_country is None
    assert d.captions[0] == "Taliban, officials, ISIS, mosque, blast, Kunduz"
    assert d.captions[1].endswith("AFP/GETTY IMAGES")
    assert all(c not in d.text() for c in d.captions)


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("00[0134]*.txt")))
def test_seed_articles_are_not_threads(seed):
    assert extract_forum((SEEDS / seed).read_text(encoding="utf-8").split("\n")) is None


def test_short_article_is_not_a_thread():
    assert extract_forum(ARTICLE.split("\n")) is None


def test_parse_count():
    assert [parse_count(s) for s in ("9,312", "9.312", "۲٬۷۱۳", "1.2K", "3M", "0", "12 k")] == [9312, 9312, 2713, 1200, 3_000_000, 0, 12000]
    assert parse_count("1.5") is None and parse_count("#2") is None


GAMEFAQS = """Official Direct Discussion Thread

Need2KnowLion 2 years ago#1

No stream link this time. The video will go up on their channel in an hour.

Mr-McMonkeyDog 2 years ago#2

I don't know if the timing is unusual, but this being so early makes me think it will be good.

skier8390 2 years ago#3

Need2KnowLion posted...
No stream link this time.

Hello Kitty Kruisers 2 here we come!
"""

REDDIT = """[–]Ragnar 188 points189 points 17 hours ago (11 children)
Might this also be a potential cure for tinnitus if we can regrow cilia?
permalink
[–]Baron 139 points140 points 15 hours ago (6 children)
Oh, I dream of a day where there is silence and no ringing at all.
permalink
[–]rich1051 41 points42 points 15 hours ago (2 children)
Thankfully I don't notice it anymore unless someone brings it up here.
"""

NAME_OVER_DATE = """Your favourite cheap family meals

longshot ·
13/03/2026 19:44
I need to cut our monthly food bill, and evening meals are the easiest place to start.

keepingsanity ·
13/03/2026 19:49
Big pack of chicken thighs as a tray bake, served with rice and peppers, feeds everyone.

FolioQuarto ·
13/03/2026 19:53
Jacket potatoes with grated cheese and baked beans would be eaten every night here.
"""

PERSIAN_AGES = """بهترین لپ‌تاپ برای برنامه‌نویسی

مریم · ۳ روز پیش
سلام، برای برنامه‌نویسی پایتون چه لپ‌تاپی با بودجه متوسط پیشنهاد می‌کنید؟

علی · ۲ روز پیش
به نظر من رم شانزده گیگابایت و حافظه اس‌اس‌دی از همه چیز مهم‌تر است.

رضا · ۱ روز پیش
من یک لپ‌تاپ دست دوم خریدم و برای کارهای روزمره کاملاً کافی است.
"""


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Need2KnowLion 2 years ago#1", ("Need2KnowLion", "2 years ago")),
        ("[–]bob 188 points189 points 17 hours ago (11 children)", ("bob", "17 hours ago")),
        ("Ann · 13/03/2026 19:44", ("Ann", "13/03/2026 19:44")),
        ("DessalinesMA to Announcements · 1 year ago", ("DessalinesMA to Announcements", "1 year ago")),
        ("Jonas vor 3 Tagen", ("Jonas", "vor 3 Tagen")),
        ("مریم · ۳ روز پیش", ("مریم", "۳ روز پیش")),
        ("12 years, 1 month ago", None),
        ("We all met there 2 years ago", None),
        ("Windows 10", None),
    ],
)
def test_header_lines(line, expected):
    assert header(line) == expected


@pytest.mark.parametrize("page, authors", [
    (GAMEFAQS, ["Need2KnowLion", "Mr-McMonkeyDog", "skier8390"]),
    (REDDIT, ["Ragnar", "Baron", "rich1051"]),
    (NAME_OVER_DATE, ["longshot", "keepingsanity", "FolioQuarto"]),
    (NAME_OVER_DATE.replace("13/03/", "03/03/"), ["longshot", "keepingsanity", "FolioQuarto"]),  # day = month: a date all the same
    (PERSIAN_AGES, ["مریم", "علی", "رضا"]),
])
def test_light_post_headers_make_threads(page, authors):
    draft = extract_forum(page.splitlines())
    assert draft is not None and [p.author for p in draft.posts] == authors
    assert all(p.text and "ago" not in p.text and "points" not in p.text for p in draft.posts)


def test_short_board_quotes_and_dates():
    draft = extract_forum(GAMEFAQS.splitlines())
    assert draft.posts[2].text == "Hello Kitty Kruisers 2 here we come!"
    assert draft.posts[2].quotes[0].author == "Need2KnowLion"
    assert extract_forum(NAME_OVER_DATE.splitlines()).posts[0].posted_raw == "13/03/2026 19:44"


TEASERS = """World news

Tom Rogan
Wednesday November 20, 2019
The talks resumed after a pause of two weeks, officials said on Wednesday.

Madeline Fry
Tuesday November 19, 2019
Joker killed at the box office, and the studio is already planning a sequel.

Becket Adams
Monday November 18, 2019
Various outlets reported the story before any official confirmation came.
"""

NEWEST_FIRST = TEASERS.replace("Tom Rogan", "trogan").replace("Madeline Fry", "mfry").replace("Becket Adams", "badams")

QA_COMMENTS = """How do I join files in linear mode?

I have a script that joins devices, but how do I pass the number of devices to it?

It would help to log the errors so you know what problems you are ignoring.
pcurry
2018-05-21 20:37:55 +00:00
Commented
Related: what is wrong with using a bare except clause?
wjandrea
2020-05-31 18:59:11 +00:00
Commented
See also: is it a bad idea to catch all exceptions in Python?
tripleee
2021-07-04 15:54:20 +00:00
Commented
"""


@pytest.mark.parametrize("page", [TEASERS, NEWEST_FIRST, QA_COMMENTS])
def test_bylines_teasers_and_comment_signoffs_are_not_threads(page):
    assert extract_forum(page.splitlines()) is None


NEWS_SIDEBAR = """Hibernating astronauts would need smaller spacecraft

November 18, 2019

If a spaceship does not come with hyperdrive then it is usually fitted with hibernation capsules instead.

The study found the spacecraft mass could be reduced by a third by removing the crew quarters.

Popular
Infants from 2100 years ago found with helmets made of children's skulls
20 hours ago
2
Long spaceflights found to lead to blood flowing in the wrong direction
20 hours ago
1
Researchers in Japan uncover fossil of bird from Early Cretaceous
Nov 18, 2019
0
Caught in the act: telescope spies stellar flare
1 hour ago
Climate impacts to cost the world trillions by 2050
3 hours ago
Manmade noise a major global pollutant, says a study
3 hours ago
Galapagos finches are still being spooked by predators
14 hours ago
Endangered whales react to environmental changes
15 hours ago
Related Stories
Unravelling the neural network of torpor
Oct 29, 2019
Hibernating hamsters could provide new clues to Alzheimer's disease
Feb 06, 2019
First global geologic map of Saturn's largest moon completed
Nov 18, 2019
User comments
"""


def test_news_sidebar_with_ages_and_comment_counts_is_not_a_thread():
    assert extract_forum(NEWS_SIDEBAR.splitlines()) is None


QA_PAGE = """Unix & Linux
Questions
How do I join loop devices in linear mode?
Ask Question
Asked
1 year, 7 months ago
Viewed
89 times
3
I have a script that joins block devices into one linear device.
How do I tell it how many devices to join? The number is in parts.txt.
Share
Improve this question
edited Jul 18, 2024 at 13:41
editor_bob
559 silver badges12 bronze badges
asked Jul 18, 2024 at 4:39
user447274
11 bronze badges
2
Which shell are you using for this?
carol
–
carol
2024-07-18 05:02:11 +00:00
Commented
Jul 18, 2024 at 5:02
Add a comment
|
2 Answers
Sorted by:
Reset to default
5
You can use a for loop to build the device names in an array.
n=33
done
dm-joinlinear.sh one "${devices[@]}"
Share
Improve this answer
answered Jul 18, 2024 at 13:22
glenn jackman
88.7k16 gold badges125 silver badges181 bronze badges
Add a comment
|
1
Read the count from the file first, then loop over it as shown above.
dm-joinlinear.sh one "${devices[@]}"
Share
Improve this answer
answered Jul 19, 2024 at 8:02
dave
1,204 reputation
Add a comment
Your Answer
Sign up or log in
Hot Network Questions
Which LEGO set are these bags from?
"""


def test_qa_page_question_and_answers_are_posts():
    d = extract_forum(QA_PAGE.splitlines())
    assert d.title == "How do I join loop devices in linear mode?"
    assert [p.author for p in d.posts] == ["user447274", "glenn jackman", "dave"]
    assert d.posts[0].text.startswith("I have a script") and d.posts[0].text.endswith("parts.txt.")
    assert d.posts[1].text.split("\n")[1:3] == ["n=33", "done"]  # short code lines are text too
    assert all(p.text.endswith('"${devices[@]}"') for p in d.posts[1:])  # code two answers share is no signature
    assert d.posts[2].posted.startswith("2024-07-19")
    assert "shell" not in d.text() and "LEGO" not in d.text()  # comments and the page footer are no post


def test_unanswered_question_is_not_a_thread():
    assert extract_forum(QA_PAGE.split("2 Answers")[0].splitlines()) is None


def test_plain_text_posts_say_how_far_their_dates_can_be_trusted():
    draft = extract_forum(GAMEFAQS.splitlines())  # ages, and no page date to resolve them against
    assert [p.date_precision for p in draft.posts] == ["as_written"] * 3
    assert all(p.posted is None and p.posted_raw.startswith("2 years ago") for p in draft.posts)
    assert [p.date_precision for p in extract_forum(XENFORO.splitlines()).posts] == ["day", "day"]
    assert [p.date_precision for p in extract_forum(VBULLETIN.splitlines()).posts] == ["time", "time"]


def test_every_age_phrase_ends_in_a_word_character():
    """The age search skips lines that end otherwise ('…said.'); that is sound only while the data says so."""
    from extractors.text_forum import _ages_end_in_words

    assert _ages_end_in_words()


def test_the_age_prefilter_never_hides_an_age_the_full_search_finds():
    """Every final word of the age vocabulary, after a name, with punctuation or not: the cheap test agrees."""
    from extractors.text_forum import _may_end_in_age, _relative_rx
    from normalizers import vocab

    data = vocab.load("forum_relative")
    words = [*data["ago"], *data["now"], *(w for group in ("units", "days") for ws in data[group].values() for w in ws)]
    lines = [f"{name} {count}{w}{end}" for w in words for name in ("Ann", "Ann ·") for count in ("", "3 ") for end in ("", " ", ".", ")")]
    assert lines
    for line in lines:
        if _relative_rx().search(line):
            assert _may_end_in_age(line), line


def test_a_prose_line_with_a_number_is_no_header_and_a_header_still_is():
    long_prose = "The council met on 12 occasions and the report found the roads were better than 5 years ago."
    assert header(long_prose) is None
    assert header("Need2KnowLion 2 years ago") == ("Need2KnowLion", "2 years ago")
    assert header("bob · 3d") == ("bob", "3d")


def test_counts_start_with_a_digit_of_any_script():
    assert [parse_count(s) for s in (" ۱۲", "\u00a012 k", "12", "k 12", "Posts 12")] == [12, 12000, 12, None, None]


def test_markup_left_in_a_copied_post_is_not_post_text():
    markup = ["<table>", '<td align="left">', "<b>Thumbs Up</b>", "</td>", "</table>"]
    text = XENFORO.replace("Mostly through-hole parts.", "\n".join(["Mostly through-hole parts.", *markup]))
    d = thread(text)
    assert d.posts[0].text == "I need a soldering iron for small electronics work. Any suggestions under $50?\n\nMostly through-hole parts."
    assert all(reasons(d)[line] == "forum_chrome" for line in markup)


def test_a_letter_avatar_is_not_post_text_but_a_one_character_reply_in_an_uncased_script_is():
    d = thread(XENFORO.replace("Mostly through-hole parts.", "Mostly through-hole parts.\nK"))
    assert d.posts[0].text.endswith("Mostly through-hole parts.") and reasons(d)["K"] == "forum_chrome"
    d = thread(XENFORO.replace("Mostly through-hole parts.", "Mostly through-hole parts.\n顶"))
    assert d.posts[0].text.endswith("顶")


def test_a_short_line_in_most_posts_is_the_post_template_but_one_in_a_few_is_someone_s_words():
    names = ["ann", "bob", "cy", "dee"]
    text = "\n".join(
        f"{name}\nMember\nJoined: Mar 3, 2020\nPosts: 12\n{words}\nSave\n"
        for name, words in zip(names, ["Hi all.\nMy router drops every hour.", "Thanks!\nSame here since the update.",
                                       "Thanks!\nTry the old firmware.", "That fixed it for me."])
    )
    d = thread(text)
    assert [p.text for p in d.posts] == ["Hi all.\nMy router drops every hour.", "Thanks!\nSame here since the update.",
                                         "Thanks!\nTry the old firmware.", "That fixed it for me."]
    assert reasons(d)["Save"] == "signature"


def test_undated_rows_after_the_last_dated_post_are_a_related_threads_list():
    from extractors.text_forum import drop_undated_tail
    from output.draft import Draft, Post

    def draft_of(*posts: Post) -> Draft:
        return Draft(kind="forum_thread", posts=list(posts))

    replies = [Post(text="It boots now.", author="ann", posted_raw="Mar 3, 2021"), Post(text="Good.", author="bob", posted_raw="Mar 4, 2021")]
    related = [Post(text="Kernel panic after update", author="linux"), Post(text="GRUB menu missing", author="boot")]
    d = draft_of(*replies, *related)
    drop_undated_tail(d)
    assert d.posts == replies and {s.text: s.reason for s in d.stripped}["GRUB menu missing"] == "forum_footer"
    one_missed_date = draft_of(*replies, Post(text="Thanks, same fix worked.", author="cy"))
    drop_undated_tail(one_missed_date)
    assert len(one_missed_date.posts) == 3
    undated_board = draft_of(Post(text="Hi."), Post(text="Hello.", posted_raw="Mar 4, 2021"), *related)
    drop_undated_tail(undated_board)
    assert len(undated_board.posts) == 4
