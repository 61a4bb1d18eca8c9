"""Page layouts the article scorer must read: loose text beside blocks, teaser lists, bodies split by
ads and embeds, headers repeating the headline. Mechanism tests run the article path alone (parse,
metadata, extract_article), so a forum detector's verdict on the page cannot hide them."""
from pathlib import Path

from extractors.html import extract_html, parse
from extractors.html_article import extract_article
from extractors.html_metadata import fill_metadata
from output.draft import Draft

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def article_path(name: str) -> Draft:
    root = parse((FIXTURES / name).read_text(encoding="utf-8"))
    draft = Draft(kind="article", extractor="html")
    fill_metadata(root, draft, "https://news.example/a/1")
    extract_article(root, draft)
    return draft


def reasons(draft) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in draft.stripped:
        out.setdefault(s.reason, []).append(s.text)
    return out


def test_short_article_as_loose_text_on_a_portal_page():
    d = article_path("article_portal_short.html")
    assert "A equipe do posto de saúde" in d.text() and "deve ser normalizado à tarde." in d.text()
    assert "Posto de saúde tem veículos arrombados" in reasons(d)["headline"]  # a <p class="titulo"> repeating the title
    text = d.text()
    assert "CNPJ" not in text and "Dezembro (82)" not in text and "Facebook" not in text


def test_teaser_list_beside_the_article_scores_nothing():
    d = article_path("article_teaser_list.html")
    assert [p[:20] for p in d.paragraphs] == ["NEW DELHI: Their dre", '"This was the fourth', "The special aircraft"]
    assert "Breaking News" not in d.text() and "pleads guilty" not in d.text()


def test_body_split_by_an_ad_with_an_embedded_tweet():
    d = article_path("article_split_tweet.html")
    text = d.text()
    assert d.paragraphs[0].startswith("The latest wave") and d.paragraphs[-1].startswith("The same logic")
    assert "a payday loan with a nicer app" in text and "— A Critic (@critic)" in text  # the tweet is quoted content
    assert "chief executive of Jane Roe told" in text  # the name stays, its hover card goes
    r = reasons(d)
    assert any("bank raises fees" in s for s in r["popup"])
    assert "Advertisement" not in text and "Most popular" not in text and "advertising" in r


def test_comments_reusing_the_body_class_are_not_a_piece_of_it():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    html = ('<html><body><div class="text">' + prose * 3 + '</div><div class="comments"><div class="text">'
            "<p>I disagree with this decision, the roads in my street have waited for repairs for ten years now.</p>"
            "</div></div></body></html>")
    d = extract_html(html.encode())
    assert d.text().count("council approved") == 3 and "I disagree" not in d.text()


def test_russian_news_page_header_and_metadata():
    d = extract_html((FIXTURES / "article_ru_news.html").read_bytes(), uri="https://news.example/a/1")
    assert d.kind == "article"
    assert d.title == "В Казани открыли новый мост через Волгу" and d.publisher == "Новости Примера"
    assert d.authors == ["Ольга Петрова", "Иван Соколов"]
    assert d.published == "2023-09-01T10:15:00+03:00" and d.modified == "2023-09-01T12:00:00+03:00"
    assert len(d.paragraphs) == 3 and d.paragraphs[0].startswith("Новый мост")
    r = reasons(d)
    assert any("запустили на год раньше" in s for s in r["headline"])  # standfirst and byline go with the header
    for chrome in ("Читайте также", "Самое читаемое", "Поделиться", "Все права защищены", "Главная"):
        assert chrome not in d.text()


def test_persian_news_page_teasers_and_ad():
    d = extract_html((FIXTURES / "article_fa_news.html").read_bytes(), uri="https://news.example/a/1")
    assert d.kind == "article"
    assert d.title == "افتتاح کتابخانه‌ی تازه در شیراز" and d.authors == ["زهرا کریمی"]
    assert d.published == "2023-05-10T09:00:00+03:30" and d.language_hint == "fa"
    assert len(d.paragraphs) == 3 and d.paragraphs[-1].startswith("ساخت این بنا")
    for chrome in ("جشنواره", "تبلیغات", "بیشتر بخوانید", "تمامی حقوق", "صفحه اصلی"):
        assert chrome not in d.text()
    assert {"advertising", "related_links", "headline"} <= set(reasons(d))


SERVICE_PAGE = """<html><body><nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
<main><section class="hero"><h1>Payroll for small teams</h1><p>Pay everyone on time.</p></section>
<section class="features"><h2>What you get</h2>
<p>Automatic tax filings in every state, so the forms are sent, checked and paid before each deadline.</p>
<p>Direct deposit to any bank account, with pay stubs your people can read on their phones, any day.</p>
<p>Time tracking that flows into each run, so hours worked become wages paid without any typing again.</p></section>
<section class="faq"><h2>Questions</h2><h3>Can I switch mid-year?</h3><p>Yes, we import your year so far.</p></section>
</main><footer>Copyright 2024 Example Payroll Inc.</footer></body></html>"""


def test_a_page_without_one_body_is_its_whole_main_region():
    root = parse(SERVICE_PAGE)
    draft = Draft(kind="article", extractor="html")
    extract_article(root, draft, whole_region=True)
    text = draft.text()
    for section in ("Pay everyone on time.", "What you get", "Automatic tax filings", "Can I switch mid-year?",
                    "we import your year so far"):
        assert section in text
    assert "Pricing" not in text and "Copyright" not in text



def test_component_classes_of_a_page_builder_are_not_a_consent_banner():
    first = "<p>Our engineers visit your site, measure every room and plan the system before any work starts.</p>"
    second = "<p>Installation takes two days, and we leave every room as clean as we found it, dust sheets and all.</p>"
    html = (f'<html><body><div class="cmp-container"><div class="cmp-text">{first * 3}</div></div>'
            f'<div class="cmp-container"><div class="cmp-text">{second * 2}</div></div>'
            '<div class="cmp">We use cookies to improve your experience on this site.</div></body></html>')
    text = extract_html(html.encode()).text()
    assert "Our engineers visit" in text and "Installation takes two days" in text  # both sections, one body
    assert "We use cookies" not in text


def test_body_split_into_panels_each_in_a_chrome_named_box_is_one_article():
    panel = ('<div class="nav-section"><div class="rtf"><p>{0} The committee met on Monday to weigh the plan, and '
             'members asked for costs, dates and the names of the firms that would bid for the work.</p>'
             '<p>{0} A second paragraph gives the numbers, the places and the people who will carry it out.</p></div></div>')
    html = (f"<html><body><main>{panel.format('First part.')}<div class='promo'><a href='/x'>Sign up</a></div>"
            f"{panel.format('Second part.')}</main></body></html>")
    text = extract_html(html.encode()).text()
    assert "First part. The committee" in text and "Second part. The committee" in text and "Sign up" not in text


def test_collapsed_tab_and_accordion_panels_are_text_a_hidden_block_is_not():
    prose = "<p>The frame is welded steel, powder coated, and carries a ten year warranty on every joint and weld.</p>"
    html = (f"<html><body><main>{prose * 2}"
            '<div id="p1" role="region" aria-hidden="true"><p>Ships in two days from our warehouse, returns free.</p></div>'
            '<div role="tabpanel" class="hidden"><p>Weight 12 kg, height 75 cm, width 120 cm.</p></div>'
            '<div aria-hidden="true"><p>Screen-reader-free decoration.</p></div></main></body></html>')
    text = extract_html(html.encode()).text()
    assert "Ships in two days" in text and "Weight 12 kg" in text and "Screen-reader-free" not in text


def test_a_page_without_one_body_or_main_region_widens_to_its_sections():
    page = SERVICE_PAGE.replace("<main>", '<div class="page">').replace("</main>", "</div>")
    root = parse(page)
    draft = Draft(kind="article", extractor="html")
    extract_article(root, draft, whole_region=True)
    text = draft.text()
    assert "Automatic tax filings" in text and "What you get" in text and "Can I switch mid-year?" in text
    assert "Pricing" not in text and "Copyright" not in text



def test_sections_standing_side_by_side_under_body_are_all_the_content():
    """No <main>, no shared wrapper: hero, features and questions are top-level blocks; none holds half the text."""
    hero = '<div class="hero"><h1>Payroll for small teams</h1><p>Run payroll in minutes, with taxes, filings and deposits handled for you.</p></div>'
    features = ('<div class="features"><h2>What you get</h2><p>Automatic tax filings in every state, checked and paid before each deadline.</p>'
                '<p>Direct deposit to any bank account, with pay stubs your people can read on their phones.</p></div>')
    faq = ('<div class="faq"><h2>Questions</h2><p>Can I switch mid-year? Yes, we import the year so far from your old provider.</p>'
           '<p>Is there a contract? No, you pay month by month and can leave whenever you want to.</p></div>')
    html = (f'<html><body><div class="nav"><a href="/">Home</a><a href="/pricing">Pricing</a></div>{hero}{features}{faq}'
            '<footer>Copyright 2024 Example Payroll Inc.</footer></body></html>')
    draft = Draft(kind="article", extractor="html")
    extract_article(parse(html), draft, whole_region=True)
    text = draft.text()
    assert "Run payroll in minutes" in text and "Automatic tax filings" in text and "Is there a contract?" in text
    assert "Pricing" not in text and "Copyright" not in text

PRODUCT_PAGE = """<html><body><main>
<h1>Trail 25 pack</h1>
<div class="description"><p>Keep the day's gear within easy reach: pockets galore, a padded back and a hip belt that carries the load.</p>
<p>Ripstop nylon body with a water-repellent finish; the bottom panel is recycled oxford nylon, hard to wear through.</p></div>
<div class="{cls}" {attrs}><h2>Customer reviews</h2>
<p>I took this pack on every hike this summer and it still looks new, the pockets are exactly where you need them.</p>
<p>Comfortable even when full, though I wish the side pockets were a little deeper for big bottles.</p></div>
</main></body></html>"""


def _product_text(page_type: str, cls: str = "product-reviews", attrs: str = "") -> str:
    root = parse(PRODUCT_PAGE.format(cls=cls, attrs=attrs))
    draft = Draft(kind="article", extractor="html", page_type=page_type)
    extract_article(root, draft, whole_region=True)
    return draft.text()


def test_customer_reviews_are_chrome_on_a_product_page_only():
    for cls, attrs in (("product-reviews", ""), ("yotpo-main-widget", ""), ("box", 'itemprop="review"')):
        text = _product_text("product", cls, attrs)
        assert "Keep the day's gear" in text and "Ripstop nylon" in text
        assert "every hike this summer" not in text, (cls, attrs)
    assert "every hike this summer" in _product_text("article")  # a review on an article page is its text


def test_a_paragraph_printed_twice_by_the_layout_is_said_once_a_recurring_entry_stays():
    blurb = "<p>The Ridge is minimalist without being limiting: carry less, but always what you need.</p>"
    entry = "<p>Eat every two to three hours, and drink water with each of these meals.</p>"
    meals = "".join(f"<h3>Meal {i}</h3>{entry}<p>Meal {i}: rice, beans and a green salad with olive oil.</p>" for i in range(3))
    html = (f"<html><body><article><h1>Wallet</h1><div class='desktop'>{blurb}</div>{meals}"
            f"<div class='mobile'>{blurb}</div></article></body></html>")
    text = extract_html(html.encode()).text()
    assert text.count("The Ridge is minimalist") == 1
    assert text.count("Eat every two to three hours") == 3


def test_sections_of_a_streamed_page_are_read_where_its_script_puts_them():
    section = ("<section><h2>Deploy in minutes</h2><p>Connect your repository and every push builds, tests and ships "
               "your app, with previews for each pull request and rollbacks in one click.</p></section>")
    html = ('<html><body><header><a href="/">Home</a></header><main><h1>Hosting</h1><template id="B:0"></template>'
            f'</main><footer>Copyright 2026</footer><div hidden id="S:0">{section}</div></body></html>')
    draft = extract_html(html.encode())
    assert "every push builds, tests and ships" in draft.text() and "Copyright" not in draft.text()


def test_a_list_article_is_its_main_region_not_its_intro_paragraph():
    items = "".join(f'<h2><a href="/p/{i}">Project {i}: a floating shelf</a></h2><ul><li>Cut the board to length</li>'
                    f'<li>Fix the cleat with two screws</li><li>Hang the shelf</li></ul>' for i in range(12))
    html = ('<html><body><nav><a href="/">Home</a></nav><main><h1>Twelve weekend projects</h1>'
            '<div class="intro"><p>Most of these projects take an afternoon, need few tools and suit a beginner, '
            'so pick one, gather the wood and start this weekend.</p></div>'
            f'<div class="list">{items}</div></main><footer>Copyright 2026</footer></body></html>')
    root = parse(html)
    draft = Draft(kind="article", extractor="html")
    extract_article(root, draft)
    text = draft.text()
    assert "Most of these projects" in text and text.count("Fix the cleat with two screws") == 12 and "Copyright" not in text


def test_a_streamed_part_keeps_its_loose_text_and_the_text_after_its_placeholder():
    from extractors.html import place_streamed_parts

    root = parse('<html><body><main><p>Intro.</p><template id="B:1"></template> and the rest.</main>'
                 '<div hidden id="S:1"> Loose words <b>bold</b> more</div></body></html>')
    place_streamed_parts(root)
    assert " ".join(root.find("body").text_content().split()) == "Intro. Loose words bold more and the rest."


def _bio_page(closing: str) -> str:
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    return ('<html><head><title>Budget approved</title><meta name="author" content="Jane Roe"></head><body>'
            f'<article><h1>Budget approved</h1>{prose * 4}<p>The next vote is due in March.</p>{closing}</article></body></html>')


def test_an_author_bio_closing_the_article_is_not_its_text():
    bio = ("<div><p>Jane Roe</p><p>Contributing Writer</p><p>Jane Roe is a freelance writer covering city hall, "
           "schools and transport. She lives in Leeds.</p><p>Follow her on Mastodon</p></div>")
    d = extract_html(_bio_page(bio).encode())
    assert d.paragraphs[-1] == "The next vote is due in March."
    assert [s.text for s in d.stripped if s.reason == "author_bio"] == [
        "Jane Roe", "Contributing Writer", "Jane Roe is a freelance writer covering city hall, schools and transport. "
        "She lives in Leeds.", "Follow her on Mastodon"]


def test_a_closing_paragraph_naming_the_author_by_first_name_or_another_person_stays():
    for closing in ("<p>Jane will report on the vote from the chamber.</p>",
                    "<p>John Doe is the council's treasurer and proposed the plan.</p>"):
        d = extract_html(_bio_page(closing).encode())
        assert d.paragraphs[-1] == closing[3:-4]


def test_a_linked_headline_alone_on_a_page_of_items_is_kept_a_short_link_is_not():
    items = "".join(f'<article><header><a href="/n/{i}">Release {i} brings a faster compositor to the desktop</a></header>'
                    f'<p>Out today is release {i}, with fixes for the panel, the menus and the settings app.</p>'
                    f'<a href="/n/{i}">Read more</a></article>' for i in range(4))
    html = f"<html><body><div>{items}</div></body></html>"
    for linked_headings in (True, False):
        draft = Draft(kind="article", extractor="html", page_type="listing")
        extract_article(parse(html), draft, whole_region=True, linked_headings=linked_headings)
        assert ("Release 2 brings a faster compositor to the desktop" in draft.paragraphs) is linked_headings
        assert "Out today is release 2, with fixes for the panel, the menus and the settings app." in draft.paragraphs
        assert "Read more" not in draft.paragraphs


def test_self_linked_section_headings_of_documentation_are_kept_with_linked_headings():
    section = ('<h2><a href="#{0}">Installing the {0} command-line tool</a></h2>'
               "<p>Download the archive for your platform, unpack it anywhere on your path and run the tool once.</p>")
    html = "<html><body><main>" + "".join(section.format(name) for name in ("alpha", "beta", "gamma")) + "</main></body></html>"
    draft = Draft(kind="article", extractor="html", page_type="documentation")
    extract_article(parse(html), draft, whole_region=True, linked_headings=True)
    assert draft.paragraphs[0] == "Installing the alpha command-line tool" and len(draft.paragraphs) == 6


def test_a_linked_section_heading_is_kept_a_run_of_them_is_a_teaser_grid():
    prose = "<p>It holds a charge for nine days, folds flat into a coat pocket and survives a drop onto stone.</p>"
    html = ("<html><body><article>"
            f'<h2><a href="/p/1">Alpha Charger 2</a></h2>{prose * 2}'
            f'<h3><a href="/p/2">Beta Power Bank</a></h3>{prose * 2}'
            '<h3><a href="/r/1">Ten camping gadgets under $50</a></h3>'
            '<h3><a href="/r/2">The best headlamps for night hikes</a></h3>'
            "</article></body></html>")
    root = parse(html)
    draft = Draft(kind="article", extractor="html")
    extract_article(root, draft)
    assert "Alpha Charger 2" in draft.paragraphs and "Beta Power Bank" in draft.paragraphs
    assert "Ten camping gadgets" not in draft.text()
    assert {"Ten camping gadgets under $50", "The best headlamps for night hikes"} <= set(reasons(draft)["link_list"])


def test_a_headings_anchor_id_names_its_topic_not_its_role():
    prose = "<p>Agencies differ in what they charge, which channels they run and how they report results to you.</p>"
    html = ("<html><body><article>"
            f'<h2 id="3-disruptive-marketing">3. Disruptive Marketing</h2>{prose * 2}'
            f'<h2 id="registering-your-name">Registering your name</h2>{prose * 2}'
            '<div id="newsletter-signup"><p>Get the weekly digest in your inbox every Friday morning.</p></div>'
            "</article></body></html>")
    text = extract_html(html.encode()).text()
    assert "3. Disruptive Marketing" in text and "Registering your name" in text and "weekly digest" not in text


def test_an_author_bio_after_a_label_or_a_byline_is_not_the_text_a_sentence_naming_the_author_is():
    bio = "Jane Roe is a freelance writer covering city hall, schools and transport. She lives in Leeds."
    for closing in (f"<p>About the author: {bio}</p>", f"<p>({bio})</p>", f"<p>By Jane Roe<br>{bio}</p>"):
        d = extract_html(_bio_page(closing).encode())
        assert d.paragraphs[-1] == "The next vote is due in March." and bio in d.stripped[-1].text
    kept = "<p>Work with Jane Roe and the council's press office to file your question before the vote.</p>"
    assert extract_html(_bio_page(kept).encode()).paragraphs[-1] == kept[3:-4]


def test_a_rating_or_was_it_helpful_widget_closing_an_article_is_not_its_text():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    html = (f"<html><body><article>{prose * 3}"
            '<div class="post-ratings"><p>Average rating 4.6 from 4285 votes, the readers of this article say.</p></div>'
            "<div><p>Was this article helpful?</p></div>"
            "<p>Оцените статью</p></article></body></html>")
    d = extract_html(html.encode())
    assert d.text() == "\n\n".join(["The council approved the new budget after a long debate, and schools, roads and parks all gain."] * 3)
    assert [s.reason for s in d.stripped if s.reason == "feedback"] == ["feedback"] * 3


def test_a_select_of_countries_in_a_signup_form_is_not_the_articles_text():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    countries = "".join(f"<option>Country number {i}</option>" for i in range(60))
    second = "<p>The mayor said the new cycle lanes open in spring, after the works on the bridge are done.</p>"
    html = (f"<html><body><main><h2>First pick</h2>{prose}<h2>Second pick</h2>{second}</main>"
            '<div><p>Get the latest news direct to your inbox.</p><div><input name="email">'
            f"<select name=country>{countries}</select></div><p>By clicking subscribe, you agree to receive offers.</p>"
            "</div></body></html>")
    d = extract_html(html.encode())
    assert "council approved" in d.text() and "cycle lanes" in d.text()
    assert "Country number" not in d.text() and "inbox" not in d.text()


def test_an_option_left_open_keeps_the_page_it_swallowed():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    html = f"<html><body><select><option>Sort by<div class=story>{prose * 4}</div></body></html>"
    assert extract_html(html.encode()).text().count("council approved") == 4


def test_a_select_holding_the_page_keeps_the_page_and_loses_its_plain_options():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    quantities = "".join(f"<option value={i}>{i}</option>" for i in range(1, 40))
    html = f"<html><body><article><select class=quantity>{quantities}<div class=story>{prose * 4}</div></article></body></html>"
    text = extract_html(html.encode()).text()
    assert text.count("council approved") == 4 and "37" not in text


def test_class_words_joined_by_underscores_or_bem_separators_name_their_role():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    for cls in ("author_box", "author__bio", "related_posts", "newsletter__signup"):
        html = (f"<html><body><article>{prose * 3}"
                f'<div class="{cls}"><p>Jane Roe writes about city hall, schools and transport for the paper.</p></div>'
                "</article></body></html>")
        d = extract_html(html.encode())
        assert "Jane Roe writes" not in d.text(), cls


def test_the_article_after_an_early_end_of_html_is_read_as_a_browser_reads_it():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    html = ('<html><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header></body></html>'
            f'<div class="post"><p>The mayor said the new cycle lanes open in spring, after the works are done.</p>{prose}</div>'
            "<footer>© The Paper</footer></body></html>")
    text = extract_html(html.encode()).text()
    assert "cycle lanes" in text and "council approved" in text and "© The Paper" not in text


def test_a_call_to_action_box_is_chrome_on_an_article_only():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    pitch = ('<div class="article-cta-box"><h3>Ready to grow?</h3><p>Book a free demo of our planning software and see '
             "how councils save hours every week on their budgets.</p></div>")
    html = f"<html><body><article>{prose * 3}{pitch}</article></body></html>"
    root = parse(html)
    draft = Draft(kind="article", extractor="html", page_type="article")
    extract_article(root, draft)
    assert "Book a free demo" not in draft.text() and "call_to_action" in reasons(draft)
    root = parse(html)
    draft = Draft(kind="article", extractor="html", page_type="service")
    extract_article(root, draft, whole_region=True)
    assert "Book a free demo" in draft.text()


def test_a_list_of_links_to_other_sites_or_to_sections_is_text_links_to_the_sites_own_pages_are_not():
    prose = "<p>The council approved the new budget after a long debate, and schools, roads and parks all gain.</p>"
    picks = '<ul><li><a href="https://shop.example/drill">Cordless Drill X200</a></li><li><a href="https://other.example/saw">Saw Pro</a></li></ul>'
    contents = '<ol><li><a href="#tools">Tools electricians need</a></li><li><a href="#software">Software for the office</a></li></ol>'
    related = ('<ul><li><a href="/news/2">How to wire a garage</a></li>'
               '<li><a href="https://www.news.example/news/3">Ten tools under $50</a></li></ul>')
    html = f"<html><body><article>{prose}{contents}{prose}{picks}{prose}{related}</article></body></html>"
    text = extract_html(html.encode(), uri="https://news.example/a/1").text()
    assert "Cordless Drill X200" in text and "Tools electricians need" in text
    assert "How to wire a garage" not in text and "Ten tools under $50" not in text
    assert "Cordless Drill X200" not in extract_html(html.encode()).text()  # no address: every link list goes, as before



def test_a_consent_dialog_is_never_the_text_even_when_it_holds_the_only_prose():
    message = "We use technologies like cookies to store and access device information, to process data such as browsing behaviour."
    consent = ("<div class='cookie-banner' role='dialog'><div class='banner-body'>"
               + f"<div class='msg'>{message}</div>" * 4 + "</div></div>")
    shop = ("<div class='wrap'><h1>Trail sandal</h1><div class='price'>99,90 EUR</div><div class='desc'>Handmade, vibram sole.</div>"
            "<ul><li>Weight 180 g</li><li>Sizes 36-46</li></ul></div>")
    page = f'<html><head><meta property="og:type" content="product"></head><body>{shop}{consent}</body></html>'
    text = extract_html(page.encode()).text()
    assert "Handmade, vibram sole." in text and "Weight 180 g" in text and "cookies" not in text


def test_a_box_named_caption_holding_a_description_is_text_an_image_caption_is_not():
    description = " ".join(["The chair's eleven spring-loaded vertebrae follow your spine as you move, and each locks on its own."] * 5)
    page = (f"<html><body><article><h1>Verte chair</h1><p>{description}</p>"
            f"<div class='item-caption'><h2>Why this chair</h2><p>{description.replace('chair', 'seat')}</p></div>"
            "<figure><img src='a.jpg'><div class='image-caption'>The chair in white.</div></figure></article></body></html>")
    root = parse(page)
    draft = Draft(kind="article", extractor="html", page_type="product")
    extract_article(root, draft, whole_region=True)
    assert "Why this chair" in draft.text() and "The seat's eleven spring-loaded" in draft.text()
    assert draft.captions == ["The chair in white."]



def test_other_products_cards_are_stripped_on_a_product_page_service_teasers_and_articles_keep_theirs():
    cards = "".join(f"<li class='card'><a href='/itm/{i}'><picture><source srcset='{i}.webp'><img src='{i}.jpg'></picture></a>"
                    f"<h3>Floral blouse size {i}</h3>"
                    f"<span>$8.0{i}</span></li>" for i in range(4))
    teasers = "".join(f"<div class='promo-tile'><img src='t{i}.jpg'><h3>Design service {i}</h3><p>Visit our showroom to see, "
                      f"feel and be inspired by our curated collections.</p><a href='/s/{i}'>Book</a></div>" for i in range(3))
    page = ("<html><body><main><h1>Three pack tops</h1><div class='desc'><p>Three tops in black, white and green, "
            "soft stretch cotton, size 6, worn once and washed with care.</p></div>"
            f"<section><h2>People who viewed this item also viewed</h2><ul class='carousel'>{cards}</ul></section>"
            f"<div class='services'>{teasers}</div></main></body></html>")

    def extracted(page_type: str) -> Draft:
        draft = Draft(kind="article", extractor="html", page_type=page_type)
        extract_article(parse(page), draft, whole_region=True)
        return draft

    product = extracted("product")
    assert "soft stretch cotton" in product.text() and "Design service 2" in product.text()
    assert "Floral blouse" not in product.text() and "$8.01" not in product.text()
    assert sum(s.reason == "product_cards" for s in product.stripped) == 4
    assert "Floral blouse size 3" in extracted("article").text()


def test_what_follows_a_share_bar_closing_the_body_is_the_sites_a_share_bar_opening_it_is_not_an_end():
    prose = "".join(f"<p>The council approved the new budget after a long debate, and schools, roads and parks gain {i}.</p>"
                    for i in range(6))
    share = "<div class='share-buttons'><a href='#'>Facebook</a> <a href='#'>X</a></div>"
    page = (f"<html><body><article>{share}{prose}{share}<p>Jane Roe writes about city hall, schools and transport for"
            " the paper, and lives by the river with her two dogs.</p><ul><li>Budget</li><li>Council</li></ul>"
            "</article></body></html>")
    draft = Draft(kind="article", extractor="html", page_type="article")
    extract_article(parse(page), draft)
    assert len(draft.paragraphs) == 6 and "parks gain 0." in draft.text() and "parks gain 5." in draft.text()
    assert "Jane Roe" not in draft.text() and "Budget" not in draft.text()
    assert any(s.reason == "after_end" and "Jane Roe" in s.text for s in draft.stripped)
    listicle = (f"<html><body><article>{(prose + share) * 4}<p>Jane Roe writes about city hall, schools and transport for"
                " the paper, and lives by the river with her two dogs.</p></article></body></html>")
    draft = Draft(kind="article", extractor="html", page_type="article")
    extract_article(parse(listicle), draft)
    assert "Jane Roe" in draft.text()  # a share bar under each item of a list: none is the article's end


def test_what_follows_an_authors_box_closing_the_body_is_stripped_a_short_byline_marks_no_end():
    prose = "".join(f"<p>The council approved the new budget after a long debate, and schools, roads and parks gain {i}.</p>"
                    for i in range(6))
    box = ("<div class='author-box'><b>Jane Roe</b> writes about city hall, schools and transport for the paper, and lives"
           " by the river with her two dogs.</div>")
    tail = "<p>Our city desk covers parks, schools and the new bridge over the river every week of the year.</p>"
    for byline, cut in ((box, True), ("<div class='author-box'>By Jane Roe</div>", False)):
        draft = Draft(kind="article", extractor="html", page_type="article")
        extract_article(parse(f"<html><body><article>{prose}{byline}{tail}</article></body></html>"), draft)
        assert "parks gain 5." in draft.text() and "Jane Roe" not in draft.text()
        assert ("city desk" not in draft.text()) is cut
