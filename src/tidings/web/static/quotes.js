/* Quotes: who said what, searchable by speaker and by words; the search lives in the URL. */
"use strict";

(() => {
  const { el, getJSON } = T;

  document.addEventListener("DOMContentLoaded", async () => {
    const p = T.params();
    const speaker = p.get("speaker") || "", q = p.get("q") || "";
    const limit = Number(p.get("limit") || 50), offset = Number(p.get("offset") || 0);
    document.getElementById("q-speaker").value = speaker;
    document.getElementById("q-words").value = q;
    let res;
    try { res = await getJSON("/api/quotes", { speaker, q, limit, offset }); } catch (e) { T.message(e.message, true); return; }
    T.message(res.total ? "" : "No quotes match.");
    const list = document.getElementById("quotes");
    list.replaceChildren();
    for (const x of res.items) {
      const who = el("div", { class: "who" }, "— ", el("strong", { text: x.speaker_name || "unknown speaker" }));
      if (x.speaker_code) who.append(` (${x.speaker_code})`);
      if (x.cue) who.append(`, ${x.cue}`);
      who.append(` · ${x.date || "undated"} · `, el("a", { href: T.articleHref(x.article_id), text: x.title || x.article_id }));
      // a short quote says little alone: its sentence comes with it
      const said = x.sentence_text ? el("p", { class: "sentence muted", text: x.sentence_text }) : null;
      list.append(el("li", { class: "quote" }, el("blockquote", { text: `“${x.text}”` }), said, who));
    }
    for (const id of ["pager-top", "pager-bottom"]) T.pager(document.getElementById(id), res.total, res.limit, res.offset);
  });
})();
