"""Article extraction on multilingual fixtures: main text only, captions and removed blocks accounted for."""
from pathlib import Path

from extractors.html import extract_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def article(name: str, uri: str = "https://news.example/a/1"):
    draft = extract_html((FIXTURES / name).read_bytes(), uri=uri)
    assert draft.kind == "article"
    return draft


def reasons(draft) -> set[str]:
    return {s.reason for s in draft.stripped}


def test_persian_windows_1256_article():
    d = article("article_fa.html")
    assert d.encoding == "windows-1256"
    assert d.title == "افزايش بارندگي در استان‌هاي شمالي"
    assert d.authors == ["مريم احمدي"] and d.published == "2023-02-14T08:30:00+03:30" and d.modified == "2023-02-14T10:00:00+03:30"
    assert d.publisher == "خبرگزاري نمونه" and d.language_hint == "fa"
    assert d.paragraphs[0].startswith("بر اساس گزارش") and "هشدار به كشاورزان" in d.paragraphs
    assert d.captions == ["بارش باران در رشت"]
    text = d.text()
    for chrome in ("كوكي", "صفحه اصلي", "اشتراك گذاري", "اخبار مرتبط", "نظرات", "كليه حقوق", "بيشتر بخوانيد"):
        assert chrome not in text
    assert {"cookie_banner", "navigation", "share_bar", "related_links", "comments", "footer"} <= reasons(d)


def test_utf8_page_mislabelled_latin1():
    raw = (FIXTURES / "article_fa.html").read_bytes().decode("cp1256").encode("utf-8").replace(b"windows-1256", b"iso-8859-1")
    d = extract_html(raw)
    assert d.encoding == "utf-8" and d.title == "افزايش بارندگي در استان‌هاي شمالي"


def test_russian_wire_story_credit_and_canonical():
    d = article("article_ru_reuters.html")
    assert d.title == "Центробанк сохранил ставку" and d.authors == ["Анна Смирнова"]
    assert d.published == "2023-07-21T13:30:00+03:00"
    assert d.canonical_url == "https://news.example/economy/2023/rate.html"
    assert d.original_source == "Reuters"
    assert len(d.paragraphs) == 3 and d.paragraphs[0].startswith("МОСКВА (Reuters)")
    assert "Поделиться" not in d.text() and "Читайте также" not in d.text() and "Самое читаемое" not in d.text()
    assert "credit_line" in reasons(d)


def test_arabic_repost_first_appeared():
    d = article("article_ar_repost.html")
    assert d.original_source == "Al Jazeera" and d.published == "2022-03-09"
    assert len(d.paragraphs) == 2 and "شارك" not in d.text()


def test_urdu_jsonld_graph_and_table():
    d = article("article_ur.html")
    assert d.title == "سیلاب سے ہزاروں افراد متاثر" and d.authors == ["علی رضا"]
    assert d.published == "2022-08-28T09:00:00+05:00"
    assert "دادو ۱۲۰۰۰" in d.paragraphs  # table rows kept as plain lines
    assert "یہ بھی پڑھیں" not in d.text() and "واٹس ایپ" not in d.text()


def test_wire_dateline_english():
    html = b"""<html><head><title>Rates held - Wire</title></head><body><article>
    <p>MOSCOW (Reuters) - The central bank held its key rate on Friday, citing slowing inflation and steady lending growth.</p>
    <p>Analysts had expected the decision, pointing to the regulator's cautious stance amid swings in the rouble.</p>
    </article></body></html>"""
    d = extract_html(html)
    assert d.dateline == "MOSCOW" and d.original_source == "Reuters"
