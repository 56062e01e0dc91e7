"""The embeddable chat widget <aqa-chat>, driven in real headless Chromium against real API servers."""

from __future__ import annotations

import asyncio
import functools
import http.server
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests import browser as chromium
from tests.conftest import ROOT, app_over, build_components, settings_for
from tests.servers import serving

pytestmark = [pytest.mark.browser, pytest.mark.integration]

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
        b = chromium.launch(p)
        try:
            yield b
        finally:
            b.close()


def watched_page(context):  # noqa: ANN001, ANN201
    """A new page of `context` that records dialogs, console errors and uncaught exceptions."""
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
    return pg


@pytest.fixture
def page(browser):
    context = browser.new_context()
    try:
        yield watched_page(context)
    finally:
        context.close()


@pytest.fixture
def phone(browser):
    """A page 375 px wide, like a phone."""
    context = browser.new_context(
        viewport={"width": 375, "height": 667}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        yield watched_page(context)
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
    assert answer.locator("button.cite, button.source").count() == 0  # nothing to cite
    assert answer.get_by_role("button", name="Not helpful").is_visible()  # but it can be rated


def test_a_word_typed_with_a_slip_is_answered_as_read_and_the_answer_says_how_it_was_read(page, api_url):
    open_page(page, f"{api_url}/")
    answer = ask(page, "What did Northmere score for partnerships and comunities?")
    assert answer.locator("[data-part='read-as']").inner_text() == "Read “comunities” as “communities”."
    assert "scored 1" in answer.locator("[data-part='text']").inner_text()


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


# --- the widget's states (issue 13) -----------------------------------------------------------------

STOPPED_PIECES = 300


def sse(*events: tuple[str, object]) -> str:
    """A server-sent events body."""
    return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)


def rewrite_events(body: str, change) -> str:  # noqa: ANN001
    """The SSE `body` with each event's data passed through change(event, data)."""
    out = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        lines = block.split("\n")
        data = "\n".join(line[5:].lstrip() for line in lines if line.startswith("data:"))
        if data:
            event = next((line[6:].strip() for line in lines if line.startswith("event:")), "message")
            out.append((event, change(event, json.loads(data))))
    return sse(*out)


def rewriting_ask(page, api: str, change=lambda event, data: data, headers: dict | None = None) -> None:  # noqa: ANN001
    """Answer the page's /v1/ask from the real server, with its events changed and headers added."""

    def handle(route) -> None:  # noqa: ANN001
        real = route.fetch()
        kept = {k: v for k, v in real.headers.items() if k not in ("content-length", "transfer-encoding")}
        extra = {k.lower(): v for k, v in (headers or {}).items()}
        route.fulfill(status=real.status, headers={**kept, **extra}, body=rewrite_events(real.text(), change))

    page.route(f"{api}/v1/ask", handle)


def with_report_fields(event: str, data: object) -> object:
    """Adds the citation fields a report's metadata gives (title, published, url, page), invented for
    the fictional sample reports."""
    citations = data.get("citations") if isinstance(data, dict) else None
    for c in citations or []:
        slug = c["authority"].lower().replace(" ", "-")
        invented = {
            "title": f"{c['authority']}: local authority assessment",
            "published": ("2024-05-17", "2024-11-08", "2025-02-21")[len(c["authority"]) % 3],
            "url": f"https://reports.example/{slug}.pdf",
            "page": 2 + c["n"],
        }
        c.update({k: v for k, v in invented.items() if not c.get(k)})
    return data


def storage_key(page, api: str) -> str | None:  # noqa: ANN001
    return page.evaluate("(k) => sessionStorage.getItem(k)", f"aqa-chat:{api}")


def asked(page) -> list[dict]:  # noqa: ANN001
    """The bodies of the /v1/ask requests the page sends from now on."""
    bodies: list[dict] = []
    page.on("request", lambda r: bodies.append(r.post_data_json) if r.url.endswith("/v1/ask") else None)
    return bodies


@contextmanager
def slow_model(first_delay: float = 1.5, delay: float = 0.15) -> Iterator[tuple[str, dict]]:
    """A fake OpenAI-compatible chat model that waits, then streams a word every `delay` seconds;
    yields its base URL and what it saw (requests, pieces sent, whether it finished, when it closed)."""
    from starlette.applications import Starlette
    from starlette.responses import StreamingResponse
    from starlette.routing import Route

    seen: dict = {"requests": 0, "sent": 0, "finished": False, "closed": threading.Event()}

    async def chat(request):  # noqa: ANN001, ANN202
        model = (await request.json()).get("model", "slow")
        seen["requests"] += 1

        async def stream() -> Iterator[str]:
            try:
                await asyncio.sleep(first_delay)
                for i in range(STOPPED_PIECES):
                    chunk = {
                        "id": "chatcmpl-slow",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": model,
                        "choices": [{"index": 0, "delta": {"content": f"draft{i} "}, "finish_reason": None}],
                    }
                    yield f"data: {json.dumps(chunk)}\n\n"
                    seen["sent"] += 1
                    await asyncio.sleep(delay)
                yield "data: [DONE]\n\n"
                seen["finished"] = True
            finally:
                seen["closed"].set()

        return StreamingResponse(stream(), media_type="text/event-stream")

    app = Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])
    with serving(app) as url:
        yield f"{url}/v1", seen


def test_while_it_searches_the_widget_says_so_and_stop_cancels_the_answer_and_its_generation(page, loaded):
    from playwright.sync_api import expect

    slow_app = functools.partial(app_over, loaded, llm="openai", llm_model="slow")
    with slow_model() as (model_url, seen), serving(slow_app(llm_base_url=model_url)) as api:
        held: list = []  # the question waits here, as if the search were slow, until it is let through
        page.route(f"{api}/v1/ask", lambda route: held.append(route))
        open_page(page, f"{api}/")
        page.locator("aqa-chat input").focus()
        page.keyboard.type(ASHCOMBE_HUB)
        page.keyboard.press("Enter")

        answer = page.locator("aqa-chat .a").first
        expect(answer.locator(".pending")).to_have_text("Searching the reports…")
        assert (
            answer.get_attribute("data-state") == "streaming" and answer.get_attribute("aria-busy") == "true"
        )
        expect(page.locator("aqa-chat [role='status']").first).to_have_text("Searching the reports…")
        stop = page.get_by_role("button", name="Stop answering")
        assert stop.is_visible() and not page.locator("aqa-chat button.send:not(.stop)").is_visible()
        spinner = answer.locator(".spinner")
        assert spinner.evaluate("el => getComputedStyle(el).animationName") == "aqa-spin"
        page.emulate_media(reduced_motion="reduce")
        assert spinner.evaluate("el => getComputedStyle(el).animationName") == "none"

        # Passages found, the draft streams in; Stop is one Tab from the question box.
        expect(answer.locator(".pending")).to_have_text("Searching the reports…")
        held[0].continue_()
        expect(answer.locator(".pending")).to_have_text("Writing the answer…")
        expect(answer.locator("[data-part='text']")).to_contain_text("draft0", timeout=ANSWER_TIMEOUT)
        assert shadow_active(page)["id"] == "q"
        page.keyboard.press("Tab")
        assert shadow_active(page)["label"] == "Stop answering"
        page.keyboard.press("Enter")

        expect(answer).to_have_attribute("data-state", "stopped")
        assert answer.locator(".badge").inner_text().lower() == "stopped"
        assert "draft0" not in answer.inner_text()  # an unchecked draft does not stay on screen
        assert answer.get_by_role("button", name=f"Retry: {ASHCOMBE_HUB}").is_visible()
        assert shadow_active(page)["id"] == "q"  # focus is back in the question box
        assert page.locator("aqa-chat .q").all_inner_texts()[0].endswith(ASHCOMBE_HUB)
        assert page.locator("aqa-chat button.send:not(.stop)").is_visible() and not stop.is_visible()
        assert page.locator("aqa-chat [role='status']").first.text_content() == "Stopped."

        # Closing the stream stopped the generation: the model's stream was cut, and counted.
        assert seen["closed"].wait(30), "the model's stream was never closed"
        assert seen["requests"] == 1 and not seen["finished"] and seen["sent"] < STOPPED_PIECES
        deadline = time.monotonic() + 30
        while "aqa_generations_cancelled_total 1.0" not in httpx.get(f"{api}/metrics").text:
            assert time.monotonic() < deadline, "the server did not count the stopped generation"
            time.sleep(0.1)
        assert storage_key(page, api) is None  # a stopped answer is not kept
    assert not page.watched.page_errors and not page.watched.console_errors


def test_after_an_error_the_question_stays_and_retry_asks_it_again(page, api_url):
    from playwright.sync_api import expect

    calls: list[dict] = []

    def handle(route) -> None:  # noqa: ANN001
        calls.append(route.request.post_data_json)
        if len(calls) == 1:  # the API's JSON error
            route.fulfill(
                status=503,
                headers={"Retry-After": "2"},
                content_type="application/json",
                body=json.dumps({"error": {"code": "busy", "message": "Too many questions at once."}}),
            )
        elif len(calls) == 2:  # an error inside the stream
            route.fulfill(
                status=200,
                content_type="text/event-stream",
                body=sse(
                    ("citations", {"citations": []}),
                    (
                        "error",
                        {
                            "error": {
                                "code": "internal",
                                "message": "Something went wrong on the server; it has been logged.",
                            }
                        },
                    ),
                ),
            )
        else:
            route.continue_()

    page.route(f"{api_url}/v1/ask", handle)
    open_page(page, f"{api_url}/")
    answer = ask(page, ASHCOMBE_HUB)
    assert answer.get_attribute("data-state") == "error"
    assert (
        answer.locator("[data-part='text']").inner_text() == "Too many questions at once. Try again in 2 s."
    )
    assert page.locator("aqa-chat .q").all_inner_texts()[0].endswith(ASHCOMBE_HUB)  # the question stays

    # Keyboard: Shift+Tab from the question box reaches Retry; focus returns to the question box.
    retry = f"Retry: {ASHCOMBE_HUB}"
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        if shadow_active(page).get("label") == retry:
            break
    else:
        pytest.fail("no Retry button")
    page.keyboard.press("Enter")
    assert shadow_active(page)["id"] == "q"
    expect(answer.locator("[data-part='text']")).to_have_text(
        "Something went wrong on the server; it has been logged."
    )
    assert answer.get_attribute("data-state") == "error"

    answer.get_by_role("button", name=retry).click()
    expect(answer).to_have_attribute("data-state", "answered")
    assert "March 2023" in answer.inner_text()
    # Retried in place: one question, one answer, asked three times with the same body.
    assert page.locator("aqa-chat .q").count() == 1 and page.locator("aqa-chat .a").count() == 1
    assert len(calls) == 3 and all(c["question"] == ASHCOMBE_HUB and c["history"] == [] for c in calls)
    assert not page.watched.page_errors


def plain_text_of(final: dict) -> str:
    return final["answer"].strip() + "\n\nSources:\n"


def test_copy_puts_the_answer_with_its_numbered_sources_on_the_clipboard(browser, api_url):
    from playwright.sync_api import expect

    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=api_url)
    try:
        page = watched_page(context)
        open_page(page, f"{api_url}/")
        page.evaluate(CAPTURE_ANSWERS)
        answer = ask(page, ASHCOMBE_HUB)
        final = page.evaluate("window.__aqaAnswers")[0]
        answer.get_by_role("button", name="Copy answer with sources").click()
        expect(answer.locator(".said")).to_have_text("Copied.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(plain_text_of(final))
        lines = copied.split("Sources:\n", 1)[1].splitlines()
        assert len(lines) == len(final["citations"])
        for line, c in zip(lines, final["citations"], strict=True):
            assert line.startswith(f"[{c['n']}] ") and c["authority"] in line
            assert f" — {c['quality_statement']} — {c['section']}" in line

        # Without the Clipboard API (an insecure origin, an old browser): a selected textarea and execCommand.
        fallback = watched_page(context)
        fallback.add_init_script("""
          Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
          window.__copied = [];
          const exec = document.execCommand.bind(document);
          document.execCommand = (command, ...rest) => {
            const el = document.querySelector('aqa-chat').shadowRoot.activeElement;
            if (command === 'copy') window.__copied.push(el && el.value);
            return exec(command, ...rest);
          };
        """)
        open_page(fallback, f"{api_url}/")
        again = ask(fallback, ASHCOMBE_HUB)
        again.get_by_role("button", name="Copy answer with sources").click()
        expect(again.locator(".said")).to_have_text("Copied.")
        assert fallback.evaluate("window.__copied") == [copied]
        assert (
            fallback.evaluate(
                "() => document.querySelector('aqa-chat').shadowRoot.querySelectorAll('textarea[readonly]').length"
            )
            == 0
        )
        assert not page.watched.page_errors and not fallback.watched.page_errors
    finally:
        context.close()


def test_new_chat_clears_the_conversation_and_its_stored_copy(page, api_url):
    open_page(page, f"{api_url}/")
    ask(page, ASHCOMBE_HUB)
    assert storage_key(page, api_url) is not None
    page.get_by_role("button", name="New chat").click()
    assert page.locator("aqa-chat .q").count() == 0 and page.locator("aqa-chat .empty").is_visible()
    assert storage_key(page, api_url) is None
    assert shadow_active(page)["id"] == "q"

    bodies = asked(page)
    answer = ask(page, "When did Lowbridge and Fenn launch its Joint Discharge Hub?")
    assert "October 2023" in answer.inner_text()
    assert bodies[-1]["history"] == []  # the old conversation is not sent either
    page.reload()
    open_page(page, f"{api_url}/")
    assert page.locator("aqa-chat .q").count() == 1


def test_the_conversation_survives_a_reload_and_follow_ups_still_carry_it(page, api_url):
    open_page(page, f"{api_url}/")
    first = ask(page, ASHCOMBE_HUB)
    sources = first.locator("ol.sources li").count()
    text = first.locator("[data-part='text']").inner_text()

    page.reload()
    open_page(page, f"{api_url}/")
    restored = finished(page).first
    assert page.locator("aqa-chat .q").all_inner_texts()[0].endswith(ASHCOMBE_HUB)
    assert restored.get_attribute("data-state") == "answered"
    assert restored.locator("[data-part='text']").inner_text() == text
    assert restored.locator("ol.sources li").count() == sources
    restored.locator("button.cite").first.click()  # its citations still open their passages
    page.locator("aqa-chat [role='dialog'] .context mark").wait_for()
    page.keyboard.press("Escape")

    bodies = asked(page)
    second = ask(page, "And Lowbridge and Fenn?")
    assert "October 2023" in second.inner_text()
    assert bodies[-1]["history"] == [
        {"role": "user", "content": ASHCOMBE_HUB},
        {"role": "assistant", "content": text},
    ]

    # Kept per endpoint: a widget for another endpoint on the same page origin starts empty.
    page.route(
        f"{api_url}/other.html",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body=(
                '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other</title><link rel="icon" href="data:,">'
                '<script src="/widget.js" defer></script></head><body>'
                '<aqa-chat endpoint="http://127.0.0.1:9"></aqa-chat></body></html>'
            ),
        ),
    )
    open_page(page, f"{api_url}/other.html")
    assert page.locator("aqa-chat .q").count() == 0 and page.locator("aqa-chat .empty").is_visible()
    assert not page.watched.page_errors and not page.watched.console_errors


def test_thumbs_up_and_down_post_feedback_with_the_answers_request_id(page, api_url):
    from playwright.sync_api import expect

    posted: list[dict] = []
    status = {"code": 201}

    def feedback(route) -> None:  # noqa: ANN001
        posted.append(route.request.post_data_json)
        if status["code"] == 201:
            route.fulfill(status=201, content_type="application/json", body='{"ok": true}')
        else:  # the route does not exist on this server
            route.fulfill(
                status=404,
                content_type="application/json",
                body=json.dumps({"error": {"code": "not_found", "message": "Not Found"}}),
            )

    # The real route takes what the widget sends.
    open_page(page, f"{api_url}/")
    real = ask(page, ASHCOMBE_HUB)
    with page.expect_response(f"{api_url}/v1/feedback") as response:
        real.get_by_role("button", name="Helpful", exact=True).click()
    assert response.value.status == 201, response.value.text()
    expect(real.locator(".said")).to_have_text("Thanks for your feedback.")
    page.get_by_role("button", name="New chat").click()

    # The request id from the X-Request-ID header (when `done` does not carry one).
    def without_id(event: str, data: dict) -> dict:
        return {k: v for k, v in data.items() if k != "request_id"} if event == "done" else data

    page.route(f"{api_url}/v1/feedback", feedback)
    rewriting_ask(page, api_url, without_id, headers={"X-Request-ID": "req-7f3a"})
    page.evaluate(CAPTURE_ANSWERS)
    answer = ask(page, ASHCOMBE_HUB)
    final = page.evaluate("window.__aqaAnswers")[0]
    sent = {"request_id": "req-7f3a", "question": ASHCOMBE_HUB, "answer": final["answer"]}
    up = answer.get_by_role("button", name="Helpful", exact=True)
    down = answer.get_by_role("button", name="Not helpful", exact=True)
    said = answer.locator(".said")

    up.click()
    expect(said).to_have_text("Thanks for your feedback.")
    assert posted == [{**sent, "rating": "up"}]
    assert up.get_attribute("aria-pressed") == "true" and down.get_attribute("aria-pressed") == "false"

    down.click()
    expect(down).to_have_attribute("aria-pressed", "true")
    reason = answer.get_by_label("What made it helpful or not? (optional)")
    reason.fill("It did not say which hub.")
    answer.get_by_role("button", name="Send reason").click()
    expect(said).to_have_text("Thanks: your reason was sent.")
    assert posted[1:] == [
        {**sent, "rating": "down"},
        {**sent, "rating": "down", "reason": "It did not say which hub."},
    ]
    assert not reason.is_visible()

    # A server without the route: a quiet note, the rating stays as it was, nothing breaks.
    status["code"] = 404
    up.click()
    expect(said).to_have_text("Could not send feedback.")
    assert up.get_attribute("aria-pressed") == "false" and down.get_attribute("aria-pressed") == "true"
    assert len(posted) == 4 and not page.watched.page_errors
    page.reload()
    open_page(page, f"{api_url}/")  # the rating is kept with the conversation
    assert (
        finished(page)
        .first.get_by_role("button", name="Not helpful", exact=True)
        .get_attribute("aria-pressed")
        == "true"
    )


CARD_CITATIONS = [  # fictional authorities; the fields a report's metadata adds, or not
    {
        "n": 1,
        "chunk_id": "c1",
        "document_id": "doc-ashcombe",
        "source": "ashcombe_vale.pdf",
        "authority": "Ashcombe Vale Council",
        "quality_statement": "Safeguarding",
        "section": "Key findings for this quality statement",
        "quote": "The Joint Discharge Hub opened in March 2023.",
        "start": 0,
        "end": 45,
        "title": "Ashcombe Vale Council: local authority assessment",
        "published": "2024-05-17",
        "url": "https://reports.example/ashcombe-vale.pdf",
        "page": 12,
    },
    {
        "n": 2,
        "chunk_id": "c2",
        "document_id": "doc-lowbridge",
        "source": "lowbridge.txt",
        "authority": "Lowbridge and Fenn Council",
        "quality_statement": "Care provision, integration and continuity",
        "section": "Partnership working",
        "quote": "Partners told us the hub worked well.",
        "start": 0,
        "end": 37,
        "title": f"Annual report {XSS}",
        "published": "2024-11-08T09:30:00Z",
        "url": "javascript:alert(1)",
        "page": 0,
    },
    {
        "n": 3,
        "chunk_id": "c3",
        "document_id": "doc-brackenholt",
        "source": "brackenholt.txt",
        "authority": "Brackenholt Metropolitan Borough Council",
        "quality_statement": "Assessing needs",
        "section": "Key findings for this quality statement",
        "quote": "Waiting lists for assessments were long.",
        "start": 0,
        "end": 40,
    },
]


def test_source_cards_show_title_publication_date_page_and_a_safe_link_when_citations_have_them(
    page, api_url
):
    from playwright.sync_api import expect

    done = {
        "answer": "The hub opened in March 2023 [1]. Partners said it worked well [2], though waits were long [3].",
        "abstained": False,
        "citations": CARD_CITATIONS,
        "removed": [],
        "request_id": "req-from-done",
    }
    page.route(
        f"{api_url}/v1/ask",
        lambda route: route.fulfill(
            status=200,
            content_type="text/event-stream",
            body=sse(
                ("citations", {"citations": CARD_CITATIONS}),
                ("token", {"text": "The hub opened"}),
                ("done", done),
            ),
        ),
    )
    posted: list[dict] = []
    page.route(
        f"{api_url}/v1/feedback",
        lambda route: (posted.append(route.request.post_data_json), route.fulfill(status=201, body="{}")),
    )
    open_page(page, f"{api_url}/")
    answer = ask(page, "When did the hub open?")
    cards = answer.locator("ol.sources li")
    assert cards.count() == 3

    first = cards.nth(0)
    assert first.get_by_role("button").get_attribute("aria-haspopup") == "dialog"
    expect(
        first.get_by_role("button", name="Source 1: Ashcombe Vale Council: local authority assessment")
    ).to_be_visible()
    assert first.locator(".meta").inner_text() == (
        "Safeguarding — Key findings for this quality statement — published 17 May 2024 — page 12 — Open report"
    )
    link = first.get_by_role("link")
    # A PDF opens at the page.
    assert link.get_attribute("href") == "https://reports.example/ashcombe-vale.pdf#page=12"
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"

    # A title that is not the authority's name, with markup; a javascript: URL; no page.
    second = cards.nth(1)
    expect(second.get_by_role("button", name=f"Source 2: Annual report {XSS}")).to_be_visible()
    assert second.locator(".meta").inner_text() == (
        "Lowbridge and Fenn Council — Care provision, integration and continuity — Partnership working — published 8 November 2024"
    )
    assert second.locator("a").count() == 0

    third = cards.nth(2)  # none of the new fields: what citations had before
    expect(
        third.get_by_role("button", name="Source 3: Brackenholt Metropolitan Borough Council")
    ).to_be_visible()
    assert third.locator(".meta").inner_text() == "Assessing needs — Key findings for this quality statement"

    first.get_by_role("button").click()
    panel = page.locator("aqa-chat [role='dialog']")
    details = panel.locator("dl").inner_text()
    assert (
        "17 May 2024" in details
        and "Ashcombe Vale Council: local authority assessment" in details
        and "12" in details
    )
    assert panel.get_by_role("link").get_attribute("rel") == "noopener noreferrer"
    page.keyboard.press("Escape")

    answer.get_by_role("button", name="Helpful", exact=True).click()  # the request id can come in `done`
    expect(answer.locator(".said")).to_have_text("Thanks for your feedback.")
    assert posted[0]["request_id"] == "req-from-done"
    page.wait_for_timeout(200)
    assert (
        page.evaluate("() => document.querySelector('aqa-chat').shadowRoot.querySelectorAll('img').length")
        == 0
    )
    assert page.watched.dialogs == [] and not page.watched.page_errors


def test_on_a_phone_the_chat_opens_from_a_launcher_button_without_scrolling(phone, api_url):
    from playwright.sync_api import expect

    open_page(phone, f"{api_url}/")
    launcher = phone.get_by_role("button", name="Open chat: Ask the assessment reports")
    expect(launcher).to_be_visible()
    box = launcher.bounding_box()
    assert (
        phone.evaluate("scrollY") == 0 and box["y"] + box["height"] <= 667 and box["x"] + box["width"] <= 375
    )
    chat = phone.locator("aqa-chat .box")
    assert not chat.is_visible() and launcher.get_attribute("aria-expanded") == "false"

    launcher.focus()
    phone.keyboard.press("Enter")
    expect(chat).to_be_visible()
    assert chat.bounding_box() == {"x": 0, "y": 0, "width": 375, "height": 667}  # the whole screen
    assert chat.get_attribute("role") == "dialog" and chat.get_attribute("aria-modal") == "true"
    assert shadow_active(phone)["id"] == "q"
    answer = ask(phone, ASHCOMBE_HUB)
    assert answer.get_attribute("data-state") == "answered" and answer.locator("ol.sources li").count() >= 1
    # Nothing sticks out sideways.
    assert phone.locator("aqa-chat .log").evaluate("el => el.scrollWidth <= el.clientWidth")

    inside = "() => { const r = document.querySelector('aqa-chat').shadowRoot; return r.querySelector('.box').contains(r.activeElement); }"
    for _ in range(40):  # Tab and Shift+Tab stay inside the open chat
        phone.keyboard.press("Tab")
        assert phone.evaluate(inside)
    for _ in range(5):
        phone.keyboard.press("Shift+Tab")
        assert phone.evaluate(inside)
    phone.keyboard.press("Escape")
    expect(chat).to_be_hidden()
    assert shadow_active(phone)["label"] == "Open chat: Ask the assessment reports"

    # Reopened after a reload, with the conversation.
    launcher.click()
    phone.reload()
    open_page(phone, f"{api_url}/")
    expect(chat).to_be_visible()
    assert phone.locator("aqa-chat .q").count() == 1
    phone.get_by_role("button", name="Close chat").click()
    expect(chat).to_be_hidden()

    # Wider than 480 px it is inline again; mode="launcher" asks for the launcher at any width,
    # mode="inline" for the inline chat at any width.
    phone.set_viewport_size({"width": 1024, "height": 768})
    expect(chat).to_be_visible()
    expect(launcher).to_be_hidden()
    assert chat.get_attribute("role") is None
    phone.locator("aqa-chat").evaluate("el => el.setAttribute('mode', 'launcher')")
    expect(launcher).to_be_visible()
    phone.set_viewport_size({"width": 375, "height": 667})
    phone.locator("aqa-chat").evaluate("el => el.setAttribute('mode', 'inline')")
    expect(launcher).to_be_hidden()
    expect(chat).to_be_visible()
    assert not phone.watched.page_errors and not phone.watched.console_errors


SCREENSHOTS = ROOT / "docs" / "screenshots"


def test_screenshots_of_the_widget_answering_with_source_cards(browser, api_url, tmp_path):
    """Writes widget-1280.png and widget-375.png (to docs/screenshots with AQA_SCREENSHOTS=1)."""
    from playwright.sync_api import expect

    for width, height, scale in ((1280, 900, 1), (375, 740, 2)):
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
        try:
            page = watched_page(context)
            rewriting_ask(page, api_url, with_report_fields)
            open_page(page, f"{api_url}/")
            if width < 480:
                page.get_by_role("button", name="Open chat: Ask the assessment reports").click()
            answer = ask(page, "Which councils have a Joint Discharge Hub?")
            expect(answer.locator("ol.sources a").first).to_be_visible()
            assert answer.locator("ol.sources li").count() >= 2
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.locator("aqa-chat input").blur()
            shot = tmp_path / f"widget-{width}.png"
            page.screenshot(path=str(shot), full_page=width >= 480)
            if os.environ.get("AQA_SCREENSHOTS"):
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                shutil.copy(shot, SCREENSHOTS / shot.name)
            assert not page.watched.page_errors and not page.watched.console_errors
        finally:
            context.close()
