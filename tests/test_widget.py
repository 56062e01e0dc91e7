"""The embeddable chat widget <aqa-chat>, driven in real headless Chromium against real API servers."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import app_over, build_components, settings_for
from tests.servers import serving

pytestmark = [pytest.mark.browser, pytest.mark.integration]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANSWER_TIMEOUT = 30_000  # ms
ASHCOMBE_HUB = "When did Ashcombe Vale launch its Joint Discharge Hub?"
XSS = "<img src=x onerror=alert(1)>"

# Counts the `token` events the page receives from /v1/ask, by teeing each streamed response body.
COUNT_TOKENS = """
(() => {
  window.__aqaTokenEvents = 0;
  const original = window.fetch;
  window.fetch = async (...args) => {
    const res = await original(...args);
    if (!String(args[0]).includes('/v1/ask') || !res.body) return res;
    const [mine, theirs] = res.body.tee();
    (async () => {
      const reader = mine.getReader(), dec = new TextDecoder();
      let buf = '';
      for (;;) {  // counted as chunks arrive: the widget may abort the rest once it has `done`
        const { value, done } = await reader.read();
        if (done) break;
        const lines = (buf + dec.decode(value, { stream: true })).split('\\n');
        buf = lines.pop();
        window.__aqaTokenEvents += lines.filter((l) => /^event: token\\r?$/.test(l)).length;
      }
    })().catch(() => {});
    return new Response(theirs, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
})();
"""

# Records each streamed text update of an answer (a token appended before the final text replaces it).
WATCH_UPDATES = """
() => {
  window.__aqaUpdates = 0;
  const root = document.querySelector('aqa-chat').shadowRoot;
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.dataset && r.target.dataset.part === 'text' && r.removedNodes.length === 0 && r.addedNodes.length > 0)
        window.__aqaUpdates += 1;
    }
  }).observe(root, { childList: true, subtree: true, characterData: true });
}
"""

CAPTURE_ANSWERS = """
() => {
  window.__aqaAnswers = [];
  document.querySelector('aqa-chat').addEventListener('aqa-answer', (e) => window.__aqaAnswers.push(e.detail));
}
"""


@dataclass
class Watched:
    """What a page did that it should not have: dialogs, console errors, uncaught exceptions."""

    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(ANSWER_TIMEOUT)
    watched = Watched()

    def on_dialog(d) -> None:  # noqa: ANN001
        watched.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watched.page_errors.append(str(e)))
    pg.watched = watched
    try:
        yield pg
    finally:
        context.close()


# --- helpers --------------------------------------------------------------------------------------


def shadow_active(page) -> dict:  # noqa: ANN001
    """The focused element inside the widget's shadow root (id, class, aria-label), or {}."""
    return page.evaluate("""() => {
      const a = document.querySelector('aqa-chat').shadowRoot.activeElement;
      return a ? { id: a.id, cls: a.className, label: a.getAttribute('aria-label') || a.textContent } : {};
    }""")


def finished(page):  # noqa: ANN001
    return page.locator("aqa-chat .a:not([data-state='streaming'])")


def ask(page, question: str) -> object:  # noqa: ANN001
    """Type into the widget's focused input and press Enter; returns the finished answer element."""
    before = finished(page).count()
    page.locator("aqa-chat input").focus()
    page.keyboard.type(question)
    page.keyboard.press("Enter")
    answer = finished(page).nth(before)
    answer.wait_for()
    return answer


def open_page(page, url: str) -> None:  # noqa: ANN001
    page.goto(url)
    page.wait_for_function(
        "() => customElements.get('aqa-chat') && document.querySelector('aqa-chat').shadowRoot"
    )


@contextmanager
def static_site(root: Path) -> Iterator[str]:
    """A plain HTTP server for `root` on a free loopback port (another origin than the API)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def embedding_page(api: str, extra: str = "") -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        f"<title>A partner site</title></head><body><h1>Partner site</h1>"
        f'<aqa-chat endpoint="{api}" title="Ask CQC reports" {extra}></aqa-chat>'
        f'<script src="{api}/widget.js"></script></body></html>'
    )


# --- specifications -------------------------------------------------------------------------------


def test_a_typed_question_streams_an_answer_with_citations_that_open_their_passage(page, api_url):
    page.add_init_script(COUNT_TOKENS)
    open_page(page, f"{api_url}/")
    page.evaluate(WATCH_UPDATES)
    page.evaluate(CAPTURE_ANSWERS)
    assert page.locator("aqa-chat .log[aria-live='polite']").count() == 1
    assert page.get_by_label("Your question").count() == 1

    # Keyboard only: the first Tab lands in the widget's labelled input; Enter sends.
    page.keyboard.press("Tab")
    assert shadow_active(page)["id"] == "q"
    page.keyboard.type(ASHCOMBE_HUB)
    page.keyboard.press("Enter")
    answer = finished(page).first
    answer.wait_for()
    assert answer.get_attribute("data-state") == "answered"
    text = answer.locator("[data-part='text']").inner_text()
    assert "March 2023" in text and "[1]" in text

    # It streamed: token events arrived and the answer text grew piece by piece before the final text.
    page.wait_for_function("() => window.__aqaTokenEvents >= 2")
    assert page.evaluate("window.__aqaUpdates") >= 2

    final = page.evaluate("window.__aqaAnswers")[0]
    assert final["answer"] == text and not final["abstained"]
    first = final["citations"][0]
    assert first["authority"] == "Ashcombe Vale Council"
    assert answer.locator("ol.sources li").count() == len(final["citations"])

    # Shift+Tab back from the input reaches citation 1, with an accessible name saying what it is.
    name = f"Citation 1: {first['authority']}, {first['quality_statement']}"
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if shadow_active(page).get("label") == name:
            break
    else:
        pytest.fail(f"no focusable button named {name!r}")
    page.keyboard.press("Enter")

    panel = page.locator("aqa-chat [role='dialog']")
    panel.wait_for(state="visible")
    assert panel.locator("blockquote").inner_text().strip() == first["quote"].strip()
    details = panel.locator("dl").inner_text()
    assert "Ashcombe Vale Council" in details and first["quality_statement"] in details
    assert first["section"] in details and first["source"] in details
    # The passage in context, fetched from the documents route, marks the same text.
    assert panel.locator(".context mark").inner_text().strip() == first["quote"].strip()

    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    assert shadow_active(page).get("label") == name  # focus went back to the citation
    page.keyboard.press("Space")  # Space opens it as well
    panel.wait_for(state="visible")
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    assert not page.watched.console_errors and not page.watched.page_errors


def test_a_follow_up_in_the_same_conversation_is_understood_from_the_history(page, api_url):
    open_page(page, f"{api_url}/")
    first = ask(page, ASHCOMBE_HUB)
    assert "March 2023" in first.inner_text()
    second = ask(page, "And Lowbridge and Fenn?")
    assert second.get_attribute("data-state") == "answered"
    assert "October 2023" in second.inner_text()
    assert "Lowbridge and Fenn Council" in second.locator("ol.sources").inner_text()
    assert page.locator("aqa-chat .q").all_inner_texts()[0].endswith(ASHCOMBE_HUB)  # the log keeps both


def test_a_question_the_reports_do_not_answer_shows_not_in_the_reports(page, api_url):
    open_page(page, f"{api_url}/")
    answer = ask(page, "What did Wirral score for safeguarding?")
    assert answer.get_attribute("data-state") == "abstained"
    assert "abstained" in (answer.get_attribute("class") or "")
    assert answer.locator(".badge").inner_text().lower() == "not in the reports"
    assert answer.locator(".badge").is_visible()
    assert "do not say" in answer.inner_text()
    assert answer.locator("button").count() == 0


def test_document_text_with_markup_is_shown_as_literal_text_and_runs_nothing(page, tmp_path, embedder):
    report = tmp_path / "fernleigh.txt"
    report.write_text(
        "Fernleigh Council: local authority assessment\n\n"
        "FICTIONAL SAMPLE — invented for assessment-qa; not a real CQC report.\n\n"
        "Partnerships and communities\n\nScore: 2\n\n2 - Evidence shows some shortfalls\n\n"
        "What people expect\n\nI have support from people who work well together.\n\n"
        "The local authority commitment\n\nWe work with partners and communities to meet people's needs.\n\n"
        "Key findings for this quality statement\n\nSupport for unpaid carers\n\n"
        f"The council's carers hub {XSS} opened in May 2024. Carers told us the hub staff were "
        "helpful and that the hub's evening sessions suited people who work.\n",
        encoding="utf-8",
    )
    components = build_components(settings_for(tmp_path / "data"), embedder)
    result = components.ingestor.ingest([str(report)])
    assert not result.failures, result.failures
    with serving(app_over(components)) as url:
        open_page(page, f"{url}/")
        answer = ask(page, "When did Fernleigh's carers hub open?")
        assert answer.get_attribute("data-state") == "answered"
        assert XSS in answer.inner_text() and "May 2024" in answer.inner_text()
        answer.locator("button.cite").first.press("Enter")
        panel = page.locator("aqa-chat [role='dialog']")
        panel.wait_for(state="visible")
        assert XSS in panel.locator("blockquote").inner_text()
        panel.locator(".context mark").wait_for()
        assert XSS in panel.locator(".context").inner_text()
        page.wait_for_timeout(300)  # give an injected onerror the chance to fire
        images = page.evaluate(
            "() => document.querySelector('aqa-chat').shadowRoot.querySelectorAll('img').length"
        )
        assert images == 0 and page.locator("img").count() == 0
    assert page.watched.dialogs == []
    assert page.watched.console_errors == [] and page.watched.page_errors == []


def test_the_widget_answers_on_a_page_of_another_origin_allowed_by_cors(page, loaded, tmp_path, api_url):
    site = tmp_path / "site"
    site.mkdir()
    with static_site(site) as origin, serving(app_over(loaded, cors_origins=[origin])) as api:
        (site / "partner.html").write_text(embedding_page(api), encoding="utf-8")
        (site / "refused.html").write_text(embedding_page(api_url), encoding="utf-8")
        open_page(page, f"{origin}/partner.html")
        answer = ask(page, ASHCOMBE_HUB)
        assert answer.get_attribute("data-state") == "answered"
        assert "March 2023" in answer.inner_text()
        assert page.locator("aqa-chat h2").inner_text() == "Ask CQC reports"

        # The shared server allows only http://allowed.example: the widget says so, it does not hang.
        open_page(page, f"{origin}/refused.html")
        refused = ask(page, ASHCOMBE_HUB)
        assert refused.get_attribute("data-state") == "error"
        assert "Could not reach" in refused.inner_text()


def test_with_api_keys_on_the_widget_sends_its_key_and_shows_the_401_message_without_one(page, loaded):
    with serving(app_over(loaded, api_keys=["k1"])) as api:
        page.route(
            f"{api}/keyed.html",
            lambda route: route.fulfill(
                status=200, content_type="text/html", body=embedding_page("", 'api-key="k1"')
            ),
        )
        open_page(page, f"{api}/keyed.html")
        answer = ask(page, ASHCOMBE_HUB)
        assert answer.get_attribute("data-state") == "answered"
        assert "March 2023" in answer.inner_text()
        # The passage context comes from the documents route, which needs the key too.
        answer.locator("button.cite").first.press("Enter")
        page.locator("aqa-chat [role='dialog'] .context mark").wait_for()

        open_page(page, f"{api}/")  # the demo page: no key
        refused = ask(page, ASHCOMBE_HUB)
        assert refused.get_attribute("data-state") == "error"
        assert "An API key is required" in refused.inner_text()


def test_the_authority_attribute_limits_answers_to_the_authorities_it_names(page, api_url):
    page.route(
        f"{api_url}/lowbridge.html",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body=embedding_page("", 'authority="Lowbridge and Fenn"')
        ),
    )
    open_page(page, f"{api_url}/lowbridge.html")
    answer = ask(page, "When was the Joint Discharge Hub launched?")
    assert answer.get_attribute("data-state") == "answered"
    assert "October 2023" in answer.inner_text() and "March 2023" not in answer.inner_text()
    sources = answer.locator("ol.sources li").all_inner_texts()
    assert sources and all("Lowbridge and Fenn Council" in line for line in sources)
