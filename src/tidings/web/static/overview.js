/* tidings dashboard: the overview. Volume over time (brush a period on it), the busiest,
 * most hostile and most cooperative pairs, the latest events and a map of located events,
 * all for the brushed period, each downloadable as CSV or Parquet with the same filters.
 * Charts are drawn by the vendored ECharts (static/vendor/README.md) with its SVG
 * renderer; tooltips are our own (text nodes only), never the library's HTML ones. */
"use strict";

(() => {
  const { el, getJSON, fmtInt, fmtG, gClass, QUADS } = T;
  const BYS = ["day", "week", "month", "quarter", "year"];
  const state = { by: "", since: "", until: "", min_events: "5" };
  let periods = [];  // period starts on the volume chart, oldest first
  let volumeRows = [], countryInfo = new Map();  // what the charts show now (for tooltips)
  let volumeChart = null, mapChart = null, request = 0;

  /* -- dates -- */
  function addDays(iso, n) {
    const d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function periodEnd(start, by) {
    const d = new Date(start + "T00:00:00Z");
    const y = d.getUTCFullYear(), m = d.getUTCMonth();
    if (by === "day") return start;
    if (by === "week") return addDays(start, 6);
    const months = { month: 1, quarter: 3, year: 12 }[by];
    return new Date(Date.UTC(y, m + months, 0)).toISOString().slice(0, 10);
  }
  function autoBy(first, last) {
    if (!first || !last) return "month";
    const days = (Date.parse(last) - Date.parse(first)) / 864e5;
    return days > 1500 ? "quarter" : days > 400 ? "month" : days > 120 ? "week" : "day";
  }

  /* -- the address and the download links carry the filters -- */
  function filters() {
    const q = {};
    for (const k of ["since", "until"]) if (state[k]) q[k] = state[k];
    q.min_events = state.min_events || "5";
    return q;
  }
  function syncUrl() {
    const q = new URLSearchParams();
    for (const k of ["by", "since", "until"]) if (state[k]) q.set(k, state[k]);
    if (state.min_events && state.min_events !== "5") q.set("min_events", state.min_events);
    history.replaceState(null, "", q.toString() ? `/?${q}` : "/");
  }
  function downloadHref(table, format) {
    const q = new URLSearchParams({ table, format, by: state.effectiveBy || "month", ...filters() });
    if (table === "latest" || table === "places") q.set("limit", table === "places" ? "2000" : "20");
    return `/api/overview/download?${q}`;
  }
  function updateDownloads() {
    for (const box of document.querySelectorAll(".dl[data-table]")) {
      const t = box.dataset.table, label = box.dataset.label ? box.dataset.label + " " : "";
      box.replaceChildren(...["csv", "parquet"].map((f) => el("a", {
        href: downloadHref(t, f), class: "download", dataset: { table: t, format: f },
        download: "", text: `${label}${f === "csv" ? "CSV" : "Parquet"}`,
      })));
    }
  }
  function showRange() {
    const note = document.getElementById("o-range");
    note.textContent = state.since || state.until
      ? `${state.since || "start"} to ${state.until || "end"} (drag on the chart to change; All dates to reset)`
      : "all dates (drag on the chart to pick a period)";
    document.getElementById("o-since").value = state.since;
    document.getElementById("o-until").value = state.until;
  }

  /* -- tooltips from chart events -- */
  function tipOn(chart, describe) {
    chart.on("mouseover", (p) => { const d = describe(p); if (d && p.event) T.showTip(p.event.event, d[0], d[1]); });
    chart.on("mousemove", (p) => { if (p.event) T.moveTip(p.event.event); });
    chart.on("mouseout", T.hideTip);
    chart.on("globalout", T.hideTip);
  }

  /* -- the volume chart, with its brush -- */
  async function drawVolume() {
    const box = document.getElementById("volume");
    const by = state.effectiveBy;
    const data = await getJSON("/api/overview/volume", { by });
    volumeRows = data.items;
    periods = data.items.map((r) => r.period);
    if (!volumeChart) {
      volumeChart = echarts.init(box, null, { renderer: "svg" });
      volumeChart.on("brushEnd", onBrush);
      tipOn(volumeChart, (p) => {
        const r = volumeRows[p.dataIndex];
        if (!r) return null;
        return [`${r.period} (${state.effectiveBy})`, [["events", fmtInt(r.events)], ["mentions", fmtInt(r.mentions)],
          ...[1, 2, 3, 4].map((q) => [QUADS[q].name, fmtInt(r[QUADS[q].key])]),
          ["mean Goldstein", fmtG(r.mean_goldstein)]]];
      });
      window.addEventListener("resize", () => volumeChart.resize());
    }
    volumeChart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 30, bottom: 30 },
      legend: { top: 0, data: [1, 2, 3, 4].map((q) => QUADS[q].name) },
      xAxis: { type: "category", data: periods },
      yAxis: { type: "value", minInterval: 1 },
      brush: { xAxisIndex: 0, brushType: "lineX", brushMode: "single", transformable: false,
        brushStyle: { color: "rgba(30,58,95,0.15)", borderColor: "#1e3a5f" } },
      toolbox: { show: false },
      series: [1, 2, 3, 4].map((q) => ({
        type: "bar", stack: "events", name: QUADS[q].name, itemStyle: { color: QUADS[q].color },
        data: data.items.map((r) => r[QUADS[q].key]),
      })),
    }, true);
    volumeChart.dispatchAction({ type: "takeGlobalCursor", key: "brush",
      brushOption: { brushType: "lineX", brushMode: "single" } });
    box.dataset.periods = String(periods.length);
    box.dataset.by = by;
    showBrush();
  }
  function showBrush() {
    if (!volumeChart) return;
    if (!state.since && !state.until) { volumeChart.dispatchAction({ type: "brush", areas: [] }); return; }
    let i0 = 0, i1 = periods.length - 1;
    periods.forEach((p, i) => {
      if (state.since && periodEnd(p, state.effectiveBy) < state.since) i0 = i + 1;
      if (state.until && p > state.until && i1 === periods.length - 1) i1 = i - 1;
    });
    if (i0 > i1) { volumeChart.dispatchAction({ type: "brush", areas: [] }); return; }
    volumeChart.dispatchAction({ type: "brush", areas: [{ brushType: "lineX", xAxisIndex: 0, coordRange: [i0, i1] }] });
  }
  function onBrush(ev) {
    const area = (ev.areas || [])[0];
    if (!area || !area.coordRange || !periods.length) { state.since = ""; state.until = ""; }
    else {
      const clamp = (i) => Math.max(0, Math.min(periods.length - 1, Math.round(i)));
      const [a, b] = area.coordRange.map(clamp).sort((x, y) => x - y);
      state.since = periods[a];
      state.until = periodEnd(periods[b], state.effectiveBy);
    }
    refresh();
  }

  /* -- the map -- */
  let worldReady = null;
  function loadWorld() {
    if (!worldReady) worldReady = getJSON("/static/world.geojson").then((geo) => {
      for (const f of geo.features) f.properties.iso = f.id;
      echarts.registerMap("world", geo);
      return geo;
    });
    return worldReady;
  }
  async function drawMap(data) {
    const world = await loadWorld();
    const box = document.getElementById("map");
    countryInfo = new Map(data.countries.map((c) => [c.code, c]));
    const names = countryInfo;
    if (!mapChart) {
      mapChart = echarts.init(box, null, { renderer: "svg" });
      tipOn(mapChart, (p) => {
        if (p.seriesType === "scatter") {
          const d = p.data.point;
          return [`${d.place || "?"}${d.country ? ` (${d.country})` : ""}`, [["events", fmtInt(d.events)],
            ["mean Goldstein", fmtG(d.mean_goldstein)], ["lat, lon", `${d.lat}, ${d.lon}`]]];
        }
        const c = countryInfo.get(p.name);
        return c ? [c.name, [["events located here", fmtInt(c.events)]]] : null;
      });
      window.addEventListener("resize", () => mapChart.resize());
    }
    const most = Math.max(1, ...data.points.map((d) => d.events));
    const busiest = Math.max(1, ...data.countries.map((c) => c.events));
    mapChart.setOption({
      animation: false,
      geo: { map: "world", nameProperty: "iso", roam: true, silent: false, zoom: 1.15,
        itemStyle: { areaColor: "#eef2f7", borderColor: "#b8c4d2", borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#dbe6f3" } } },
      visualMap: { type: "continuous", min: 0, max: busiest, seriesIndex: 0, calculable: false,
        left: 10, bottom: 10, itemHeight: 90, text: ["more events", "fewer"],
        inRange: { color: ["#eef2f7", "#9bb4d3", "#1e3a5f"] } },
      series: [
        { type: "map", geoIndex: 0, data: world.features.map((f) => ({ name: f.id, value: names.has(f.id) ? names.get(f.id).events : 0 })) },
        { type: "scatter", coordinateSystem: "geo", name: "events",
          itemStyle: { color: "rgba(203,24,29,0.75)", borderColor: "#fff", borderWidth: 0.6 },
          symbolSize: (v) => 5 + 18 * Math.sqrt(v[2] / most),
          data: data.points.map((d) => ({ value: [d.lon, d.lat, d.events], point: d })) },
      ],
    }, true);
    box.dataset.markers = String(data.points.length);
    box.dataset.countries = String(data.countries.length);
    const located = data.points.reduce((n, d) => n + d.events, 0);
    document.getElementById("map-note").textContent =
      `${fmtInt(located)} located events at ${fmtInt(data.points.length)} places`;
  }

  /* -- the tables -- */
  function pairRow(r) {
    const q = new URLSearchParams({ a: r.a, b: r.b, by: "month" });
    if (state.since) q.set("since", state.since);
    if (state.until) q.set("until", state.until);
    return el("tr", { dataset: { a: r.a, b: r.b } },
      el("td", null, el("a", { href: `/dyads?${q}`, text: `${r.a_name} – ${r.b_name}` })),
      el("td", { class: "num", text: fmtInt(r.events) }),
      el("td", { class: `num ${gClass(r.mean_goldstein)}`, text: fmtG(r.mean_goldstein) }),
      el("td", { class: "num", text: r.events ? `${Math.round((100 * r.conflict_events) / r.events)}%` : "–" }));
  }
  function fillPairs(id, list, empty) {
    const body = document.querySelector(`#${id} tbody`);
    body.replaceChildren(...list.map(pairRow));
    if (!list.length) body.append(el("tr", null, el("td", { colspan: "4", class: "muted", text: empty })));
  }
  function latestRow(e) {
    const report = [];
    if (e.url && /^https?:\/\//i.test(e.url)) {
      report.push(el("a", { href: e.url, class: "source-url", rel: "noopener noreferrer", target: "_blank",
        text: hostOf(e.url) }), " · ");
    }
    report.push(el("a", { href: `${T.articleHref(e.article_id)}#event-${e.idx}`, text: "article" }));
    return el("tr", { dataset: { date: e.date } },
      el("td", { text: e.date }),
      el("td", { text: T.actorText(e.source_code, e.source_name) }),
      el("td", { text: T.actorText(e.target_code, e.target_name) }),
      el("td", null, el("span", { class: "code", text: e.cameo }), " ", e.cameo_name || ""),
      el("td", { class: `num ${gClass(e.goldstein)}`, text: fmtG(e.goldstein) }),
      el("td", { text: e.location || "–" }),
      el("td", null, ...report));
  }
  function hostOf(url) { try { return new URL(url).host; } catch (err) { return "source"; } }

  /* -- one refresh of everything that follows the range -- */
  async function refresh() {
    const mine = ++request;
    syncUrl();
    showRange();
    updateDownloads();
    T.message("");
    try {
      const data = await getJSON("/api/overview", filters());
      if (mine !== request) return;  // a newer brush is on its way
      fillPairs("top-dyads", data.top_dyads, "no events between two countries in this period");
      fillPairs("hostile", data.hostile, `no pair with at least ${data.min_events} events in this period`);
      fillPairs("cooperative", data.cooperative, `no pair with at least ${data.min_events} events in this period`);
      const body = document.querySelector("#latest tbody");
      body.replaceChildren(...data.latest.map(latestRow));
      if (!data.latest.length) body.append(el("tr", null, el("td", { colspan: "7", class: "muted", text: "no events in this period" })));
      await drawMap(data.map);
      if (mine !== request) return;
      const root = document.getElementById("overview");
      root.dataset.since = state.since;
      root.dataset.until = state.until;
      root.dataset.ready = String(mine);
    } catch (e) { T.message(e.message, true); }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const p = T.params();
    for (const k of ["by", "since", "until", "min_events"]) if (p.get(k)) state[k] = p.get(k);
    if (state.by && !BYS.includes(state.by)) state.by = "";
    document.getElementById("o-by").value = state.by;
    document.getElementById("o-min").value = state.min_events;
    document.getElementById("ov-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      state.since = document.getElementById("o-since").value;
      state.until = document.getElementById("o-until").value;
      state.min_events = document.getElementById("o-min").value || "5";
      const by = document.getElementById("o-by").value;
      const redraw = by !== state.by;
      state.by = by;
      if (redraw) { state.effectiveBy = state.by || state.autoBy; await drawVolume(); } else showBrush();
      refresh();
    });
    document.getElementById("o-clear").addEventListener("click", () => {
      state.since = ""; state.until = "";
      showBrush();
      refresh();
    });
    try {
      const stats = await getJSON("/api/stats");
      state.autoBy = autoBy(stats.first_event_date, stats.last_event_date);
      state.effectiveBy = state.by || state.autoBy;
      await drawVolume();
    } catch (e) { T.message(e.message, true); }
    refresh();
  });
})();
