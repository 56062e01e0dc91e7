/* assessment-qa chat widget: <aqa-chat endpoint="https://api.example" api-key="…" title="…" authority="A, B">
 * One dependency-free script. Every piece of document or model text is rendered as text nodes
 * (textContent / append(string)), never parsed as HTML. Events on the element for host pages:
 * "aqa-answer" (detail: the final answer object) and "aqa-error" (detail: {code, message}). */
(() => {
  "use strict";
  if (customElements.get("aqa-chat")) return;

  const NOT_IN_REPORTS = "Not in the reports";
  const IDLE_MS = 60000; // the server pings every 15 s, so a minute of silence means it is gone

  const CSS = `
:host { display: block; max-width: 42rem; font: 15px/1.5 system-ui, sans-serif; color: #1b1b1b; }
:host([hidden]) { display: none; }
.box { position: relative; border: 1px solid #b1b4b6; border-radius: 8px; background: #fff; display: flex; flex-direction: column; }
h2 { margin: 0; padding: .6rem .9rem; font-size: 1.05rem; border-bottom: 1px solid #e0e0e0; }
.log { min-height: 8rem; max-height: 28rem; overflow-y: auto; padding: .6rem .9rem; }
.empty { color: #505a5f; margin: .3rem 0; }
.q { margin: .8rem 0 .3rem; font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.a { margin: 0 0 .6rem; padding: .5rem .7rem; border-left: 4px solid #1d70b8; background: #f3f7fb; }
.a p { margin: 0; white-space: pre-wrap; }
.a[data-state="abstained"] { border-color: #6f777b; background: #f3f2f1; }
.a[data-state="error"] { border-color: #d4351c; background: #fdf1ef; }
.badge { display: inline-block; margin-bottom: .3rem; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: #fff; background: #6f777b; }
.a[data-state="error"] .badge { background: #d4351c; }
.note { margin-top: .3rem; font-size: .85rem; color: #505a5f; }
ol.sources { margin: .4rem 0 0; padding-left: 0; list-style: none; font-size: .9rem; }
ol.sources li { margin: .15rem 0; }
button { font: inherit; cursor: pointer; }
button.cite { padding: 0 .25rem; margin: 0 .1rem; border: 1px solid #1d70b8; border-radius: 3px; background: #fff; color: #1d70b8; font-size: .8rem; line-height: 1.3; vertical-align: super; }
button.source { border: 0; padding: 0; background: none; color: #1d70b8; text-align: left; text-decoration: underline; }
:is(button, input):focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
form { display: flex; flex-wrap: wrap; gap: .4rem; padding: .6rem .9rem; border-top: 1px solid #e0e0e0; }
label { flex-basis: 100%; font-weight: 600; font-size: .9rem; }
input { flex: 1; min-width: 0; padding: .4rem .5rem; font: inherit; border: 2px solid #0b0c0c; border-radius: 3px; }
button.send { padding: .4rem .9rem; border: 0; border-radius: 3px; background: #00703c; color: #fff; font-weight: 600; }
button.send[aria-disabled="true"] { background: #85994b; cursor: progress; }
.panel { position: relative; max-height: 24rem; overflow-y: auto; padding: .7rem .9rem; background: #fff; border-top: 3px solid #1d70b8; }
.panel[hidden] { display: none; }
.panel h3 { margin: 0 2.5rem .4rem 0; font-size: 1rem; }
.panel .close { position: absolute; top: .5rem; right: .6rem; border: 1px solid #505a5f; border-radius: 3px; background: #fff; padding: 0 .45rem; }
.panel dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; margin: 0 0 .5rem; font-size: .9rem; }
.panel dt { font-weight: 600; }
.panel dd { margin: 0; overflow-wrap: anywhere; }
blockquote { margin: 0; padding: .4rem .6rem; border-left: 4px solid #b1b4b6; background: #f8f8f8; white-space: pre-wrap; }
.context { margin-top: .5rem; font-size: .9rem; color: #505a5f; white-space: pre-wrap; }
mark { background: #fff2a8; color: #0b0c0c; }
`;

  /** createElement with a few attributes; children are nodes or strings (strings become text nodes). */
  function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
    node.append(...children.filter((c) => c != null && c !== false));
    return node;
  }

  /** Server-sent events from a fetch body: yields {event, data} (data parsed as JSON when it can be). */
  async function* readEvents(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    const parse = (block) => {
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue; // comments and pings
        const i = line.indexOf(":");
        const field = i < 0 ? line : line.slice(0, i);
        let value = i < 0 ? "" : line.slice(i + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      if (!data.length) return null;
      const raw = data.join("\n");
      try { return { event, data: JSON.parse(raw) }; } catch { return { event, data: raw }; }
    };
    try {
      for (;;) {
        let value, done;
        try {
          ({ value, done } = await reader.read());
        } catch {
          throw new Error("The connection to the service was lost before the answer was complete.");
        }
        buf += done ? decoder.decode() : decoder.decode(value, { stream: true });
        // Keep a trailing "\r": its "\n" may come in the next chunk.
        const tail = !done && buf.endsWith("\r") ? "\r" : "";
        const blocks = (tail ? buf.slice(0, -1) : buf).replace(/\r\n?/g, "\n").split("\n\n");
        buf = done ? "" : blocks.pop() + tail;
        for (const block of blocks) {
          const ev = parse(block);
          if (ev) yield ev;
        }
        if (done) return;
      }
    } finally {
      reader.cancel().catch(() => {}); // stop the body once we stop reading (after `done`, or on an error)
    }
  }

  class AqaChat extends HTMLElement {
    static get observedAttributes() { return ["title"]; }

    constructor() {
      super();
      this.history = [];
      this.busy = false;
      this.docs = new Map(); // document_id -> Promise<code points of the text>
      const root = this.attachShadow({ mode: "open" });
      const style = h("style");
      style.textContent = CSS;
      this.heading = h("h2", { id: "title" });
      this.log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-labelledby": "title", part: "log" },
        h("p", { class: "empty" }, "Ask a question about the local authority assessment reports. Answers cite the passages they come from."));
      this.input = h("input", { id: "q", type: "text", autocomplete: "off", maxlength: "2000" });
      this.send = h("button", { type: "submit", class: "send" }, "Send");
      this.form = h("form", {}, h("label", { for: "q" }, "Your question"), this.input, this.send);
      this.panel = h("section", { class: "panel", role: "dialog", "aria-labelledby": "panel-title", hidden: "" });
      root.append(style, h("div", { class: "box" }, this.heading, this.log, this.panel, this.form));
      this.form.addEventListener("submit", (e) => { e.preventDefault(); this.submit(); });
      root.addEventListener("keydown", (e) => {
        if (e.key === "Escape" && !this.panel.hidden) { e.preventDefault(); this.closePanel(); }
      });
    }

    connectedCallback() { this.attributeChangedCallback(); }
    attributeChangedCallback() { this.heading.textContent = this.getAttribute("title") || "Ask the assessment reports"; }

    get endpoint() { return (this.getAttribute("endpoint") || "").trim().replace(/\/+$/, ""); }

    submit() {
      const question = this.input.value.trim();
      if (!question || this.busy) return;
      this.input.value = "";
      this.ask(question);
    }

    async ask(question) {
      this.busy = true;
      this.send.setAttribute("aria-disabled", "true");
      this.log.querySelector(".empty")?.remove();
      const text = h("p", { "data-part": "text" });
      const answer = h("div", { class: "a", "data-state": "streaming", "aria-busy": "true" }, text);
      this.log.append(h("p", { class: "q" }, h("span", { class: "visually-hidden" }, "You asked: "), question), answer);
      this.scroll();
      const headers = { "Content-Type": "application/json", Accept: "text/event-stream" };
      const key = this.getAttribute("api-key");
      if (key) headers.Authorization = `Bearer ${key}`;
      const authorities = (this.getAttribute("authority") || "").split(",").map((s) => s.trim()).filter(Boolean);
      const body = { question, history: this.history, authorities, stream: true };
      const abort = new AbortController();
      let idle;
      const wake = () => { clearTimeout(idle); idle = setTimeout(() => abort.abort(), IDLE_MS); };
      try {
        wake();
        let res;
        try {
          res = await fetch(`${this.endpoint}/v1/ask`, { method: "POST", headers, body: JSON.stringify(body), signal: abort.signal });
        } catch (e) {
          if (abort.signal.aborted) throw e;
          throw new Error("Could not reach the assessment service (network error, or this page's origin is not allowed by the service).");
        }
        if (!res.ok) throw await httpError(res);
        let final = null;
        for await (const { event, data } of readEvents(res.body)) {
          wake();
          if (event === "token" && data && typeof data.text === "string") {
            text.append(data.text);
            this.scroll();
          } else if (event === "done") {
            final = data;
            break;
          } else if (event === "error") {
            throw Object.assign(new Error(data?.error?.message || "The service reported an error."), { code: data?.error?.code });
          }
        }
        if (!final || typeof final.answer !== "string") throw new Error("The answer stream ended before the answer was complete.");
        this.showAnswer(answer, text, final);
        this.history.push({ role: "user", content: question }, { role: "assistant", content: final.answer });
        this.dispatchEvent(new CustomEvent("aqa-answer", { detail: final, bubbles: true, composed: true }));
      } catch (e) {
        const message = abort.signal.aborted ? "The service stopped responding; please try again." : e.message || String(e);
        answer.dataset.state = "error";
        text.replaceChildren(message);
        answer.prepend(h("span", { class: "badge" }, "Error"));
        this.dispatchEvent(new CustomEvent("aqa-error", { detail: { code: e.code || "error", message }, bubbles: true, composed: true }));
      } finally {
        clearTimeout(idle);
        answer.setAttribute("aria-busy", "false");
        this.busy = false;
        this.send.removeAttribute("aria-disabled");
        this.scroll();
      }
    }

    showAnswer(answer, text, final) {
      const citations = Array.isArray(final.citations) ? final.citations : [];
      const byN = new Map(citations.map((c) => [Number(c.n), c]));
      if (final.abstained) {
        answer.dataset.state = "abstained";
        answer.classList.add("abstained");
        answer.prepend(h("span", { class: "badge" }, NOT_IN_REPORTS));
      } else {
        answer.dataset.state = "answered";
      }
      // The check may have removed streamed sentences: the final text replaces the streamed one.
      const parts = final.answer.split(/\[(\d+)\]/);
      text.replaceChildren(...parts.map((part, i) => {
        if (i % 2 === 0) return document.createTextNode(part);
        const c = byN.get(Number(part));
        return c ? this.citeButton(c, `[${c.n}]`, "cite") : document.createTextNode(`[${part}]`);
      }));
      if (citations.length) {
        answer.append(h("ol", { class: "sources", "aria-label": "Sources" }, ...citations.map((c) =>
          h("li", {}, this.citeButton(c, `${c.n}. ${[c.authority, c.quality_statement, c.section].filter(Boolean).join(" · ")}`, "source", false)))));
      }
      const removed = Array.isArray(final.removed) ? final.removed.filter((r) => r.action === "removed").length : 0;
      if (removed) answer.append(h("p", { class: "note" }, `${removed} sentence${removed > 1 ? "s" : ""} not supported by the cited passages ${removed > 1 ? "were" : "was"} removed.`));
    }

    citeButton(c, label, cls, labelled = true) {
      const name = `Citation ${c.n}: ${[c.authority, c.quality_statement].filter(Boolean).join(", ")}`;
      const b = h("button", { type: "button", class: cls, "aria-label": labelled ? name : null, "aria-haspopup": "dialog" }, label);
      b.addEventListener("click", () => this.openPanel(c, b));
      return b;
    }

    openPanel(c, opener) {
      this.opener = opener;
      const field = (term, value) => (value ? [h("dt", {}, term), h("dd", {}, String(value))] : []);
      const context = h("div", { class: "context", "aria-live": "polite" });
      const close = h("button", { type: "button", class: "close", "aria-label": "Close passage" }, "×");
      close.addEventListener("click", () => this.closePanel());
      this.panel.replaceChildren(
        h("h3", { id: "panel-title" }, `Passage [${c.n}]`), close,
        h("dl", {}, ...field("Authority", c.authority), ...field("Quality statement", c.quality_statement),
          ...field("Section", c.section), ...field("Source", c.source)),
        h("blockquote", { "data-part": "quote" }, String(c.quote ?? "")), context);
      this.panel.hidden = false;
      close.focus();
      this.loadContext(c, context);
    }

    closePanel() {
      this.panel.hidden = true;
      this.panel.replaceChildren();
      if (this.opener?.isConnected) this.opener.focus();
      this.opener = null;
    }

    /** The passage in its place in the document: Python offsets count code points, so slice code points. */
    async loadContext(c, into) {
      if (!c.document_id || !Number.isInteger(c.start) || !Number.isInteger(c.end)) return;
      try {
        if (!this.docs.has(c.document_id)) {
          const headers = {};
          const key = this.getAttribute("api-key");
          if (key) headers.Authorization = `Bearer ${key}`;
          this.docs.set(c.document_id, fetch(`${this.endpoint}/v1/documents/${encodeURIComponent(c.document_id)}`, { headers })
            .then(async (r) => { if (!r.ok) throw await httpError(r); return Array.from((await r.json()).text || ""); }));
        }
        const cps = await this.docs.get(c.document_id);
        const quote = cps.slice(c.start, c.end).join("");
        if (!quote || (c.quote && quote.trim() !== String(c.quote).trim())) return;
        // Up to 280 code points either side, cut at a space so no word is split.
        const before = c.start > 280 ? cps.slice(c.start - 280, c.start).join("").replace(/^\S*\s/, "") : cps.slice(0, c.start).join("");
        const after = c.end + 280 < cps.length ? cps.slice(c.end, c.end + 280).join("").replace(/\s\S*$/, "") : cps.slice(c.end).join("");
        if (!into.isConnected) return;
        into.replaceChildren(h("strong", {}, "In context: "), c.start > 280 ? "…" : "", before, h("mark", {}, quote), after,
          c.end + 280 < cps.length ? "…" : "");
      } catch {
        this.docs.delete(c.document_id); // context is optional; the quote is already shown
      }
    }

    scroll() { this.log.scrollTop = this.log.scrollHeight; }
  }

  async function httpError(res) {
    let message = "", code = `http_${res.status}`;
    try {
      const body = await res.json();
      message = body?.error?.message || "";
      code = body?.error?.code || code;
    } catch { /* not JSON */ }
    message ||= `The service answered ${res.status} ${res.statusText}`.trim() + ".";
    const retry = res.headers.get("Retry-After");
    if (retry && (res.status === 429 || res.status === 503)) message += ` Try again in ${retry} s.`;
    return Object.assign(new Error(message), { code });
  }

  customElements.define("aqa-chat", AqaChat);
})();
