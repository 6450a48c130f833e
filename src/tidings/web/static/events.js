/* Events: a filterable, sortable, paged table; the filters live in the URL. */
"use strict";

(() => {
  const { el, getJSON, QUADS } = T;
  const FILTERS = ["source", "target", "since", "until", "cameo", "plover"];
  const COLUMNS = [
    ["date", "Date"], ["source", "Source"], ["target", "Target"], ["cameo", "CAMEO"],
    ["plover", "PLOVER"], ["goldstein", "Goldstein"], [null, "Sentence"],
  ];

  function header(sort, order) {
    const row = document.querySelector("#events-table thead tr");
    row.replaceChildren();
    for (const [key, title] of COLUMNS) {
      if (!key) { row.append(el("th", { text: title })); continue; }
      const p = T.params();
      const next = sort === key && order === "asc" ? "desc" : "asc";
      p.set("sort", key);
      p.set("order", next);
      p.delete("offset");
      const mark = sort === key ? (order === "asc" ? " ▲" : " ▼") : "";
      row.append(el("th", { class: key === "goldstein" ? "num" : "" },
        el("a", { href: `/events?${p}`, class: sort === key ? "sorted" : "", dataset: { sort: key }, text: title + mark })));
    }
  }

  async function load() {
    const p = T.params();
    const query = {};
    for (const f of FILTERS) {
      const v = p.get(f) || "";
      const input = document.getElementById(`f-${f}`);
      if (input) input.value = v;
      if (v) query[f] = v;
    }
    const sort = p.get("sort") || "date", order = p.get("order") || "asc";
    const limit = Number(p.get("limit") || 50), offset = Number(p.get("offset") || 0);
    document.getElementById("f-sort").value = sort;
    document.getElementById("f-order").value = order;
    document.getElementById("f-limit").value = String(limit);
    header(sort, order);
    let res;
    try {
      res = await getJSON("/api/events", { ...query, sort, order, limit, offset });
    } catch (e) { T.message(e.message, true); return; }
    T.message(res.total ? "" : "No events match these filters.");
    const body = document.querySelector("#events-table tbody");
    body.replaceChildren();
    for (const e of res.items) {
      const href = `${T.articleHref(e.article_id)}#event-${e.idx}`;
      const q = QUADS[e.quad_class];
      body.append(el("tr", { class: "event-row" },
        el("td", { class: "date", text: e.date || "undated" }),
        el("td", { text: T.actorText(e.source_code, e.source_name) }),
        el("td", { text: T.actorText(e.target_code, e.target_name) }),
        el("td", {}, el("span", { class: `quad q${e.quad_class}`, title: q ? q.name : "" }),
          el("span", { class: "code", text: e.cameo }), " ", e.cameo_name || ""),
        el("td", { text: e.plover || "–" }),
        el("td", { class: `num ${T.gClass(e.goldstein)}`, text: T.fmtG(e.goldstein) }),
        el("td", { class: "sentence" }, el("a", { href, title: "open the article", text: e.sentence_text || "(article)" }))));
    }
    for (const id of ["pager-top", "pager-bottom"]) T.pager(document.getElementById(id), res.total, res.limit, res.offset);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const sel = document.getElementById("f-plover");
    for (const t of T.PLOVER) sel.append(el("option", { value: t, text: t }));
    T.picker(document.getElementById("f-source"));
    T.picker(document.getElementById("f-target"));
    /* submit only the filters that are set, so shared URLs stay short */
    document.getElementById("filters").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(ev.target).entries()) {
        if (v && !(k === "limit" && v === "50") && !(k === "sort" && v === "date") && !(k === "order" && v === "asc")) p.set(k, v);
      }
      location.assign(`/events${p.toString() ? "?" + p : ""}`);
    });
    load();
  });
})();
