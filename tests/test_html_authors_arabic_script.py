"""Arabic-script news pages (Dari, Iranian Persian, Pashto, Arabic, Urdu) end to end: title, authors, credited
source and language of synthetic pages built the way Afghan and regional news sites, agencies and ministries
build theirs (WordPress, Drupal and custom themes; JSON-LD, og:, <meta> and printed bylines). No labelled
Dari/Pashto web set exists; these pages say what the record must hold. Then one small page per rule."""
import json

import pytest

from extractors.html import extract_html
from extractors.html_metadata import choose_title
from extractors.pipeline import extract_document

FA_BODY = ("وزارت معارف روز دوشنبه اعلام کرد که مکتب‌های ولسوالی پغمان پس از ترمیم دوباره باز می‌شوند. "
           "شاروالی کابل نیز گفت سرک‌های این ولسوالی تا ۱۵ حمل ترمیم خواهد شد و هزینه آن ۲۰ میلیون افغانی است. ")
IR_BODY = ("شهرداری تهران اعلام کرد خیابان‌های شهرستان شمیرانات تا پانزدهم فروردین بازسازی می‌شوند. "
           "به گفته مسئولان، هزینه این طرح از بودجه استانی تأمین شده و کار آن از هفته آینده آغاز می‌شود. ")
PS_BODY = ("د پوهنې وزارت د دوشنبې په ورځ وویل چې د پغمان ولسوالۍ ښوونځي به له ترمیم وروسته بیا پرانیستل شي. "
           "د کابل ښاروالۍ هم وویل چې د دې ولسوالۍ سړکونه به د وري تر پنځلسمې پورې جوړ شي او لګښت یې شل میلیونه افغانۍ دی. ")
AR_BODY = ("أعلنت وزارة التربية يوم الاثنين أن المدارس في المنطقة ستعيد فتح أبوابها بعد انتهاء أعمال الترميم. "
           "وقالت البلدية إن الطرق ستصلح قبل نهاية الشهر المقبل وإن التكلفة ستبلغ عشرين مليون دينار. ")
UR_BODY = ("وزارت تعلیم نے پیر کے روز اعلان کیا کہ علاقے کے اسکول مرمت کے بعد دوبارہ کھول دیے جائیں گے۔ "
           "بلدیہ نے بھی کہا کہ سڑکوں کی مرمت اگلے مہینے کے آخر تک مکمل ہو جائے گی اور اس پر بیس کروڑ روپے لاگت آئے گی۔ ")
BODIES = {"prs": FA_BODY, "fa": IR_BODY, "ps": PS_BODY, "ar": AR_BODY, "ur": UR_BODY}


def page(*, lang_attr, title_tag, h1, body_lang, byline="", og_title=None, ld=None, meta_author=None,
         site=None, theme="wp", date_line="", credit=""):
    head = [f"<title>{title_tag}</title>", '<meta charset="utf-8">']
    if og_title:
        head.append(f'<meta property="og:title" content="{og_title}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    if meta_author:
        head.append(f'<meta name="author" content="{meta_author}">')
    if ld:
        head.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    paras = "".join(f"<p>{BODIES[body_lang]}</p>" for _ in range(4))
    lang = f' lang="{lang_attr}"' if lang_attr else ""
    nav = '<nav><ul><li><a href="/">صفحه اصلی</a></li><li><a href="/news">خبرها</a></li></ul></nav>'
    if theme == "wp":
        art = (f'<article class="post type-post"><header class="entry-header"><h1 class="entry-title">{h1}</h1>'
               f'<div class="entry-meta">{byline}{date_line}</div></header>'
               f'<div class="entry-content">{paras}{credit}</div></article>')
    elif theme == "drupal":
        art = (f'<div class="node node--type-article"><h1 class="page-title"><span>{h1}</span></h1>'
               f'<div class="field field--name-field-author">{byline}</div><div class="submitted">{date_line}</div>'
               f'<div class="field field--name-body">{paras}{credit}</div></div>')
    elif theme == "bottom":  # custom theme: byline under the text
        art = (f'<div class="news-detail"><h2 class="news-title">{h1}</h2><div class="date">{date_line}</div>'
               f'<div class="news-text">{paras}<p>{byline}</p>{credit}</div></div>')
    else:  # custom: byline in a plain paragraph right after the headline
        art = f'<div class="main"><h1>{h1}</h1><p class="meta">{byline} {date_line}</p>{paras}{credit}</div>'
    return (f'<!DOCTYPE html><html{lang} dir="rtl"><head>{"".join(head)}</head><body>{nav}{art}'
            '<footer>© ۱۴۰۲ همه حقوق محفوظ است</footer></body></html>')


def person(name):
    return {"@type": "Person", "name": name}


def org(name):
    return {"@type": "Organization", "name": name}


def news(headline, author=None, publisher=None, lang=None):
    d = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
         "datePublished": "2024-03-20T08:00:00+04:30"}
    if author is not None:
        d["author"] = author
    if publisher:
        d["publisher"] = org(publisher)
    if lang:
        d["inLanguage"] = lang
    return d


T1 = "مکتب‌های پغمان دوباره باز می‌شوند"
T2 = "سرک‌های کابل تا حمل ترمیم می‌شود"
T3 = "خیابان‌های شمیرانات بازسازی می‌شوند"
TP = "د پغمان ښوونځي بیا پرانیستل کېږي"
TA = "المدارس تعيد فتح أبوابها بعد الترميم"
TU = "اسکول مرمت کے بعد دوبارہ کھلیں گے"
S1, S2, S3 = "خبرگزاری آریانا", "روزنامه صبح کابل", "د افغانستان غږ"
SA, SU = "صحيفة الأفق", "روزنامہ افق"
ZN = "محمد\u200cعلی رحیمی"  # ZWNJ inside a name

CASES = [
    # --- Dari (prs)
    ("prs-wp-pipe", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs", site=S1,
                          byline='<span class="author">نویسنده: احمد شاه احمدی</span>'),
     T1, ["احمد شاه احمدی"], "prs"),
    ("prs-wp-dash", page(lang_attr="fa-AF", title_tag=f"{T2} - {S2}", h1=T2, body_lang="prs", site=S2,
                          byline="<span>گزارشگر: فریبا نوری</span>"),
     T2, ["فریبا نوری"], "prs"),
    ("prs-endash-ld", page(lang_attr="prs", title_tag=f"{T1} – {S1}", h1=T1, body_lang="prs",
                            ld=news(T1, person("عبدالرحمن کریمی"), S1)),
     T1, ["عبدالرحمن کریمی"], "prs"),
    ("prs-colons", page(lang_attr="fa-AF", title_tag=f"{S1} :: {T1}", h1=T1, body_lang="prs", theme="custom", site=S1,
                         byline="خبرنگار: عبدالله عزیزی"),
     T1, ["عبدالله عزیزی"], "prs"),
    ("prs-kashida", page(lang_attr="fa-AF", title_tag=f"{T2} ـ {S2}", h1=T2, body_lang="prs",
                          byline="به قلم: داکتر نجیب‌الله رسولی"),
     T2, ["نجیب‌الله رسولی"], "prs"),
    ("prs-zwnj-ld", page(lang_attr="fa-AF", title_tag=T1, h1=T1, body_lang="prs",
                          ld=news(T1, [person(ZN), person("زهرا حسینی")], S1)),
     T1, [ZN, "زهرا حسینی"], "prs"),
    ("prs-agency-ld", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs",
                            ld=news(T1, org("آژانس خبری پژواک"), S1)),
     T1, [], "prs"),
    ("prs-agency-byline", page(lang_attr="fa-AF", title_tag=f"{T2} | {S2}", h1=T2, body_lang="prs",
                                byline="<span>منبع: آژانس خبری پژواک</span>"),
     T2, [], "prs"),
    ("prs-noattr", page(lang_attr=None, title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs",
                         byline='<span class="byline">نوشته: انجنیر حمیدالله وردک</span>'),
     T1, ["حمیدالله وردک"], "prs"),
    ("prs-bare-fa", page(lang_attr="fa", title_tag=f"{T2} - {S2}", h1=T2, body_lang="prs",
                          byline='<span class="author vcard"><a href="/author/karimi">استاد محمد کریم کریمی</a></span>'),
     T2, ["محمد کریم کریمی"], "prs"),
    ("prs-drupal", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs", theme="drupal",
                         byline="نویسنده: مریم صدیقی", date_line="۱۲ حمل ۱۴۰۳"),
     T1, ["مریم صدیقی"], "prs"),
    ("prs-bottom", page(lang_attr="fa-AF", title_tag=f"{S2} - {T2}", h1=T2, body_lang="prs", theme="bottom", site=S2,
                         byline="گزارشگر: نجیب‌الله حیدری", date_line="۲۵ ثور ۱۴۰۳"),
     T2, ["نجیب‌الله حیدری"], "prs"),
    ("prs-translate", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs",
                            byline="<span>نویسنده: جان اسمیت</span> <span>ترجمه: سمیه احمدی</span>"),
     T1, ["جان اسمیت"], "prs"),
    ("prs-meta-author", page(lang_attr="fa-AF", title_tag=f"{T2} | {S2}", h1=T2, body_lang="prs",
                              meta_author="شکیب الله امیری"),
     T2, ["شکیب الله امیری"], "prs"),
    ("prs-og-title", page(lang_attr="fa-AF", title_tag=S1, og_title=T1, h1=T1, body_lang="prs", site=S1),
     T1, [], "prs"),
    ("prs-arabic-yeh", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs",
                             byline="نويسنده: علي كريمي"),
     T1, ["علي كريمي"], "prs"),
    # --- Iranian Persian (fa)
    ("fa-ir-pipe", page(lang_attr="fa-IR", title_tag=f"{T3} | {SA}", h1=T3, body_lang="fa",
                         byline="نویسنده: سارا محمدی"),
     T3, ["سارا محمدی"], "fa"),
    ("fa-bare-ld", page(lang_attr="fa", title_tag=f"{T3} - خبرگزاری مهر", h1=T3, body_lang="fa",
                         ld=news(T3, person("دکتر رضا حسینی"), "خبرگزاری مهر")),
     T3, ["رضا حسینی"], "fa"),
    ("fa-khabarnegar", page(lang_attr="fa-IR", title_tag=f"{T3} | روزنامه ایران", h1=T3, body_lang="fa",
                             theme="custom", byline="خبرنگار: مهدی رضایی"),
     T3, ["مهدی رضایی"], "fa"),
    # --- Pashto (ps)
    ("ps-wp-pipe", page(lang_attr="ps", title_tag=f"{TP} | {S3}", h1=TP, body_lang="ps", site=S3,
                         byline='<span class="author">لیکوال: احمد ولي زاخېل</span>'),
     TP, ["احمد ولي زاخېل"], "ps"),
    ("ps-likana", page(lang_attr="ps", title_tag=f"{TP} - {S3}", h1=TP, body_lang="ps",
                        byline="لیکنه: عبدالحق همدرد"),
     TP, ["عبدالحق همدرد"], "ps"),
    ("ps-rapor", page(lang_attr="ps-AF", title_tag=f"{TP} – {S3}", h1=TP, body_lang="ps", theme="custom",
                       byline="راپور ورکوونکی: نصرت الله مومند"),
     TP, ["نصرت الله مومند"], "ps"),
    ("ps-noattr", page(lang_attr=None, title_tag=f"{TP} | {S3}", h1=TP, body_lang="ps",
                        byline="لیکوال: ډاکټر محمد اسماعیل یون"),
     TP, ["محمد اسماعیل یون"], "ps"),
    ("ps-ld", page(lang_attr="ps", title_tag=f"{TP} | {S3}", h1=TP, body_lang="ps",
                    ld=news(TP, person("سمیع الله مومند"), S3)),
     TP, ["سمیع الله مومند"], "ps"),
    ("ps-agency", page(lang_attr="ps", title_tag=f"{TP} | {S3}", h1=TP, body_lang="ps",
                        ld=news(TP, org("باختر آژانس"), S3)),
     TP, [], "ps"),
    ("ps-zhbara", page(lang_attr="ps", title_tag=f"{TP} | {S3}", h1=TP, body_lang="ps", theme="bottom",
                        byline="ژباړه: حبیب الله رحیمي"),
     TP, [], "ps"),
    ("ps-wrongdecl", page(lang_attr="fa", title_tag=f"{TP} | {S3}", h1=TP, body_lang="ps",
                           byline="لیکوال: ګل آغا احمدي"),
     TP, ["ګل آغا احمدي"], "ps"),
    ("ps-kashida", page(lang_attr="ps", title_tag=f"{TP} ـ {S3}", h1=TP, body_lang="ps"),
     TP, [], "ps"),
    # --- Arabic
    ("ar-biqalam", page(lang_attr="ar", title_tag=f"{TA} | {SA}", h1=TA, body_lang="ar",
                         byline="بقلم: الدكتور خالد العمري"),
     TA, ["خالد العمري"], "ar"),
    ("ar-katabahu", page(lang_attr="ar", title_tag=f"{TA} - {SA}", h1=TA, body_lang="ar", theme="custom",
                          byline="كتبه: سامي عبد الله"),
     TA, ["سامي عبد الله"], "ar"),
    ("ar-biwasita", page(lang_attr="ar", title_tag=f"{TA} – {SA}", h1=TA, body_lang="ar",
                          byline="بواسطة: ليلى حسن"),
     TA, ["ليلى حسن"], "ar"),
    ("ar-idad", page(lang_attr="ar", title_tag=f"{TA} | {SA}", h1=TA, body_lang="ar",
                      byline="إعداد: محمد عبد الرحمن"),
     TA, ["محمد عبد الرحمن"], "ar"),
    ("ar-ld-org", page(lang_attr="ar", title_tag=f"{TA} | {SA}", h1=TA, body_lang="ar",
                        ld=news(TA, org("وكالة الأنباء الوطنية"), SA)),
     TA, [], "ar"),
    ("ar-noattr", page(lang_attr=None, title_tag=f"{TA} :: {SA}", h1=TA, body_lang="ar",
                        ld=news(TA, person("دكتور أحمد يوسف"), SA)),
     TA, ["أحمد يوسف"], "ar"),
    # --- Urdu
    ("ur-tahrir", page(lang_attr="ur", title_tag=f"{TU} | {SU}", h1=TU, body_lang="ur",
                        byline="تحریر: محمد عامر"),
     TU, ["محمد عامر"], "ur"),
    ("ur-azqalam", page(lang_attr="ur", title_tag=f"{TU} - {SU}", h1=TU, body_lang="ur", theme="custom",
                         byline="از قلم: ڈاکٹر عبدالقدیر خان"),
     TU, ["عبدالقدیر خان"], "ur"),
    ("ur-report", page(lang_attr="ur", title_tag=f"{TU} | {SU}", h1=TU, body_lang="ur", theme="bottom",
                        byline="رپورٹ: عائشہ صدیقی"),
     TU, ["عائشہ صدیقی"], "ur"),
    ("ur-ld", page(lang_attr="ur-PK", title_tag=f"{TU} | {SU}", h1=TU, body_lang="ur",
                    ld=news(TU, person("فاطمہ جناح"), SU)),
     TU, ["فاطمہ جناح"], "ur"),
    ("prs-posted-label", page(lang_attr="fa-AF", title_tag=f"{T2} | {S2}", h1=T2, body_lang="prs",
                              byline='<div class="author-name">نوشته شده توسط: حسین علی زاده</div>'),
     T2, ["حسین علی زاده"], "prs"),
    ("prs-iranmonth", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs", theme="drupal",
                            byline="نویسنده: رحیم الله یوسفزی", date_line="۱۲ فروردین ۱۴۰۳"),
     T1, ["رحیم الله یوسفزی"], "prs"),
    # several names, a rel=author link, twitter:label, dates in Solar Hijri with Afghan and Iranian months
    ("prs-two", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs", byline="نویسندگان: احمد رحیمی و مریم کریمی"), T1, ["احمد رحیمی", "مریم کریمی"], "prs"),
    ("ps-two", page(lang_attr="ps", title_tag=f"{TP} | {S3}", h1=TP, body_lang="ps", byline="لیکوالان: احمد ولي زاخېل او ګل آغا احمدي"), TP, ["احمد ولي زاخېل", "ګل آغا احمدي"], "ps"),
    ("prs-relauthor", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs", byline='<a rel="author" href="/author/rahimi">احمد رحیمی</a>'), T1, ["احمد رحیمی"], "prs"),
    ("prs-twlabel", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs").replace("</head>", '<meta name="twitter:label1" content="نوشته شده توسط"><meta name="twitter:data1" content="مریم صدیقی"></head>'), T1, ["مریم صدیقی"], "prs"),
    ("prs-date-af", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs", theme="drupal", byline="نویسنده: مریم صدیقی", date_line="تاریخ نشر: ۱۲ حمل ۱۴۰۳"), T1, ["مریم صدیقی"], "prs"),
    ("prs-date-ar-digits", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs", theme="drupal", byline="نویسنده: مریم صدیقی", date_line="٢٥ جوزا ١٤٠٢"), T1, ["مریم صدیقی"], "prs"),
    ("fa-date-ir", page(lang_attr="fa-IR", title_tag=f"{T3} | {SA}", h1=T3, body_lang="fa", theme="drupal", byline="نویسنده: سارا محمدی", date_line="۲۵ اردیبهشت ۱۴۰۳"), T3, ["سارا محمدی"], "fa"),
    ("ps-date", page(lang_attr="ps", title_tag=f"{TP} | {S3}", h1=TP, body_lang="ps", theme="drupal", byline="لیکوال: سمیع الله مومند", date_line="۱۴۰۳ کال د وري ۱۲مه"), TP, ["سمیع الله مومند"], "ps"),
    ("prs-posted-by", page(lang_attr="fa-AF", title_tag=f"{T1} | {S1}", h1=T1, body_lang="prs", byline="توسط: احمد رحیمی"), T1, ["احمد رحیمی"], "prs"),
    ("ar-kataba-bottom", page(lang_attr="ar", title_tag=f"{TA} | {SA}", h1=TA, body_lang="ar", theme="bottom", byline="تقرير: سامي عبد الله"), TA, ["سامي عبد الله"], "ar"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_synthetic_news_page(case):
    name, page_html, title, authors, lang = case
    record = extract_document(page_html.encode(), f"https://news.example/{name}")
    assert (record["title"], record["authors"], record["language"]) == (title, authors, lang)
    assert BODIES[lang][:40] in record["text"]


def _article(byline: str, lang: str = "fa-AF", body: str = "prs", head: str = "") -> str:
    return (f'<html lang="{lang}" dir="rtl"><head><title>{T1} | {S1}</title>{head}</head><body><article><h1>{T1}</h1>'
            f'<div class="meta">{byline}</div>' + f"<p>{BODIES[body]}</p>" * 3 + "</article></body></html>")


@pytest.mark.parametrize("line, name", [
    ("لیکوال: احمد ولي زاخېل", "احمد ولي زاخېل"), ("راپور ورکوونکی: نصرت الله مومند", "نصرت الله مومند"),
    ("خبرنگار: مهدی رضایی", "مهدی رضایی"), ("بواسطة: ليلى حسن", "ليلى حسن"), ("از قلم: عائشہ صدیقی", "عائشہ صدیقی"),
])
def test_byline_labels_of_arabic_script_languages(line, name):
    assert extract_html(_article(line, lang="").encode()).authors == [name]


def test_a_label_typed_with_arabic_yeh_and_kaf_is_the_persian_label():
    assert extract_html(_article("نويسنده: علي كريمي").encode()).authors == ["علي كريمي"]


def test_a_label_with_its_colon_is_read_on_a_page_declaring_a_sister_language():
    # Pashto sites often declare lang="fa" (or "ar"): 'لیکوال:' still labels the author
    assert extract_html(_article("لیکوال: ګل آغا احمدي", lang="fa", body="ps").encode()).authors == ["ګل آغا احمدي"]


@pytest.mark.parametrize("line, names", [
    ("نویسنده: جان اسمیت ترجمه: سمیه احمدی", ["جان اسمیت"]), ("ژباړه: حبیب الله رحیمي", []),
])
def test_a_translator_is_no_author(line, names):
    assert extract_html(_article(line).encode()).authors == names


@pytest.mark.parametrize("line, name", [
    ("به قلم: داکتر نجیب‌الله رسولی", "نجیب‌الله رسولی"), ("نوشته: انجنیر حمیدالله وردک", "حمیدالله وردک"),
    ("لیکوال: ډاکټر محمد اسماعیل یون", "محمد اسماعیل یون"), ("بقلم: الدكتور خالد العمري", "خالد العمري"),
    ("تحریر: ڈاکٹر عبدالقدیر خان", "عبدالقدیر خان"),
])
def test_an_honorific_before_a_name_is_dropped(line, name):
    assert extract_html(_article(line).encode()).authors == [name]


def test_a_news_agency_credited_as_author_is_the_source():
    ld = {"@type": "NewsArticle", "headline": T1, "author": {"@type": "Organization", "name": "آژانس خبری پژواک"},
          "publisher": {"@type": "Organization", "name": S1}}
    draft = extract_html(_article("", head=f'<script type="application/ld+json">{json.dumps(ld)}</script>').encode())
    assert (draft.authors, draft.original_source, draft.publisher) == ([], "آژانس خبری پژواک", S1)


def test_a_headline_after_the_site_name_is_no_masthead():
    assert choose_title([T1], [f"{S1} :: {T1}"], [S1]) == T1
    assert choose_title(["The Go Blog"], ["Defer - The Go Blog"], []) == "Defer"  # after the headline it is one


@pytest.mark.parametrize("name, published", [("prs-date-af", "2024-03-31"), ("prs-date-ar-digits", "2023-06-15"),
                                              ("fa-date-ir", "2024-05-14"), ("ps-date", "2024-03-31")])
def test_solar_hijri_dates_printed_by_the_byline(name, published):
    page_html = next(c[1] for c in CASES if c[0] == name)  # Afghan (حمل، جوزا، وری) and Iranian (اردیبهشت) months, both digit sets
    assert extract_document(page_html.encode(), f"https://news.example/{name}")["published"] == published


@pytest.mark.parametrize("declared", ["ar", "en-US", "ur", "ps-AF", "fa-IR", None])
def test_dari_text_under_another_declared_language_is_dari(declared):
    # a theme's default lang says nothing of the Persian variety: the text's Afghan vocabulary decides
    page_html = page(lang_attr=declared, title_tag=T1, h1=T1, body_lang="prs")
    assert extract_document(page_html.encode(), "https://news.example/a")["language"] == "prs"


def test_a_tatweel_separates_the_site_name_from_the_title():
    page_html = (f'<html lang="ps"><head><title>{TP} ـ {S3}</title></head><body><div class="news">'
                 + f"<p>{PS_BODY}</p>" * 3 + "</div></body></html>")
    assert extract_html(page_html.encode()).title == TP


@pytest.mark.parametrize("line, names", [
    ("كتب: محمد عبد الرحمن - القاهرة", ["محمد عبد الرحمن"]), ("گزارش: احمد رحیمی - کابل", ["احمد رحیمی"]),
    ("بقلم: أحمد يوسف و ليلى حسن", ["أحمد يوسف", "ليلى حسن"]),  # a joiner, not a dash: two authors
])
def test_one_word_after_a_dash_is_the_filing_city(line, names):
    assert extract_html(_article(line).encode()).authors == names
