/* Network: countries on a circle (busiest first, clockwise from the top), edges as
 * chords bent toward the centre, width by events, colour by mean Goldstein. */
"use strict";

(() => {
  const { svg, getJSON } = T;
  const STOPS = [[-10, [178, 24, 43]], [-5, [239, 138, 98]], [0, [186, 186, 186]], [5, [145, 207, 96]], [10, [26, 152, 80]]];

  function colour(g) {
    const v = Math.max(-10, Math.min(10, Number(g) || 0));
    for (let i = 1; i < STOPS.length; i++) {
      const [g1, c1] = STOPS[i - 1], [g2, c2] = STOPS[i];
      if (v <= g2) {
        const t = (v - g1) / (g2 - g1);
        const c = c1.map((x, k) => Math.round(x + (c2[k] - x) * t));
        return `rgb(${c[0]},${c[1]},${c[2]})`;
      }
    }
    return "rgb(26,152,80)";
  }

  function legend(net) {
    const box = document.getElementById("net-legend");
    box.replaceChildren(
      T.el("span", {}, "mean Goldstein: −10", T.el("span", { class: "gradient" }), "+10"),
      T.el("span", { text: `${net.nodes.length} of ${T.fmtInt(net.countries)} countries, ${net.edges.length} of ${T.fmtInt(net.pairs)} pairs` }));
  }

  function draw(net) {
    const box = document.getElementById("network");
    box.replaceChildren();
    box.hidden = !net.edges.length;
    if (!net.edges.length) { T.message("No events between two countries in this period."); return; }
    T.message("");
    legend(net);
    const W = Math.max(640, Math.min(box.clientWidth - 16, 1100)), H = Math.round(W * 0.75);
    const cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 70;
    const nodes = [...net.nodes].sort((a, b) => b.events - a.events || (a.code < b.code ? -1 : 1));
    const pos = new Map();
    nodes.forEach((n, i) => {
      const t = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
      pos.set(n.code, { x: cx + R * Math.cos(t), y: cy + R * Math.sin(t), t });
    });
    const maxE = Math.max(...net.edges.map((e) => e.events));
    const maxN = Math.max(...nodes.map((n) => n.events));
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": "country network" });
    const edges = svg("g", { class: "edges" });
    for (const e of [...net.edges].reverse()) {  // busiest drawn last, on top
      const p = pos.get(e.a), q = pos.get(e.b);
      const mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2;
      const bx = mx + (cx - mx) * 0.35, by = my + (cy - my) * 0.35;
      const w = 1.2 + 9 * Math.sqrt(e.events / maxE);
      const path = svg("path", { class: "edge", d: `M${p.x.toFixed(1)},${p.y.toFixed(1)} Q${bx.toFixed(1)},${by.toFixed(1)} ${q.x.toFixed(1)},${q.y.toFixed(1)}`,
        fill: "none", stroke: colour(e.mean_goldstein), "stroke-width": w.toFixed(2),
        "stroke-opacity": (0.35 + 0.55 * Math.sqrt(e.events / maxE)).toFixed(2),
        dataset: { a: e.a, b: e.b, events: e.events } });
      path.addEventListener("mousemove", (ev) => T.showTip(ev, `${nameOf(net, e.a)} – ${nameOf(net, e.b)}`, [
        ["events", T.fmtInt(e.events)], ["mentions", T.fmtInt(e.mentions)],
        [`${e.a} → ${e.b}`, T.fmtInt(e.a_to_b)], [`${e.b} → ${e.a}`, T.fmtInt(e.b_to_a)],
        ["mean Goldstein", T.fmtG(e.mean_goldstein)], ["", "click to explore this pair"]]));
      path.addEventListener("mouseleave", T.hideTip);
      path.addEventListener("click", () => location.assign(`/dyads?${new URLSearchParams({ a: e.a, b: e.b, by: "month" })}`));
      edges.append(path);
    }
    root.append(edges);
    const layer = svg("g", { class: "nodes" });
    for (const n of nodes) {
      const p = pos.get(n.code);
      const r = 4 + 10 * Math.sqrt(n.events / maxN);
      const right = Math.cos(p.t) >= -1e-9;
      const lx = p.x + Math.cos(p.t) * (r + 6), ly = p.y + Math.sin(p.t) * (r + 6) + 4;
      const g = svg("g", { class: "node", dataset: { code: n.code } },
        svg("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1), fill: "#1e3a5f" }),
        svg("text", { x: lx.toFixed(1), y: ly.toFixed(1), "text-anchor": right ? "start" : "end", text: n.name || n.code }));
      g.addEventListener("mouseenter", (ev) => {
        box.classList.add("focus");
        for (const e of edges.children) e.classList.toggle("lit", e.dataset.a === n.code || e.dataset.b === n.code);
        T.showTip(ev, `${n.name} (${n.code})`, [["events", T.fmtInt(n.events)]]);
      });
      g.addEventListener("mouseleave", () => { box.classList.remove("focus"); T.hideTip(); });
      layer.append(g);
    }
    root.append(layer);
    box.append(root);
  }

  function nameOf(net, code) {
    const n = net.nodes.find((x) => x.code === code);
    return n ? n.name : code;
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const p = T.params();
    const query = { since: p.get("since") || "", until: p.get("until") || "", nodes: p.get("nodes") || "30" };
    document.getElementById("n-since").value = query.since;
    document.getElementById("n-until").value = query.until;
    document.getElementById("n-nodes").value = query.nodes;
    try { draw(await getJSON("/api/network", { ...query, edges: 200 })); } catch (e) { T.message(e.message, true); }
  });
})();
