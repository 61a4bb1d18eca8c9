"""Forum fixtures of each engine (modelled on what the engines emit): every post field, quotes, pagination."""
from pathlib import Path

import pytest

from extractors.html import extract_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def thread(name: str):
    draft = extract_html((FIXTURES / name).read_bytes(), uri="https://forum.example/t/1")
    assert draft.kind == "forum_thread"
    return draft


def test_xenforo_persian_urdu_every_field():
    d = thread("xenforo_fa.html")
    assert d.extractor == "html_forum:xenforo"
    first, second = d.posts
    assert (first.author, first.author_title, first.author_joined) == ("رضا", "کاربر فعال", "2019-03-12")
    assert (first.author_messages, first.author_reaction_score, first.author_points) == (1245, 310, 63)
    assert (first.author_location, first.author_country) == ("تهران", "ایران")
    assert first.posted == "2020-04-17T09:15:00+04:30" and first.posted_raw == "Apr 17, 2020"
    assert "درایور کارت گرافیک" in first.text and "امضای" not in first.text
    assert any(s.reason == "signature" and "امضای رضا" in s.text for s in d.stripped)
    assert (second.author, second.author_title, second.author_joined, second.author_messages) == ("Imran", "Moderator", "2015-01-05", 8902)
    assert second.author_location == "لاہور"
    assert second.text.startswith("براہ کرم") and "سلام دوستان" not in second.text  # the quote is not counted twice
    (quote,) = second.quotes
    assert (quote.author, quote.of_post) == ("رضا", 0) and quote.text.startswith("سلام دوستان")
    assert d.next_page == "https://forum.example.ir/threads/driver-install.1234/page-2"
    assert d.title == "مشکل نصب درایور کارت گرافیک" and d.language_hint == "fa-IR"  # the printed <h1>, fuller than <title>


def test_phpbb_russian():
    d = thread("phpbb_ru.html")
    first, second = d.posts
    assert (first.author, first.author_title, first.author_joined, first.author_messages) == ("ivan_petrov", "Старожил", "2011-02-14", 532)
    assert first.author_location == "Новосибирск"
    assert first.posted == "2020-03-05T08:40:00+00:00" and first.posted_raw == "05.03.2020, 11:40"
    assert "Иван, системный" not in first.text and "ошибке порта" in first.text
    assert (second.author, second.author_title, second.author_messages) == ("admin_olga", "Администратор", 7210)
    assert second.quotes[0].author == "ivan_petrov" and second.quotes[0].of_post == 0
    assert second.text.startswith("Проверьте")
    assert d.next_page == "https://forum.example/t/viewtopic.php?t=77&start=3"


def test_vbulletin_arabic_windows_1256():
    d = thread("vbulletin_ar.html")
    assert d.encoding == "windows-1256"
    first, second = d.posts
    assert (first.author, first.author_title, first.author_messages, first.author_country) == ("أحمد", "عضو مميز", 1024, "مصر")
    assert first.posted_raw == "12-05-2019, 10:30 AM" and first.posted == "2019-05-12T10:30:00"
    assert "الحديقة حياة" not in first.text
    assert second.quotes[0].author == "أحمد" and second.quotes[0].of_post == 0
    assert second.text.startswith("نعم، التظليل") and "اقتباس" not in second.text
    assert d.next_page.endswith("showthread.php?t=314&page=2")


def test_discourse_crawler_view():
    d = thread("discourse_en.html")
    assert [p.author for p in d.posts] == ["mia_k", "tech_sam"]  # the pager styled as a post is not a post
    assert d.posts[0].posted == "2020-05-14T22:19:33Z" and d.posts[0].posted_raw == "May 14, 2020, 10:19pm"
    assert d.posts[1].quotes[0].author == "mia_k" and d.posts[1].quotes[0].of_post == 0
    assert d.posts[1].text.startswith("Check Settings")
    assert d.canonical_url == "https://community.example.com/t/battery-drains-overnight/4242"


def test_generic_repeated_posts_urdu():
    d = thread("generic_ur.html")
    assert d.extractor == "html_forum:generic"
    assert [p.author for p in d.posts] == ["کامران", "عائشہ", "کامران"]
    assert [p.posted for p in d.posts] == ["2021-06-02T18:45:00", "2021-06-02T19:10:00", "2021-06-03T08:05:00"]
    assert "لاہور" not in d.posts[1].text  # signature removed


@pytest.mark.parametrize("name", ["xenforo_fa.html", "phpbb_ru.html", "vbulletin_ar.html", "discourse_en.html", "generic_ur.html"])
def test_thread_becomes_valid_record(name):
    from extractors.pipeline import extract_document

    record = extract_document((FIXTURES / name).read_bytes(), f"file:///{name}")
    assert record["kind"] == "forum_thread" and len(record["posts"]) >= 2
