/* Article view: the cleaned text with actors, events (verb, source, target) and quotes
 * highlighted. The text is hostile input: it only ever becomes text nodes. Spans may
 * overlap or cross: T.highlight nests them where it can and cuts them where they cross. */
"use strict";

(() => {
  const { el, getJSON, QUADS } = T;
  const ORDER = { quote: 0, src: 1, tgt: 1, actor: 2, verb: 3 };  // outermost first for equal spans
  let art = null;

  function spansOf(a) {
    const n = [...a.text].length;  // spans count code points, not UTF-16 units
    const ok = (s, e) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= n && s < e;
    const out = [];
    for (const q of a.quotes) if (ok(q.span_start, q.span_end)) out.push({ kind: "quote", start: q.span_start, end: q.span_end, ref: q.idx });
    // a pronoun ("it", "they") that stands for an actor is not highlighted as one
    for (const ac of a.actors) for (const m of ac.mentions) if (m.how !== "pronoun" && ok(m.span_start, m.span_end)) out.push({ kind: "actor", start: m.span_start, end: m.span_end, ref: ac.idx });
    for (const e of a.events) {
      if (ok(e.source_start, e.source_end)) out.push({ kind: "src", start: e.source_start, end: e.source_end, ref: e.idx });
      if (ok(e.target_start, e.target_end)) out.push({ kind: "tgt", start: e.target_start, end: e.target_end, ref: e.idx });
      if (ok(e.verb_start, e.verb_end)) out.push({ kind: "verb", start: e.verb_start, end: e.verb_end, ref: e.idx });
    }
    out.sort((x, y) => x.start - y.start || y.end - x.end || ORDER[x.kind] - ORDER[y.kind] || x.ref - y.ref);
    return out;
  }

  function spanEl(s, cont) {
    const node = el("span", { class: `hl hl-${s.kind}${cont ? " cont" : ""}` });
    node.dataset.kind = s.kind;
    if (s.kind === "actor") node.dataset.actor = s.ref;
    else if (s.kind === "quote") {
      node.dataset.quote = s.ref;
      const q = art.quotes.find((x) => x.idx === s.ref);
      node.dataset.speaker = (q && (q.speaker_name || q.speaker_code)) || "unknown speaker";
    } else {
      node.dataset.event = s.ref;
      if (s.kind === "verb" && !cont) node.id = `event-${s.ref}`;
    }
    return node;
  }

  function eventRows(e) {
    const q = QUADS[e.quad_class];
    return [
      ["CAMEO", `${e.cameo} ${e.cameo_name || ""}`.trim()],
      ["PLOVER", e.plover || "–"],
      ["Goldstein", T.fmtG(e.goldstein)],
      ["quad class", q ? `${e.quad_class} ${q.name}` : String(e.quad_class)],
      ["source", T.actorText(e.source_code, e.source_name)],
      ["target", T.actorText(e.target_code, e.target_name)],
      ["date", e.date ? `${e.date}${e.date_text ? ` (“${e.date_text}”)` : ""}` : "undated"],
      ["confidence", e.confidence === null ? "–" : Number(e.confidence).toFixed(2)],
      ["rule", e.rule || "–", "tt-rule"],
    ];
  }

  function activate(kind, ref, on) {
    const sel = kind === "event" ? `[data-event="${Number(ref)}"]` : kind === "actor" ? `.hl-actor[data-actor="${Number(ref)}"]` : `.hl-quote[data-quote="${Number(ref)}"]`;
    for (const n of document.querySelectorAll(`#a-text ${sel}`)) n.classList.toggle("active", on);
    const li = document.querySelector(`#a-${kind === "event" ? "events" : kind === "actor" ? "actors" : "quotes"} li[data-ref="${Number(ref)}"]`);
    if (li) li.classList.toggle("active", on);
  }

  function wireText() {
    const box = document.getElementById("a-text");
    let current = null;
    box.addEventListener("mouseover", (ev) => {
      const node = ev.target.closest(".hl-verb, .hl-actor, .hl-quote");
      if (current) activate(current[0], current[1], false);
      current = null;
      if (!node) { T.hideTip(); return; }
      if (node.classList.contains("hl-verb")) {
        const e = art.events.find((x) => x.idx === Number(node.dataset.event));
        current = ["event", e.idx];
        T.showTip(ev, `Event ${e.idx + 1}: “${e.verb || ""}”`, eventRows(e), "event-tip");
      } else if (node.classList.contains("hl-actor")) {
        const a = art.actors.find((x) => x.idx === Number(node.dataset.actor));
        current = ["actor", a.idx];
        T.showTip(ev, a.name, [["code", a.code || "–"], ["kind", a.kind || "–"], ["country", a.country || "–"],
          ["found by", a.resolved_by || "–"]], "actor-tip");
      } else {
        const q = art.quotes.find((x) => x.idx === Number(node.dataset.quote));
        current = ["quote", q.idx];
        T.showTip(ev, `Quote: ${q.speaker_name || "unknown speaker"}`, [["speaker code", q.speaker_code || "–"],
          ["reporting verb", q.cue || "–"]], "quote-tip");
      }
      activate(current[0], current[1], true);
    });
    box.addEventListener("mousemove", T.moveTip);
    box.addEventListener("mouseleave", () => { T.hideTip(); if (current) activate(current[0], current[1], false); current = null; });
  }

  function side() {
    const evs = document.getElementById("a-events");
    evs.replaceChildren();
    for (const e of art.events) {
      const li = el("li", { dataset: { ref: e.idx } },
        el("span", { class: `quad q${e.quad_class}` }),
        `${T.actorText(e.source_code, e.source_name)} `, el("strong", { text: e.verb || "" }),
        e.target_code ? ` ${T.actorText(e.target_code, e.target_name)}` : "", " · ",
        el("span", { class: "code", text: `${e.cameo} ${e.plover || ""} ${T.fmtG(e.goldstein)}` }));
      li.addEventListener("mouseenter", (ev) => { activate("event", e.idx, true); T.showTip(ev, `Event ${e.idx + 1}`, eventRows(e), "event-tip"); });
      li.addEventListener("mousemove", T.moveTip);
      li.addEventListener("mouseleave", () => { activate("event", e.idx, false); T.hideTip(); });
      evs.append(li);
    }
    const qs = document.getElementById("a-quotes");
    qs.replaceChildren();
    for (const q of art.quotes) {
      const li = el("li", { dataset: { ref: q.idx } }, el("strong", { text: q.speaker_name || "unknown speaker" }),
        q.speaker_code ? ` (${q.speaker_code})` : "", `: “${q.text}”`);
      li.addEventListener("mouseenter", () => activate("quote", q.idx, true));
      li.addEventListener("mouseleave", () => activate("quote", q.idx, false));
      qs.append(li);
    }
    const as = document.getElementById("a-actors");
    as.replaceChildren();
    for (const a of art.actors) {
      const li = el("li", { dataset: { ref: a.idx } }, a.name, " ", el("span", { class: "code", text: a.code || "" }),
        el("span", { class: "muted", text: ` ×${a.mentions.length}` }));
      li.addEventListener("mouseenter", () => activate("actor", a.idx, true));
      li.addEventListener("mouseleave", () => activate("actor", a.idx, false));
      as.append(li);
    }
    document.getElementById("n-events").textContent = `(${art.events.length})`;
    document.getElementById("n-quotes").textContent = `(${art.quotes.length})`;
    document.getElementById("n-actors").textContent = `(${art.actors.length})`;
  }

  function legend() {
    const box = document.getElementById("a-legend");
    box.replaceChildren(
      el("span", {}, el("span", { class: "swatch sw-actor" }), "actor"),
      el("span", {}, el("span", { class: "swatch sw-verb" }), "event (hover for its codes and rule)"),
      el("span", {}, el("span", { class: "swatch sw-arg" }), "its source and target"),
      el("span", {}, el("span", { class: "swatch sw-quote" }), "quote, with its speaker"));
  }

  async function load() {
    const q = new URLSearchParams(location.search);
    const id = q.has("id") ? q.get("id") : decodeURIComponent(location.pathname.slice("/articles/".length));
    try {
      art = await getJSON("/api/article?id=" + encodeURIComponent(id));
    } catch (e) {
      document.getElementById("a-title").textContent = "Article not found";
      T.message(e.message, true);
      return;
    }
    document.title = `${art.title || art.id} · tidings`;
    document.getElementById("a-title").textContent = art.title || art.id;
    const meta = document.getElementById("a-meta");
    meta.replaceChildren(`${art.date || "undated"} · id ${art.id}`);
    if (art.site) meta.append(` · ${art.site}`);
    if (art.tone !== null && art.tone !== undefined) {
      meta.append(el("span", { title: "per cent of positive words minus per cent of negative words, as GDELT's tone",
        text: ` · tone ${art.tone > 0 ? "+" : ""}${art.tone.toFixed(1)}` }));
    }
    if (art.url && /^https?:\/\//i.test(art.url)) {
      meta.append(" · ", el("a", { href: art.url, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" }));
    }
    if (art.duplicate_of) {
      meta.append(" · a near-duplicate of ", el("a", { href: T.articleHref(art.duplicate_of), text: art.duplicate_of }),
        " (its events are stored there)");
    }
    legend();
    T.highlight(document.getElementById("a-text"), art.text || "", spansOf(art), spanEl);
    side();
    wireText();
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) {
      target.scrollIntoView({ block: "center" });
      activate("event", Number(target.dataset.event), true);
      setTimeout(() => activate("event", Number(target.dataset.event), false), 2500);
    }
  }

  document.addEventListener("DOMContentLoaded", load);
})();
