/* assessment-qa chat widget:
 *   <aqa-chat endpoint="https://api.example" api-key="…" title="…" authority="A, B" mode="launcher|inline">
 * One dependency-free script. Every piece of document or model text is rendered as text nodes
 * (textContent / append(string)), never parsed as HTML; icons are SVG built node by node.
 * Events on the element for host pages: "aqa-answer" (detail: the final answer object),
 * "aqa-error" (detail: {code, message}) and "aqa-feedback" (detail: the feedback sent).
 * The conversation is kept in sessionStorage per endpoint; below 480 px wide (or with
 * mode="launcher") the chat opens from a round button at the bottom right. */
(() => {
  "use strict";
  if (customElements.get("aqa-chat")) return;

  const NOT_IN_REPORTS = "Not in the reports";
  const SEARCHING = "Searching the reports…", WRITING = "Writing the answer…";
  const IDLE_MS = 60000; // the server pings every 15 s, so a minute of silence means it is gone
  const STORE_VERSION = 1;
  const MAX_KEPT_TURNS = 30; // answers kept in sessionStorage
  // What one request may carry as history (the server's defaults: AQA_MAX_HISTORY_*).
  const HISTORY_TURNS = 20, HISTORY_CHARS = 8000, TURN_CHARS = 2000;
  const NARROW = "(max-width: 479.98px)";
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  const ICONS = {
    chat: "M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2z",
    up: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    down: "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z",
    copy: "M16 1H4c-1.1 0-2 .9-2 2v14h2V3h12V1zm3 4H8c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h11c1.1 0 2-.9 2-2V7c0-1.1-.9-2-2-2zm0 16H8V7h11v14z",
    stop: "M6 6h12v12H6z",
    retry: "M17.65 6.35A7.96 7.96 0 0 0 12 4a8 8 0 1 0 7.73 10h-2.08A6 6 0 1 1 12 6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z",
  };

  const CSS = `
:host { display: block; max-width: 42rem; font: 15px/1.5 system-ui, sans-serif; color: #1b1b1b; }
:host([hidden]), [hidden] { display: none !important; }
* { box-sizing: border-box; }
.box { position: relative; border: 1px solid #b1b4b6; border-radius: 8px; background: #fff; display: flex; flex-direction: column; }
header { display: flex; align-items: center; gap: .5rem; padding: .5rem .6rem .5rem .9rem; border-bottom: 1px solid #e0e0e0; }
h2 { flex: 1; margin: 0; font-size: 1.05rem; }
button.tool { display: inline-flex; align-items: center; justify-content: center; gap: .3rem; min-height: 2.2rem; min-width: 2.4rem; padding: .2rem .6rem; border: 1px solid #505a5f; border-radius: 4px; background: #fff; color: #0b0c0c; font-size: .85rem; }
button.tool:hover { background: #f3f2f1; }
button.tool[aria-pressed="true"] { border-color: #1d70b8; background: #1d70b8; color: #fff; }
svg { width: 1.05em; height: 1.05em; flex: none; }
.log { position: relative; min-height: 8rem; max-height: 28rem; overflow-y: auto; padding: .6rem .9rem; }
.empty { color: #505a5f; margin: .3rem 0; }
.q { margin: .8rem 0 .3rem; font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.a { margin: 0 0 .6rem; padding: .5rem .7rem; border-left: 4px solid #1d70b8; background: #f3f7fb; }
.a p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.a[data-state="streaming"] p[data-part="text"]:empty { display: none; }
.a[data-state="streaming"] p[data-part="text"]:not(:empty) + .pending { margin-top: .3rem; }
.a[data-state="abstained"] { border-color: #6f777b; background: #f3f2f1; }
.a[data-state="error"] { border-color: #d4351c; background: #fdf1ef; }
.a[data-state="stopped"] { border-color: #6f777b; background: #f3f2f1; }
.badge { display: inline-block; margin-bottom: .3rem; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: #fff; background: #505a5f; }
.a[data-state="error"] .badge { background: #d4351c; }
.note { margin-top: .3rem; font-size: .85rem; color: #505a5f; }
.pending { display: flex; align-items: center; gap: .5rem; color: #505a5f; }
.spinner { display: inline-block; width: 1rem; height: 1rem; flex: none; border: 2px solid #b1b4b6; border-top-color: #1d70b8; border-radius: 50%; animation: aqa-spin .8s linear infinite; }
@keyframes aqa-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; border-color: #1d70b8 #b1b4b6 #b1b4b6 #1d70b8; } }
ol.sources { margin: .5rem 0 0; padding: 0; list-style: none; font-size: .9rem; display: grid; gap: .35rem; }
li.card { display: flex; gap: .5rem; padding: .35rem .5rem; border: 1px solid #d8dde0; border-radius: 4px; background: #fff; }
.n { flex: none; min-width: 1.5rem; height: 1.5rem; padding: 0 .3rem; border-radius: 3px; background: #1d70b8; color: #fff; font-size: .8rem; font-weight: 700; line-height: 1.5rem; text-align: center; }
.card-body { min-width: 0; }
.nowrap { white-space: nowrap; }
.meta { color: #505a5f; font-size: .85rem; overflow-wrap: anywhere; }
a { color: #1d70b8; }
a:visited { color: #4c2c92; }
button { font: inherit; cursor: pointer; }
button.cite { position: relative; top: -.35em; padding: 0 .25rem; margin: 0 .1rem; border: 1px solid #1d70b8; border-radius: 3px; background: #fff; color: #1d70b8; font-size: .8rem; line-height: 1.3; }
button.source { border: 0; padding: 0; background: none; color: #1d70b8; font-weight: 600; text-align: left; text-decoration: underline; overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin-top: .5rem; }
.rate { display: inline-flex; gap: .3rem; }
.said { font-size: .85rem; color: #505a5f; }
form.reason { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .4rem; }
form.reason label { flex-basis: 100%; font-size: .85rem; font-weight: 600; }
textarea { flex: 1 1 12rem; min-height: 2.6rem; padding: .3rem .4rem; font: inherit; font-size: .9rem; border: 2px solid #0b0c0c; border-radius: 3px; resize: vertical; }
:is(button, input, textarea, a):focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
form.ask { display: flex; flex-wrap: wrap; gap: .4rem; padding: .6rem .9rem; border-top: 1px solid #e0e0e0; }
form.ask label { flex-basis: 100%; font-weight: 600; font-size: .9rem; }
input { flex: 1; min-width: 0; padding: .4rem .5rem; font: inherit; border: 2px solid #0b0c0c; border-radius: 3px; }
button.send { padding: .4rem .9rem; border: 0; border-radius: 3px; background: #00703c; color: #fff; font-weight: 600; }
button.send.stop { display: inline-flex; align-items: center; gap: .3rem; background: #0b0c0c; }
.panel { position: relative; max-height: 24rem; overflow-y: auto; padding: .7rem .9rem; background: #fff; border-top: 3px solid #1d70b8; }
.panel h3 { margin: 0 2.5rem .4rem 0; font-size: 1rem; }
.panel .close { position: absolute; top: .5rem; right: .6rem; border: 1px solid #505a5f; border-radius: 3px; background: #fff; padding: 0 .45rem; }
.panel dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; margin: 0 0 .5rem; font-size: .9rem; }
.panel dt { font-weight: 600; }
.panel dd { margin: 0; overflow-wrap: anywhere; }
blockquote { margin: 0; padding: .4rem .6rem; border-left: 4px solid #b1b4b6; background: #f8f8f8; white-space: pre-wrap; }
.context { margin-top: .5rem; font-size: .9rem; color: #505a5f; white-space: pre-wrap; }
mark { background: #fff2a8; color: #0b0c0c; }
button.launcher { display: none; }
/* Launcher: a round button at the bottom right opens the chat as a full-height panel. */
.wrap.launcher button.launcher { display: flex; align-items: center; justify-content: center; position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483000; width: 3.5rem; height: 3.5rem; padding: 0; border: 0; border-radius: 50%; background: #1d70b8; color: #fff; box-shadow: 0 2px 6px rgba(0, 0, 0, .35); }
.wrap.launcher button.launcher svg { width: 1.6rem; height: 1.6rem; }
.wrap.launcher.open button.launcher, .wrap.launcher:not(.open) .box { display: none; }
.wrap.launcher .box { position: fixed; z-index: 2147483001; top: 0; right: 0; bottom: 0; width: min(28rem, 100vw); height: 100vh; height: 100dvh; border-radius: 0; border-width: 0 0 0 1px; box-shadow: -2px 0 8px rgba(0, 0, 0, .25); }
.wrap.launcher .log { flex: 1; max-height: none; }
.wrap.launcher .panel { flex: none; max-height: 45%; }
`;

  /** createElement with a few attributes; children are nodes or strings (strings become text nodes). */
  function h(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v != null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
    node.append(...children.filter((c) => c != null && c !== false));
    return node;
  }

  function icon(name) {
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.append(path);
    return svg;
  }

  /** "2024-05-17" (or a full ISO timestamp) -> "17 May 2024"; anything else as given. */
  function formatDate(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
    const month = m && MONTHS[Number(m[2]) - 1];
    return month && Number(m[3]) >= 1 && Number(m[3]) <= 31 ? `${Number(m[3])} ${month} ${m[1]}` : String(value);
  }

  /** An absolute http(s) URL for a citation (opened at its PDF page when it has one), or null. */
  function reportUrl(c) {
    if (typeof c.url !== "string" || !c.url) return null;
    let u;
    try { u = new URL(c.url); } catch { return null; }
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    if (validPage(c.page) && !u.hash && u.pathname.toLowerCase().endsWith(".pdf")) u.hash = `page=${c.page}`;
    return u.href;
  }

  const validPage = (p) => Number.isInteger(p) && p > 0;
  const text = (v) => (v == null ? "" : String(v)).trim();

  /** A citation's descriptive parts, in card order: [title or authority, ...rest]. */
  function describe(c) {
    const title = text(c.title), authority = text(c.authority);
    const head = title || authority || text(c.source) || "Source";
    const rest = [];
    if (title && authority && !title.toLowerCase().includes(authority.toLowerCase())) rest.push(authority);
    rest.push(text(c.quality_statement), text(c.section));
    if (text(c.published)) rest.push(`published ${formatDate(text(c.published))}`);
    if (validPage(c.page)) rest.push(`page ${c.page}`);
    return [head, ...rest.filter(Boolean)];
  }

  /** The answer with its numbered sources, as plain text for the clipboard. */
  function plainAnswer(final) {
    const lines = [final.answer.trim()];
    const citations = Array.isArray(final.citations) ? final.citations : [];
    if (citations.length) {
      lines.push("", "Sources:");
      for (const c of citations) {
        const url = reportUrl(c);
        lines.push(`[${c.n}] ${[...describe(c), url].filter(Boolean).join(" — ")}`);
      }
    }
    return lines.join("\n");
  }

  /** Server-sent events from a fetch body: yields {event, data} (data parsed as JSON when it can be). */
  async function* readEvents(body, signal) {
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
        } catch (e) {
          if (signal?.aborted) throw e;
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
      reader.cancel().catch(() => {}); // stop the body once we stop reading (after `done`, on an error or a Stop)
    }
  }

  class AqaChat extends HTMLElement {
    static get observedAttributes() { return ["title", "mode", "endpoint"]; }

    constructor() {
      super();
      this.turns = []; // finished answers: {question, final, rating}
      this.current = null; // the request in flight: {abort, stopped, turn}
      this.docs = new Map(); // document_id -> Promise<code points of the text>
      this.open = false;
      this.loadedKey = null;
      this.narrow = window.matchMedia(NARROW);
      this.onNarrow = () => this.applyMode();

      const root = this.attachShadow({ mode: "open" });
      const style = h("style");
      style.textContent = CSS;
      this.heading = h("h2", { id: "title" });
      this.newChat = h("button", { type: "button", class: "tool new", hidden: true }, "New chat"); // once there is a chat
      this.closeChat = h("button", { type: "button", class: "tool close-chat", "aria-label": "Close chat", hidden: true }, "×");
      this.log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-labelledby": "title", part: "log" });
      this.statusText = h("span", { class: "visually-hidden", role: "status" }); // what is happening, for screen readers
      this.input = h("input", { id: "q", type: "text", autocomplete: "off", maxlength: "2000" });
      this.send = h("button", { type: "submit", class: "send" }, "Send");
      // While an answer comes, Stop takes Send's place.
      this.stop = h("button", { type: "button", class: "send stop", "aria-label": "Stop answering", hidden: true }, icon("stop"), "Stop");
      this.form = h("form", { class: "ask" }, h("label", { for: "q" }, "Your question"), this.input, this.send, this.stop);
      this.panel = h("section", { class: "panel", role: "dialog", "aria-labelledby": "panel-title", hidden: true });
      this.box = h("div", { class: "box", id: "chat", part: "box" },
        h("header", {}, this.heading, this.newChat, this.closeChat), this.log, this.panel, this.form, this.statusText);
      this.launcher = h("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "chat" }, icon("chat"));
      this.wrap = h("div", { class: "wrap" }, this.box, this.launcher);
      root.append(style, this.wrap);
      this.showEmpty();

      this.form.addEventListener("submit", (e) => { e.preventDefault(); this.submit(); });
      this.stop.addEventListener("click", () => this.stopAnswer());
      this.newChat.addEventListener("click", () => this.clearConversation());
      this.launcher.addEventListener("click", () => this.setOpen(true));
      this.closeChat.addEventListener("click", () => this.setOpen(false));
      root.addEventListener("keydown", (e) => {
        if (e.key === "Escape" && !this.panel.hidden) { e.preventDefault(); this.closePanel(); }
        else if (e.key === "Escape" && this.isLauncher && this.open) { e.preventDefault(); this.setOpen(false); }
        else if (e.key === "Tab") this.trapFocus(e);
      });
    }

    connectedCallback() {
      this.narrow.addEventListener("change", this.onNarrow);
      this.attributeChangedCallback("title");
      this.loadConversation();
      this.applyMode();
    }

    disconnectedCallback() {
      this.narrow.removeEventListener("change", this.onNarrow);
      if (this.current) { this.current.discard = true; this.current.abort.abort(); } // taken off the page: stop quietly
    }

    attributeChangedCallback(name) {
      const title = this.getAttribute("title") || "Ask the assessment reports";
      this.heading.textContent = title;
      this.launcher.setAttribute("aria-label", `Open chat: ${title}`);
      if (!this.isConnected) return;
      if (name === "mode") this.applyMode();
      if (name === "endpoint") this.loadConversation();
    }

    get endpoint() { return (this.getAttribute("endpoint") || "").trim().replace(/\/+$/, ""); }
    get busy() { return this.current != null; }
    get isLauncher() {
      const mode = (this.getAttribute("mode") || "").trim().toLowerCase();
      return mode === "launcher" || (mode !== "inline" && this.narrow.matches);
    }

    headers(json) {
      const headers = json ? { "Content-Type": "application/json" } : {};
      const key = this.getAttribute("api-key");
      if (key) headers.Authorization = `Bearer ${key}`;
      return headers;
    }

    // --- launcher mode ----------------------------------------------------------------------------

    applyMode() {
      const launcher = this.isLauncher;
      this.wrap.classList.toggle("launcher", launcher);
      this.closeChat.hidden = !launcher;
      if (launcher) {
        this.box.setAttribute("role", "dialog");
        this.box.setAttribute("aria-labelledby", "title");
      } else {
        this.box.removeAttribute("role");
        this.box.removeAttribute("aria-labelledby");
        this.box.removeAttribute("aria-modal");
      }
      this.setOpen(this.open, false);
    }

    /** Open or close the launcher's panel; `focus` moves focus into it, or back to the button. */
    setOpen(open, focus = true) {
      this.open = open;
      this.wrap.classList.toggle("open", open);
      this.launcher.setAttribute("aria-expanded", String(open));
      // Narrow, the open panel covers the page: a modal dialog that keeps focus inside.
      if (this.isLauncher && open && this.narrow.matches) this.box.setAttribute("aria-modal", "true");
      else this.box.removeAttribute("aria-modal");
      this.saveConversation();
      if (!focus || !this.isLauncher) return;
      if (open) { this.input.focus(); this.scroll(); } else this.launcher.focus();
    }

    trapFocus(e) {
      if (this.box.getAttribute("aria-modal") !== "true") return;
      const all = [...this.box.querySelectorAll("button, input, textarea, a[href]")].filter((el) => el.getClientRects().length);
      if (!all.length) return;
      const active = this.shadowRoot.activeElement;
      if (e.shiftKey && (active === all[0] || !all.includes(active))) { e.preventDefault(); all[all.length - 1].focus(); }
      else if (!e.shiftKey && (active === all[all.length - 1] || !all.includes(active))) { e.preventDefault(); all[0].focus(); }
    }

    // --- conversation kept across reloads -----------------------------------------------------------

    get storageKey() { return `aqa-chat:${this.endpoint || location.origin}`; }

    loadConversation() {
      if (this.loadedKey === this.storageKey || this.busy) return;
      this.loadedKey = this.storageKey;
      this.turns = [];
      let saved = null;
      try { saved = JSON.parse(sessionStorage.getItem(this.storageKey) || "null"); } catch { /* storage off, or not ours */ }
      if (saved?.v === STORE_VERSION && Array.isArray(saved.turns)) {
        this.turns = saved.turns.filter((t) => t && typeof t.question === "string" && typeof t.final?.answer === "string");
        this.open = !!saved.open;
      }
      this.log.replaceChildren();
      if (!this.turns.length) this.showEmpty();
      for (const turn of this.turns) {
        const { answer } = this.addTurn(turn.question);
        this.showAnswer(answer, turn);
      }
      this.scroll();
    }

    saveConversation() {
      if (this.loadedKey !== this.storageKey) return;
      try {
        if (!this.turns.length && !this.open) { sessionStorage.removeItem(this.storageKey); return; }
        for (let keep = Math.min(this.turns.length, MAX_KEPT_TURNS); keep >= 0; keep = keep ? Math.floor(keep / 2) : -1) {
          try {
            const turns = this.turns.slice(this.turns.length - keep).map(({ question, final, rating }) => ({ question, final, rating }));
            sessionStorage.setItem(this.storageKey, JSON.stringify({ v: STORE_VERSION, open: this.open, turns }));
            return;
          } catch { /* over the quota: keep fewer */ }
        }
      } catch { /* no sessionStorage here: the conversation lasts as long as the page */ }
    }

    clearConversation() {
      if (this.current) { this.current.discard = true; this.current.abort.abort(); }
      this.turns = [];
      this.closePanel(false);
      this.log.replaceChildren();
      this.showEmpty();
      try { sessionStorage.removeItem(this.storageKey); } catch { /* nothing kept */ }
      this.saveConversation();
      this.say("New chat started.");
      this.input.focus();
    }

    showEmpty() {
      this.newChat.hidden = true;
      this.log.append(h("p", { class: "empty" }, "Ask a question about the local authority assessment reports. Answers cite the passages they come from."));
    }

    /** The latest turns of the conversation that fit the server's history limits. */
    history() {
      const out = [];
      let chars = 0;
      for (let i = this.turns.length - 1; i >= 0; i--) {
        const pair = [
          { role: "user", content: this.turns[i].question.slice(0, TURN_CHARS) },
          { role: "assistant", content: this.turns[i].final.answer.slice(0, TURN_CHARS) },
        ];
        const size = pair[0].content.length + pair[1].content.length;
        if (out.length + 2 > HISTORY_TURNS || chars + size > HISTORY_CHARS) break;
        out.unshift(...pair);
        chars += size;
      }
      return out;
    }

    // --- asking -----------------------------------------------------------------------------------

    submit() {
      const question = this.input.value.trim();
      if (!question || this.busy) return;
      this.input.value = "";
      this.ask(question);
    }

    addTurn(question) {
      this.log.querySelector(".empty")?.remove();
      this.newChat.hidden = false;
      const answer = h("div", { class: "a" });
      const turn = h("div", { class: "turn" }, h("p", { class: "q" }, h("span", { class: "visually-hidden" }, "You asked: "), question), answer);
      this.log.append(turn);
      return { turn, answer };
    }

    say(message) { this.statusText.textContent = message; }

    setBusy(busy) {
      const active = this.shadowRoot.activeElement;
      this.send.hidden = busy;
      this.stop.hidden = !busy;
      // The button that had focus is gone: its replacement takes it.
      if (busy && active === this.send) this.stop.focus();
      else if (!busy && active === this.stop) this.input.focus();
    }

    /** Ask `question`; `answer` is an existing answer element to reuse (Retry). */
    async ask(question, answer = null) {
      if (this.busy) return;
      if (!answer) ({ answer } = this.addTurn(question));
      answer.replaceChildren();
      answer.className = "a";
      answer.dataset.state = "streaming";
      answer.setAttribute("aria-busy", "true");
      const text = h("p", { "data-part": "text" });
      const phase = h("span", {}, SEARCHING);
      answer.append(text, h("p", { class: "pending" }, h("span", { class: "spinner", "aria-hidden": "true" }), phase));
      const current = { abort: new AbortController(), stopped: false, discard: false };
      this.current = current;
      this.setBusy(true);
      this.say(SEARCHING);
      this.scroll();
      let outcome = "";
      const { signal } = current.abort;
      const authorities = (this.getAttribute("authority") || "").split(",").map((s) => s.trim()).filter(Boolean);
      const body = { question, history: this.history(), authorities, stream: true };
      let idle, timedOut = false;
      const wake = () => { clearTimeout(idle); idle = setTimeout(() => { timedOut = true; current.abort.abort(); }, IDLE_MS); };
      try {
        wake();
        let res;
        try {
          res = await fetch(`${this.endpoint}/v1/ask`, {
            method: "POST", headers: { ...this.headers(true), Accept: "text/event-stream" }, body: JSON.stringify(body), signal,
          });
        } catch (e) {
          if (signal.aborted) throw e;
          throw new Error("Could not reach the assessment service (network error, or this page's origin is not allowed by the service).");
        }
        if (!res.ok) throw await httpError(res);
        const requestId = res.headers.get("X-Request-ID");
        let final = null;
        if ((res.headers.get("Content-Type") || "").includes("application/json")) {
          final = await res.json(); // a server that answered in one piece
        } else {
          for await (const { event, data } of readEvents(res.body, signal)) {
            wake();
            if ((event === "citations" || event === "token") && phase.textContent !== WRITING) {
              phase.textContent = WRITING; // the passages are found: a draft is coming
              this.say(WRITING);
            }
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
        }
        if (!final || typeof final.answer !== "string") throw new Error("The answer stream ended before the answer was complete.");
        if (!final.request_id && requestId) final.request_id = requestId;
        const turn = { question, final: slim(final), rating: null };
        this.turns.push(turn);
        this.saveConversation();
        this.showAnswer(answer, turn);
        outcome = final.abstained ? "Answered: not in the reports." : "Answered.";
        this.dispatchEvent(new CustomEvent("aqa-answer", { detail: final, bubbles: true, composed: true }));
      } catch (e) {
        if (current.discard) return; // New chat: the turn is gone already
        if (current.stopped) {
          this.showFailure(answer, question, "stopped", "Stopped", "You stopped this answer before it was complete.");
          outcome = "Stopped.";
        } else {
          const message = timedOut ? "The service stopped responding; please try again." : e.message || String(e);
          this.showFailure(answer, question, "error", "Error", message);
          outcome = `Error: ${message}`;
          this.dispatchEvent(new CustomEvent("aqa-error", { detail: { code: e.code || "error", message }, bubbles: true, composed: true }));
        }
      } finally {
        clearTimeout(idle);
        answer.setAttribute("aria-busy", "false");
        if (this.current === current) {
          this.current = null;
          this.setBusy(false);
          if (!current.discard) this.say(outcome);
          if (current.stopped) this.input.focus(); // Stop is gone: back to the question box
        }
        this.scroll(answer.parentElement);
      }
    }

    stopAnswer() {
      if (!this.current) return;
      this.current.stopped = true;
      this.current.abort.abort(); // closes the stream: the server stops generating
    }

    /** An error or a Stop: the question stays above; Retry asks it again in the same place. */
    showFailure(answer, question, state, badge, message) {
      answer.dataset.state = state;
      const retry = h("button", { type: "button", class: "tool retry", "aria-label": `Retry: ${question}` }, icon("retry"), "Retry");
      retry.addEventListener("click", () => {
        if (this.busy) return;
        this.input.focus(); // the Retry button is replaced by the new answer
        this.ask(question, answer);
      });
      answer.replaceChildren(h("span", { class: "badge" }, badge), h("p", { "data-part": "text" }, message),
        h("div", { class: "actions" }, retry));
    }

    showAnswer(answer, turn) {
      const { final } = turn;
      const citations = Array.isArray(final.citations) ? final.citations : [];
      const byN = new Map(citations.map((c) => [Number(c.n), c]));
      answer.replaceChildren();
      answer.className = "a";
      answer.setAttribute("aria-busy", "false");
      if (final.abstained) {
        answer.dataset.state = "abstained";
        answer.classList.add("abstained");
        answer.append(h("span", { class: "badge" }, NOT_IN_REPORTS));
      } else {
        answer.dataset.state = "answered";
      }
      // Words typed with a slip, as they were read ("safegaurding" as "safeguarding"), before the answer to them.
      const readAs = Object.entries(final.read_as && typeof final.read_as === "object" ? final.read_as : {})
        .filter(([typed, read]) => typeof typed === "string" && typeof read === "string");
      if (readAs.length) answer.append(h("p", { class: "note", "data-part": "read-as" }, `Read ${readAs.map(([typed, read]) => `“${typed}” as “${read}”`).join(", ")}.`));
      // The check may have removed streamed sentences: the final text replaces the streamed one.
      const parts = final.answer.split(/\[(\d+)\]/);
      answer.append(h("p", { "data-part": "text" }, ...parts.map((part, i) => {
        if (i % 2 === 0) return document.createTextNode(part);
        const c = byN.get(Number(part));
        return c ? this.citeButton(c, `[${c.n}]`, "cite") : document.createTextNode(`[${part}]`);
      })));
      if (citations.length) answer.append(h("ol", { class: "sources", "aria-label": "Sources" }, ...citations.map((c) => this.card(c))));
      const removed = Array.isArray(final.removed) ? final.removed.filter((r) => r.action === "removed").length : 0;
      if (removed) answer.append(h("p", { class: "note" }, `${removed} sentence${removed > 1 ? "s" : ""} not supported by the cited passages ${removed > 1 ? "were" : "was"} removed.`));
      if (final.degraded) answer.append(h("p", { class: "note" }, "The answering model was unavailable: this answer quotes the reports directly."));
      answer.append(...this.answerActions(turn));
    }

    /** A source card: "Title — Quality statement — Section — published 17 May 2024 — page 3 — Open report". */
    card(c) {
      const [head, ...rest] = describe(c);
      const meta = h("div", { class: "meta" });
      // A date or a page number is not split across lines.
      rest.forEach((part, i) => meta.append(i ? " — " : "", /^(published|page) /.test(part) ? h("span", { class: "nowrap" }, part) : part));
      const url = reportUrl(c);
      if (url) {
        meta.append(rest.length ? " — " : "", h("a", {
          href: url, target: "_blank", rel: "noopener noreferrer", "aria-label": `Open the report: ${head} (opens in a new tab)`,
        }, "Open report"));
      }
      return h("li", { class: "card" }, h("span", { class: "n", "aria-hidden": "true" }, String(c.n)),
        h("div", { class: "card-body" }, this.citeButton(c, head, "source", false, `Source ${c.n}: `), meta.childNodes.length ? meta : null));
    }

    citeButton(c, label, cls, labelled = true, prefix = null) {
      const name = `Citation ${c.n}: ${[c.authority, c.quality_statement].filter(Boolean).join(", ")}`;
      const b = h("button", { type: "button", class: cls, "aria-label": labelled ? name : null, "aria-haspopup": "dialog" },
        prefix ? h("span", { class: "visually-hidden" }, prefix) : null, label);
      b.addEventListener("click", () => this.openPanel(c, b));
      return b;
    }

    // --- copy and feedback ------------------------------------------------------------------------

    answerActions(turn) {
      const said = h("span", { class: "said", role: "status" });
      const tell = (message) => { said.textContent = message; said.scrollIntoView({ block: "nearest" }); };
      const copy = h("button", { type: "button", class: "tool copy", "aria-label": "Copy answer with sources" }, icon("copy"), "Copy");
      copy.addEventListener("click", async () => {
        tell((await copyText(plainAnswer(turn.final), this.shadowRoot)) ? "Copied." : "Could not copy: select the text instead.");
      });
      const up = h("button", { type: "button", class: "tool up", "aria-pressed": "false", "aria-label": "Helpful" }, icon("up"));
      const down = h("button", { type: "button", class: "tool down", "aria-pressed": "false", "aria-label": "Not helpful" }, icon("down"));
      const reasonBox = h("textarea", { maxlength: "1000", rows: "2" });
      const reasonSend = h("button", { type: "submit", class: "tool" }, "Send reason");
      const reasonId = `r${Math.random().toString(36).slice(2)}`;
      reasonBox.id = reasonId;
      const reason = h("form", { class: "reason", hidden: true }, h("label", { for: reasonId }, "What made it helpful or not? (optional)"), reasonBox, reasonSend);
      const showRating = () => {
        up.setAttribute("aria-pressed", String(turn.rating === "up"));
        down.setAttribute("aria-pressed", String(turn.rating === "down"));
      };
      showRating();
      const rate = async (rating) => {
        if (turn.rating === rating) return;
        const before = turn.rating;
        turn.rating = rating;
        showRating();
        tell("Sending feedback…");
        if (await this.sendFeedback(turn, rating, reasonBox.value.trim())) {
          tell("Thanks for your feedback.");
          reason.hidden = false;
          reason.scrollIntoView({ block: "nearest" });
          this.saveConversation();
        } else {
          turn.rating = before;
          showRating();
          tell("Could not send feedback.");
        }
      };
      up.addEventListener("click", () => rate("up"));
      down.addEventListener("click", () => rate("down"));
      reason.addEventListener("submit", async (e) => {
        e.preventDefault();
        const why = reasonBox.value.trim();
        if (!why || !turn.rating) return;
        tell("Sending feedback…");
        if (await this.sendFeedback(turn, turn.rating, why)) {
          reason.hidden = true;
          (turn.rating === "up" ? up : down).focus(); // the form is gone: back to the rating
          tell("Thanks: your reason was sent.");
        } else {
          tell("Could not send feedback.");
        }
      });
      return [h("div", { class: "actions" }, copy,
        h("span", { class: "rate", role: "group", "aria-label": "Rate this answer" }, up, down), said), reason];
    }

    async sendFeedback(turn, rating, reason) {
      const body = { request_id: turn.final.request_id ?? null, rating, question: turn.question, answer: turn.final.answer };
      if (reason) body.reason = reason;
      try {
        const res = await fetch(`${this.endpoint}/v1/feedback`, { method: "POST", headers: this.headers(true), body: JSON.stringify(body) });
        if (!res.ok) return false;
        this.dispatchEvent(new CustomEvent("aqa-feedback", { detail: body, bubbles: true, composed: true }));
        return true;
      } catch {
        return false;
      }
    }

    // --- the passage panel ------------------------------------------------------------------------

    openPanel(c, opener) {
      this.opener = opener;
      const field = (term, value) => (value ? [h("dt", {}, term), h("dd", {}, String(value))] : []);
      const context = h("div", { class: "context", "aria-live": "polite" });
      const close = h("button", { type: "button", class: "close", "aria-label": "Close passage" }, "×");
      close.addEventListener("click", () => this.closePanel());
      const url = reportUrl(c);
      const link = url ? [h("dt", {}, "Report"), h("dd", {}, h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, url))] : [];
      this.panel.replaceChildren(
        h("h3", { id: "panel-title" }, `Passage [${c.n}]`), close,
        h("dl", {}, ...field("Title", text(c.title)), ...field("Authority", c.authority), ...field("Quality statement", c.quality_statement),
          ...field("Section", c.section), ...field("Published", text(c.published) && formatDate(text(c.published))),
          ...field("Page", validPage(c.page) && c.page), ...field("Source", c.source), ...link),
        h("blockquote", { "data-part": "quote" }, String(c.quote ?? "")), context);
      this.panel.hidden = false;
      close.focus();
      this.loadContext(c, context);
    }

    closePanel(refocus = true) {
      this.panel.hidden = true;
      this.panel.replaceChildren();
      if (refocus && this.opener?.isConnected) this.opener.focus();
      this.opener = null;
    }

    /** The passage in its place in the document: Python offsets count code points, so slice code points. */
    async loadContext(c, into) {
      if (!c.document_id || !Number.isInteger(c.start) || !Number.isInteger(c.end)) return;
      try {
        if (!this.docs.has(c.document_id)) {
          this.docs.set(c.document_id, fetch(`${this.endpoint}/v1/documents/${encodeURIComponent(c.document_id)}`, { headers: this.headers(false) })
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

    /** Follow the end of the log; with `turn`, show a finished turn from its question when it is taller than the log. */
    scroll(turn = null) {
      const tall = turn && turn.offsetHeight > this.log.clientHeight;
      this.log.scrollTop = tall ? turn.offsetTop - 8 : this.log.scrollHeight;
    }
  }

  /** What is kept of a final answer (in memory and in sessionStorage). */
  function slim(final) {
    const { answer, abstained, citations, removed, degraded, request_id, read_as } = final;
    return { answer, abstained: !!abstained, citations: Array.isArray(citations) ? citations : [], removed: Array.isArray(removed) ? removed : [],
      degraded: !!degraded, request_id: request_id ?? null, read_as: read_as && typeof read_as === "object" ? read_as : {} };
  }

  /** Put `value` on the clipboard: the Clipboard API, else a selected textarea and execCommand. */
  async function copyText(value, root) {
    try {
      if (navigator.clipboard?.writeText) { await navigator.clipboard.writeText(value); return true; }
    } catch { /* not allowed here (permissions, an insecure origin): fall back */ }
    const area = h("textarea", { readonly: true, "aria-hidden": "true", style: "position:fixed;top:0;left:-9999px;opacity:0" });
    area.value = value;
    root.append(area);
    const active = root.activeElement;
    try {
      area.select();
      return document.execCommand("copy");
    } catch {
      return false;
    } finally {
      area.remove();
      active?.focus();
    }
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
