/* Dyad explorer: two actors, events per period in each direction stacked by quad class,
 * mean Goldstein as a line; click a bar for the events behind it. */
"use strict";

(() => {
  const { el, svg, getJSON, QUADS } = T;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const MAX_PERIODS = 800;  // about two years of days: thinner bars cannot be clicked
  const STEPS = { day: [1, 2, 7, 14, 28, 56, 91, 182, 364], week: [1, 2, 4, 8, 13, 26, 52, 104],
    month: [1, 2, 3, 6, 12, 24, 60], quarter: [1, 2, 4, 8, 20], year: [1, 2, 5, 10, 20, 50] };
  const names = {};
  let current = null;  // {a, b, by, rows}

  function parseDay(s) { const [y, m, d] = s.split("-").map(Number); return new Date(Date.UTC(y, m - 1, d)); }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function step(d, by) {
    const n = new Date(d.getTime());
    if (by === "day") n.setUTCDate(n.getUTCDate() + 1);
    else if (by === "week") n.setUTCDate(n.getUTCDate() + 7);
    else if (by === "month") n.setUTCMonth(n.getUTCMonth() + 1);
    else if (by === "quarter") n.setUTCMonth(n.getUTCMonth() + 3);
    else n.setUTCFullYear(n.getUTCFullYear() + 1);
    return n;
  }
  /* Every period from the first to the last with data, so gaps show as gaps. */
  function periodsBetween(first, last, by) {
    const out = [];
    for (let d = parseDay(first); iso(d) <= last && out.length <= MAX_PERIODS; d = step(d, by)) out.push(iso(d));
    return out;
  }
  /* A period's number counted from a fixed origin, so axis labels fall on round dates
   * (every January, every other Monday...) whatever the first period is. */
  function ordinal(p, by) {
    const d = parseDay(p);
    if (by === "year") return d.getUTCFullYear();
    if (by === "quarter") return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
    if (by === "month") return d.getUTCFullYear() * 12 + d.getUTCMonth();
    return Math.round(d.getTime() / 86400000 / (by === "week" ? 7 : 1));
  }
  function label(p, by) {
    const d = parseDay(p);
    if (by === "year") return String(d.getUTCFullYear());
    if (by === "quarter") return `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    if (by === "month") return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    return p;
  }
  /* Whole-number ticks from 0 past the highest bar, at most about five. */
  function countTicks(max) {
    const raw = Math.max(1, max) / 4;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    let stepv = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
    stepv = Math.max(1, Math.round(stepv));
    const out = [];
    for (let v = 0; v < max + stepv; v += stepv) { out.push(v); if (v >= max) break; }
    return out;
  }
  function dirLabel(dir) {
    const [s, t] = dir.split("->");
    return `${names[s] || s} → ${names[t] || t}`;
  }

  async function nameOf(code) {
    if (names[code]) return names[code];
    try {
      const res = await getJSON("/api/actors", { q: code, limit: 5 });
      const hit = res.items.find((r) => r.code === code && (r.kind === "country" || r.kind === "code"));
      names[code] = hit ? hit.name : code;
    } catch (e) { names[code] = code; }
    return names[code];
  }

  function legend() {
    const box = document.getElementById("legend");
    box.replaceChildren();
    for (const q of [1, 2, 3, 4]) box.append(el("span", {}, el("span", { class: `swatch sw-q${q}` }), QUADS[q].name));
    box.append(el("span", {}, el("span", { class: "swatch line" }), "mean Goldstein (right axis, −10 to +10)"));
    box.hidden = false;
  }

  function draw(allRows, a, b, by) {
    const chart = document.getElementById("chart");
    chart.replaceChildren();
    chart.hidden = !allRows.length;
    if (!allRows.length) {
      T.message(`No events between ${names[a] || a} and ${names[b] || b} in this store` +
        (current && (current.since || current.until) ? " between these dates." : "."));
      document.getElementById("legend").hidden = true;
      return;
    }
    let rows = allRows;
    const last = rows[rows.length - 1].period;
    let periods = periodsBetween(rows[0].period, last, by);
    T.message("");
    if (periods.length > MAX_PERIODS) {
      if (by !== "day" && by !== "week") {
        T.message(`Too many periods to draw (${by}): choose a longer period or set From and To.`);
        chart.hidden = true;
        return;
      }
      const span = (MAX_PERIODS - 1) * (by === "week" ? 7 : 1) * 86400000;
      const cut = iso(new Date(parseDay(last).getTime() - span));
      rows = rows.filter((r) => r.period >= cut);
      periods = periodsBetween(cut, last, by);
      T.message(`Showing the last ${MAX_PERIODS} ${by}s; set From and To to see earlier ones.`);
    }
    chart.dataset.bars = String(rows.length);
    legend();
    const index = new Map(periods.map((p, i) => [p, i]));
    const dirs = [`${a}->${b}`, `${b}->${a}`];
    const W = Math.max(640, chart.clientWidth - 16);
    const M = { left: 52, right: 52 }, plotH = 170, titleH = 22, gap = 26, axisH = 44;
    const H = (titleH + plotH) * 2 + gap + axisH + 8;
    const innerW = W - M.left - M.right;
    const band = innerW / periods.length;
    const barW = Math.max(1, Math.min(48, band * 0.72));
    const ticks = countTicks(Math.max(...rows.map((r) => r.events)));
    const maxEvents = ticks[ticks.length - 1];
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
      "aria-label": `Events between ${a} and ${b} by ${by}` });
    const labelW = by === "day" || by === "week" ? 74 : by === "year" ? 40 : 62;
    const every = STEPS[by].find((s) => s * band >= labelW) || STEPS[by][STEPS[by].length - 1];

    dirs.forEach((dir, k) => {
      const top = 8 + k * (titleH + plotH + gap);
      const y0 = top + titleH, y1 = y0 + plotH;
      const yCount = (v) => y1 - (v / maxEvents) * plotH;
      const yG = (g) => y0 + ((10 - g) / 20) * plotH;
      const g = svg("g", { class: "panel", dataset: { direction: dir } });
      g.append(svg("text", { class: "panel-title", x: M.left, y: top + 13, text: dirLabel(dir) }));
      const axis = svg("g", { class: "axis" });
      for (const v of ticks) {
        const y = yCount(v);
        axis.append(svg("line", { class: "grid-line", x1: M.left, x2: W - M.right, y1: y, y2: y }));
        axis.append(svg("text", { x: M.left - 6, y: y + 4, "text-anchor": "end", text: T.fmtInt(v) }));
      }
      for (const gv of [-10, -5, 0, 5, 10]) {
        axis.append(svg("text", { x: W - M.right + 6, y: yG(gv) + 4, text: gv > 0 ? `+${gv}` : String(gv) }));
      }
      axis.append(svg("line", { class: "zero-line", x1: M.left, x2: W - M.right, y1: yG(0), y2: yG(0) }));
      axis.append(svg("line", { x1: M.left, x2: W - M.right, y1: y1, y2: y1 }));
      axis.append(svg("text", { x: 12, y: y0 + plotH / 2, transform: `rotate(-90 12 ${y0 + plotH / 2})`,
        "text-anchor": "middle", text: "events" }));
      axis.append(svg("text", { x: W - 10, y: y0 + plotH / 2, transform: `rotate(90 ${W - 10} ${y0 + plotH / 2})`,
        "text-anchor": "middle", text: "Goldstein" }));
      g.append(axis);

      const mine = rows.filter((r) => r.direction === dir);
      const bars = svg("g", { class: "bars" });
      for (const r of mine) {
        const i = index.get(r.period);
        const cx = M.left + band * (i + 0.5);
        const bar = svg("g", { class: "bar", dataset: { period: r.period, direction: dir, events: r.events } });
        bar.append(svg("rect", { class: "hit", x: M.left + band * i, y: y0, width: band, height: plotH, fill: "transparent" }));
        let acc = 0;
        for (const q of [1, 2, 3, 4]) {
          const n = r[QUADS[q].key];
          if (!n) continue;
          bar.append(svg("rect", { class: `seg q${q}`, x: cx - barW / 2, y: yCount(acc + n), width: barW,
            height: Math.max(0.5, yCount(acc) - yCount(acc + n)), fill: QUADS[q].color }));
          acc += n;
        }
        bar.addEventListener("mousemove", (e) => T.showTip(e, `${label(r.period, by)} · ${dirLabel(dir)}`, [
          ["events", T.fmtInt(r.events)], ["mentions", T.fmtInt(r.mentions)],
          ...[1, 2, 3, 4].map((q) => [QUADS[q].name, T.fmtInt(r[QUADS[q].key])]),
          ["mean Goldstein", T.fmtG(r.mean_goldstein)], ["", "click for the events"]]));
        bar.addEventListener("mouseleave", T.hideTip);
        bar.addEventListener("click", () => { select(bar); showEvents(r, dir); });
        bars.append(bar);
      }
      g.append(bars);

      let d = "", prev = -2;
      const dots = svg("g", { class: "gdots" });
      for (const r of mine) {
        if (r.mean_goldstein === null) continue;
        const i = index.get(r.period);
        const x = M.left + band * (i + 0.5), y = yG(r.mean_goldstein);
        d += (i === prev + 1 ? "L" : "M") + `${x.toFixed(1)},${y.toFixed(1)}`;
        prev = i;
        dots.append(svg("circle", { class: "gdot", cx: x, cy: y, r: band >= 16 ? 3 : 1.5 }));
      }
      g.append(svg("path", { class: "gline", d: d || "M0,0" }), dots);
      root.append(g);
    });

    const xa = svg("g", { class: "axis x" });
    const yb = 8 + (titleH + plotH) * 2 + gap;
    periods.forEach((p, i) => {
      if (ordinal(p, by) % every) return;
      const x = M.left + band * (i + 0.5);
      xa.append(svg("line", { x1: x, x2: x, y1: yb, y2: yb + 4 }));
      xa.append(svg("text", { x, y: yb + 17, "text-anchor": "middle", text: label(p, by) }));
    });
    root.append(xa);
    chart.append(root);
  }

  function select(bar) {
    for (const b of document.querySelectorAll("#chart .bar.selected")) b.classList.remove("selected");
    bar.classList.add("selected");
  }

  async function showEvents(row, dir) {
    const { a, b, by } = current;
    const box = document.getElementById("bar-events");
    const body = document.querySelector("#bar-table tbody");
    box.hidden = false;
    document.getElementById("bar-title").textContent = `${label(row.period, by)} · ${dirLabel(dir)}`;
    body.replaceChildren();
    let res;
    try {
      res = await getJSON("/api/dyads/events", { a, b, by, period: row.period, direction: dir, limit: 500 });
    } catch (e) { T.message(e.message, true); return; }
    const more = res.total > res.items.length ? ` (the first ${res.items.length} shown)` : "";
    document.getElementById("bar-summary").textContent =
      `${T.fmtInt(res.total)} events, ${T.fmtInt(row.mentions)} mentions${more}. Each row is one event; the sentence is its first report.`;
    for (const e of res.items) {
      body.append(el("tr", { class: "event-row" },
        el("td", { class: "date", text: e.date || "" }),
        el("td", { text: T.actorText(e.source_code, e.source_name) }),
        el("td", { text: T.actorText(e.target_code, e.target_name) }),
        el("td", {}, el("span", { class: `quad q${e.quad_class}`, title: QUADS[e.quad_class] ? QUADS[e.quad_class].name : "" }),
          el("span", { class: "code", text: e.cameo }), " ", e.cameo_name || ""),
        el("td", { text: e.plover || "–" }),
        el("td", { class: `num ${T.gClass(e.goldstein)}`, text: T.fmtG(e.goldstein) }),
        el("td", { class: "num", text: T.fmtInt(e.mentions) }),
        el("td", { class: "sentence" }, el("a", { href: `${T.articleHref(e.article_id)}#event-${e.idx}`, text: e.sentence_text || "(article)" }))));
    }
    box.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }

  async function load(a, b, by, since, until) {
    document.getElementById("bar-events").hidden = true;
    await Promise.all([nameOf(a), nameOf(b)]);
    document.getElementById("actor-a-name").textContent = names[a] || "";
    document.getElementById("actor-b-name").textContent = names[b] || "";
    let rows;
    try { rows = await getJSON("/api/dyads", { a, b, by, since, until }); } catch (e) { T.message(e.message, true); return; }
    current = { a, b, by, since, until, rows };
    draw(rows, a, b, by);
  }

  function fromUrl() {
    const p = T.params();
    const a = (p.get("a") || "").toUpperCase(), b = (p.get("b") || "").toUpperCase();
    const by = p.get("by") || "month", since = p.get("since") || "", until = p.get("until") || "";
    document.getElementById("actor-a").value = a;
    document.getElementById("actor-b").value = b;
    document.getElementById("by").value = by;
    document.getElementById("d-since").value = since;
    document.getElementById("d-until").value = until;
    if (a && b) load(a, b, by, since, until);
    else T.message("Pick two actors: type a country or a name and choose from the list.");
  }

  document.addEventListener("DOMContentLoaded", () => {
    const inA = document.getElementById("actor-a"), inB = document.getElementById("actor-b");
    T.picker(inA, (it) => { names[it.code] = names[it.code] || it.name; document.getElementById("actor-a-name").textContent = it.name; });
    T.picker(inB, (it) => { names[it.code] = names[it.code] || it.name; document.getElementById("actor-b-name").textContent = it.name; });
    document.getElementById("dyad-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const a = inA.value.trim().toUpperCase(), b = inB.value.trim().toUpperCase();
      const by = document.getElementById("by").value;
      const since = document.getElementById("d-since").value, until = document.getElementById("d-until").value;
      if (!a || !b) { T.message("Pick two actors."); return; }
      const q = new URLSearchParams({ a, b, by });
      if (since) q.set("since", since);
      if (until) q.set("until", until);
      history.pushState(null, "", `/dyads?${q}`);
      load(a, b, by, since, until);
    });
    document.getElementById("by").addEventListener("change", () => {
      if (current) document.getElementById("dyad-form").requestSubmit();
    });
    window.addEventListener("popstate", fromUrl);
    let resize = null;
    window.addEventListener("resize", () => {
      clearTimeout(resize);
      resize = setTimeout(() => { if (current) draw(current.rows, current.a, current.b, current.by); }, 150);
    });
    fromUrl();
  });
})();
