"""The pages for what the API serves besides events (article search, quotes, shifts) and paging back and
forth through long lists, over the sample corpus."""

from __future__ import annotations

import httpx

from tests.browser.conftest import Tab

NEWEST = "-date"


def _ids(tab: Tab, selector: str, attribute: str) -> list[str]:
    return tab.page.locator(selector).evaluate_all(f"els => els.map(e => e.getAttribute('{attribute}'))")


def _marked_text(tab: Tab, start: int, end: int) -> str:
    """The text of the <mark> pieces that lie within [start, end)."""
    return tab.page.evaluate(
        "([s, e]) => [...document.querySelectorAll('mark')]"
        ".filter(m => +m.dataset.start >= s && +m.dataset.end <= e).map(m => m.textContent).join('')",
        [start, end],
    )


def _follow(tab: Tab, selector: str) -> None:
    """Click a link and wait until the page it names has rendered."""
    target = tab.page.get_attribute(selector, "href")
    tab.page.click(selector)
    tab.page.wait_for_function("(h) => location.hash === h", arg=target)
    tab.settle()


def test_article_search_finds_the_article_that_holds_the_words(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/articles")
    tab.page.fill("#articles-q", "KazanForum")
    tab.page.press("#articles-q", "Enter")
    tab.page.wait_for_function("location.hash.includes('q=KazanForum')")
    tab.settle()
    found = api.get("/articles", params={"q": "KazanForum"}).json()["items"]
    assert _ids(tab, "a.article-link", "data-article-id") == [a["id"] for a in found] and len(found) == 1
    tab.page.click("a.article-link")
    tab.page.wait_for_function("location.hash.startsWith('#/articles/')")
    tab.settle()
    assert tab.page.inner_text("h1") == found[0]["title"]
    assert "KazanForum" in tab.page.inner_text("#article-text")


def test_an_article_search_without_a_match_says_so(tab: Tab) -> None:
    tab.open("#/articles?q=zzqqxxnothing")
    assert "No article holds" in tab.page.inner_text(".message-empty")


def test_quotes_mentioning_a_country_link_to_their_place_in_the_article(tab: Tab, api: httpx.Client) -> None:
    quotes = api.get("/quotes", params={"mentions": "PAK"}).json()["items"]
    tab.open("#/quotes?mentions=PAK")
    assert tab.page.locator("li.quote blockquote").all_inner_texts() == [q["text"].strip() for q in quotes]
    assert all("PAK" in q["mentions"] for q in quotes) and quotes
    tab.page.locator("a.quote-evidence").first.click()
    tab.page.wait_for_function("location.hash.startsWith('#/articles/')")
    tab.settle()
    article = api.get(f"/articles/{quotes[0]['article_id']}").json()
    focused = tab.page.evaluate("() => [document.activeElement.tagName, document.activeElement.id]")
    assert focused == ["MARK", f"span-{quotes[0]['start']}-{quotes[0]['end']}"]
    start, end = quotes[0]["start"], quotes[0]["end"]
    assert _marked_text(tab, start, end) == article["text"][start:end]


def test_a_speakers_name_lists_that_speakers_quotes(tab: Tab, api: httpx.Client) -> None:
    tab.open("#/quotes")
    link = tab.page.locator("a.speaker-link").first
    name = link.inner_text()
    link.click()
    tab.page.wait_for_function("location.hash.includes('speaker=')")
    tab.settle()
    expected = api.get("/quotes", params={"speaker": name}).json()["items"]
    assert tab.page.locator("li.quote").count() == len(expected) > 0
    assert tab.page.input_value("#quotes-speaker") == name


def test_the_shifts_of_a_month_list_each_pair_with_the_events_behind_it(tab: Tab, api: httpx.Client) -> None:
    report = api.get("/shifts", params={"period": "month", "as_of": "2025-10-31"}).json()
    tab.open("#/shifts")
    tab.page.fill("#shifts-month", "2025-10")
    tab.page.click("form[aria-label='Choose the month'] button[type='submit']")
    tab.page.wait_for_function("location.hash.includes('month=2025-10')")
    tab.settle()
    assert tab.page.inner_text("h1") == "Shifts in 2025-10"
    shift = next(s for s in report["dyad_shifts"] if sorted(s["dyad"]) == ["AFG", "PAK"])
    section = tab.page.locator(f".shift[data-dyad='{','.join(shift['dyad'])}']")
    assert "Afghanistan (AFG)" in section.inner_text() and "Pakistan (PAK)" in section.inner_text()
    titles = section.locator(".shift-events a").evaluate_all("as => as.map(a => a.title)")
    assert titles == [e["sentence"] for e in shift["evidence"]] and titles
    section.locator("a.shift-all-events").click()
    tab.page.wait_for_function("location.hash.startsWith('#/events')")
    tab.settle()
    assert int(tab.page.get_attribute("#results-summary", "data-total") or 0) == shift["events"]


def test_previous_goes_back_one_page_at_a_time(tab: Tab, api: httpx.Client) -> None:
    pages = [api.get("/events", params={"limit": 50, "sort": NEWEST}).json()]
    for _ in range(2):
        pages.append(
            api.get("/events", params={"limit": 50, "sort": NEWEST, "cursor": pages[-1]["next"]}).json()
        )
    tab.open("#/events")
    assert tab.page.locator("a[rel='prev']").count() == 0
    for n in (1, 2):
        _follow(tab, "a[rel='next']")
        assert _ids(tab, "a.evidence-link", "data-event-id") == [e["event_id"] for e in pages[n]["items"]]
    assert "Showing events 101–150" in tab.page.inner_text("#results-summary")
    for n in (1, 0):
        _follow(tab, "a[rel='prev']")
        assert _ids(tab, "a.evidence-link", "data-event-id") == [e["event_id"] for e in pages[n]["items"]]
    assert tab.page.locator("a[rel='prev']").count() == 0
    assert "Showing events 1–50" in tab.page.inner_text("#results-summary")
