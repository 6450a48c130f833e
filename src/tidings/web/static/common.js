/* tidings dashboard: shared helpers. Vanilla JS, no dependencies.
 * Everything that came from the store (article text, names, sentences, quotes) goes
 * into the page as text nodes or attribute values, never as HTML. */
"use strict";

const T = (() => {
  const SVGNS = "http://www.w3.org/2000/svg";
  const QUADS = {
    1: { name: "verbal cooperation", key: "verbal_coop", color: "#74c476" },
    2: { name: "material cooperation", key: "material_coop", color: "#238b45" },
    3: { name: "verbal conflict", key: "verbal_conflict", color: "#fd8d3c" },
    4: { name: "material conflict", key: "material_conflict", color: "#cb181d" },
  };
  const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

  /* el("a", {href, class, text, dataset, on}, ...children): children are nodes or strings (text). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    applyProps(node, props || {});
    for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (v !== null && v !== undefined) node.setAttribute(k, String(v));
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  function applyProps(node, props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined) continue;
      if (k === "text") node.textContent = v;
      else if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else if (k === "href") node.setAttribute("href", safeHref(v));
      else node.setAttribute(k, String(v));
    }
  }

  /* Only our own paths and http(s) URLs become links (an article's URL is hostile input). */
  function safeHref(v) {
    const s = String(v);
    if (s.startsWith("/") && !s.startsWith("//")) return s;
    if (/^https?:\/\//i.test(s)) return s;
    return "#";
  }

  async function getJSON(path, params) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
    }
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) throw new Error((body && body.error) || `${res.status} ${res.statusText}`);
    return body;
  }

  function params() { return new URLSearchParams(location.search); }
  /* by query string: a path segment "." or ".." (or "%2E") is removed by every browser */
  function articleHref(id) { return "/article?id=" + encodeURIComponent(id); }
  function fmtInt(n) { return Number(n || 0).toLocaleString("en-US"); }
  function fmtG(g) {
    if (g === null || g === undefined) return "–";
    const n = Number(g);
    return (n > 0 ? "+" : n < 0 ? "−" : "") + Math.abs(n).toFixed(1);
  }
  function gClass(g) { return g > 0 ? "gs-pos" : g < 0 ? "gs-neg" : ""; }
  function actorText(code, name) {
    if (!code) return "–";
    return name && name !== code ? `${name} (${code})` : code;
  }

  function message(text, isError) {
    const box = document.getElementById("message");
    if (!box) return;
    box.hidden = !text;
    box.textContent = text || "";
    box.classList.toggle("error", !!isError);
  }

  /* -- tooltip: rows of [key, value] pairs, all text -- */
  const tip = () => document.getElementById("tooltip");
  function showTip(evt, title, rows, extraClass) {
    const box = tip();
    if (!box) return;
    box.replaceChildren();
    if (title) box.append(el("div", { class: "tt-title", text: title }));
    for (const [k, v, cls] of rows) {
      if (k === "") { box.append(el("div", { class: "tt-hint", text: v })); continue; }
      box.append(el("div", { class: "tt-row" }, el("span", { class: "tt-key", text: k }),
        el("span", { class: cls || "", text: v === null || v === undefined ? "–" : String(v) })));
    }
    box.className = "tooltip" + (extraClass ? " " + extraClass : "");
    box.hidden = false;
    moveTip(evt);
  }
  function moveTip(evt) {
    const box = tip();
    if (!box || box.hidden) return;
    let x = evt.clientX + 14, y = evt.clientY + 16;
    const r = box.getBoundingClientRect();
    if (x + r.width > window.innerWidth - 8) x = Math.max(8, evt.clientX - r.width - 14);
    if (y + r.height > window.innerHeight - 8) y = Math.max(8, evt.clientY - r.height - 14);
    box.style.left = x + "px";
    box.style.top = y + "px";
  }
  function hideTip() { const box = tip(); if (box) box.hidden = true; }

  /* -- typeahead over /api/actors: the input holds the code; onPick(item) -- */
  function picker(input, onPick) {
    const list = input.parentElement.querySelector(".suggest");
    let items = [], active = -1, timer = null, seq = 0;
    function close() { list.hidden = true; active = -1; }
    function render() {
      list.replaceChildren();
      items.forEach((it, i) => {
        const li = el("li", { role: "option", class: i === active ? "active" : "", dataset: { code: it.code } },
          el("span", { class: "code", text: it.code }), el("span", { class: "name", text: it.name || "" }),
          el("span", { class: "kind", text: it.kind === "code" ? "" : (it.kind || "") }));
        li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
        list.append(li);
      });
      list.hidden = items.length === 0;
    }
    function choose(i) {
      const it = items[i];
      if (!it) return;
      input.value = it.code;
      close();
      if (onPick) onPick(it);
    }
    async function lookup() {
      const mine = ++seq;
      try {
        const res = await getJSON("/api/actors", { q: input.value, limit: 12 });
        if (mine !== seq) return;
        items = res.items;
        active = items.length ? 0 : -1;
        render();
      } catch (e) { close(); }
    }
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookup, 120); });
    input.addEventListener("focus", () => { if (!input.value) lookup(); });
    input.addEventListener("blur", () => setTimeout(close, 100));
    input.addEventListener("keydown", (e) => {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { active = Math.min(items.length - 1, active + 1); render(); e.preventDefault(); }
      else if (e.key === "ArrowUp") { active = Math.max(0, active - 1); render(); e.preventDefault(); }
      else if (e.key === "Enter" && active >= 0) { choose(active); e.preventDefault(); }
      else if (e.key === "Escape") close();
    });
  }

  /* -- pager: "1–50 of 1,234" with previous/next links that keep the other parameters -- */
  function pager(container, total, limit, offset) {
    container.replaceChildren();
    const from = total ? offset + 1 : 0, to = Math.min(offset + limit, total);
    const link = (label, off, enabled) => {
      if (!enabled) return el("span", { class: "disabled", text: label });
      const p = params();
      p.set("offset", String(Math.max(0, off)));
      return el("a", { href: location.pathname + "?" + p.toString(), text: label });
    };
    container.append(link("← previous", offset - limit, offset > 0),
      el("span", { text: `${fmtInt(from)}–${fmtInt(to)} of ${fmtInt(total)}` }),
      link("next →", offset + limit, offset + limit < total));
  }

  /* UTF-16 index of every code point offset of text: the API's spans count code points
   * (Python's str), JavaScript strings count UTF-16 units, and they differ after every
   * character outside the Basic Multilingual Plane (an emoji, a rare CJK character). */
  function utf16Offsets(text) {
    const out = [0];
    let u = 0;
    for (const ch of text) { u += ch.length; out.push(u); }
    return out;
  }

  /* Text with spans marked: spans ({start, end} in code points, sorted by start, longest
   * first) become elements made by make(span, cont), nested where they nest. Where two
   * spans cross, closing the outer one closes the inner one too and reopens it as a piece
   * made with cont = true; each span's last piece gets the class "last". So every span has
   * exactly one element made with cont = false, and the text is written once, in order,
   * as text nodes only. */
  function highlight(container, text, spans, make) {
    container.replaceChildren();
    const at = utf16Offsets(text);
    const pos16 = (cp) => at[Math.max(0, Math.min(cp, at.length - 1))];
    const starts = new Map();
    const points = new Set([0, text.length]);
    const marks = spans.map((span) => ({ span, start: pos16(span.start), end: pos16(span.end) }));
    for (const m of marks) {
      points.add(m.start); points.add(m.end);
      if (!starts.has(m.start)) starts.set(m.start, []);
      starts.get(m.start).push(m);
    }
    const stack = [];
    const top = () => (stack.length ? stack[stack.length - 1].node : container);
    let pos = 0;
    for (const p of [...points].sort((x, y) => x - y)) {
      if (p > pos) { top().append(document.createTextNode(text.slice(pos, p))); pos = p; }
      const lowest = stack.findIndex((x) => x.mark.end === p);
      if (lowest >= 0) {
        const closed = stack.splice(lowest);
        for (const x of closed) if (x.mark.end === p) x.node.classList.add("last");
        for (const x of closed) {
          if (x.mark.end > p) {
            const node = make(x.mark.span, true);
            top().append(node);
            stack.push({ mark: x.mark, node });
          }
        }
      }
      for (const m of starts.get(p) || []) {
        const node = make(m.span, false);
        top().append(node);
        stack.push({ mark: m, node });
      }
    }
  }

  async function header() {
    const page = document.body.dataset.page;
    for (const a of document.querySelectorAll("header nav a")) a.classList.toggle("current", a.dataset.nav === page);
    try {
      const s = await getJSON("/api/stats");
      const box = document.getElementById("store-stats");
      if (box) box.textContent = `${fmtInt(s.articles)} articles · ${fmtInt(s.events)} events · ` +
        `${s.first_event_date || "?"} to ${s.last_event_date || "?"}`;
    } catch (e) { /* the page says what failed */ }
  }
  document.addEventListener("DOMContentLoaded", header);

  return { el, svg, getJSON, params, articleHref, fmtInt, fmtG, gClass, actorText, message, showTip,
    moveTip, hideTip, picker, pager, highlight, utf16Offsets, QUADS, PLOVER };
})();
