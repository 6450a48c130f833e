"""Measure the chart library candidates in headless chromium: the figures in
``src/tidings/web/static/vendor/README.md``.

    npm pack echarts@6.1.0 @observablehq/plot@0.6.17 d3@7.9.2 vega@6.4.0 vega-lite@6.5.0
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python tools/chart_bench.py .

Each library draws a 500-period stacked bar chart (4 series) and a 2,000-point scatter on
a lon/lat plane in a page served from loopback with the dashboard's Content-Security-
Policy; seven runs each, the first two dropped, the median of the rest. Prints JSON:
load time, both drawing times, and the page's script or console errors (a library that
breaks the CSP shows here). Needs playwright and Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
DATA = """function mkdata() {
  const rows = [], t0 = Date.UTC(2000, 0, 1);
  for (let i = 0; i < 500; i++) for (let q = 1; q <= 4; q++)
    rows.push({period: new Date(t0 + i * 7 * 864e5).toISOString().slice(0, 10), quad: "q" + q,
               events: ((i * 7 + q * 13) % 50) + 1});
  const pts = [];
  for (let i = 0; i < 2000; i++) pts.push({lon: ((i * 37) % 360) - 180, lat: ((i * 53) % 170) - 85, n: (i % 20) + 1});
  return {rows, pts};
}
"""
RUNS = {
    "echarts": ("""window.run = function (renderer) {
  const {rows, pts} = mkdata(), periods = [...new Set(rows.map(r => r.period))];
  for (const [id, h] of [["a", 300], ["b", 500]]) { const d = document.getElementById(id); d.style.width = "1000px"; d.style.height = h + "px"; }
  const t0 = performance.now();
  const a = echarts.init(document.getElementById("a"), null, {renderer});
  a.setOption({animation: false, xAxis: {type: "category", data: periods}, yAxis: {},
    series: [1, 2, 3, 4].map(q => ({type: "bar", stack: "s", data: rows.filter(r => r.quad === "q" + q).map(r => r.events)}))});
  const t1 = performance.now();
  const b = echarts.init(document.getElementById("b"), null, {renderer});
  b.setOption({animation: false, xAxis: {min: -180, max: 180}, yAxis: {min: -90, max: 90},
    series: [{type: "scatter", data: pts.map(p => [p.lon, p.lat, p.n]), symbolSize: v => 2 + v[2] / 2}]});
  const t2 = performance.now();
  a.dispose(); b.dispose();
  return [t1 - t0, t2 - t1];
};""", ["echarts/package/dist/echarts.min.js"], ["canvas", "svg"]),
    "plot": ("""window.run = function () {
  const {rows, pts} = mkdata();
  const t0 = performance.now();
  document.getElementById("a").replaceChildren(Plot.plot({width: 1000, height: 300,
    marks: [Plot.barY(rows, {x: "period", y: "events", fill: "quad"})]}));
  const t1 = performance.now();
  document.getElementById("b").replaceChildren(Plot.plot({width: 1000, height: 500,
    x: {domain: [-180, 180]}, y: {domain: [-90, 90]}, marks: [Plot.dot(pts, {x: "lon", y: "lat", r: "n"})]}));
  return [t1 - t0, performance.now() - t1];
};""", ["d3/package/dist/d3.min.js", "plot/package/dist/plot.umd.min.js"], [None]),
    "vega": ("""window.run = async function (renderer) {
  const {rows, pts} = mkdata();
  const draw = async (spec, el) => {
    const v = new vega.View(vega.parse(vegaLite.compile(spec).spec, null, {ast: true}),
      {renderer, container: el, expr: vega.expressionInterpreter});
    await v.runAsync();
  };
  const t0 = performance.now();
  await draw({width: 1000, height: 300, data: {values: rows}, mark: "bar", encoding: {
    x: {field: "period", type: "ordinal"}, y: {field: "events", type: "quantitative", aggregate: "sum"},
    color: {field: "quad"}}}, "#a");
  const t1 = performance.now();
  await draw({width: 1000, height: 500, data: {values: pts}, mark: "circle", encoding: {
    x: {field: "lon", type: "quantitative"}, y: {field: "lat", type: "quantitative"},
    size: {field: "n", type: "quantitative"}}}, "#b");
  return [t1 - t0, performance.now() - t1];
};""", ["vega/package/build/vega.min.js", "vega-lite/package/build/vega-lite.min.js"], ["canvas", "svg"]),
}
# the folders `npm pack` + tar give, by the names used above
FOLDERS = {"echarts": "echarts-6.1.0", "d3": "d3-7.9.2", "plot": "observablehq-plot-0.6.17",
           "vega": "vega-6.4.0", "vega-lite": "vega-lite-6.5.0"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("content-security-policy", CSP)
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


def pages(packs: Path, out: Path) -> None:
    (out / "data.js").write_text(DATA, encoding="utf-8")
    for name, (run, libs, _) in RUNS.items():
        tags = []
        for lib in libs:
            head, _, rest = lib.partition("/")
            src = packs / FOLDERS[head] / rest
            shutil.copy(src, out / src.name)
            tags.append(f'<script src="{src.name}"></script>')
        (out / f"{name}_run.js").write_text(run, encoding="utf-8")
        (out / f"{name}.html").write_text(
            '<html><body><div id="a"></div><div id="b"></div><script src="data.js"></script>'
            + "".join(tags) + f'<script src="{name}_run.js"></script></body></html>', encoding="utf-8")


def measure(base: str) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        for name, (_, _libs, renderers) in RUNS.items():
            for renderer in renderers:
                page, errors = browser.new_page(), []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                page.goto(f"{base}/{name}.html")
                load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")
                times = [page.evaluate(f"async () => await window.run({json.dumps(renderer)})") for _ in range(7)][2:]
                out[f"{name}/{renderer or 'svg'}"] = {
                    "load_ms": round(load), "bars_ms": round(statistics.median(t[0] for t in times), 1),
                    "scatter_ms": round(statistics.median(t[1] for t in times), 1),
                    "errors": [e for e in errors if "404" not in e][:2]}
                page.close()
        browser.close()
    return out


def main(argv: list[str]) -> int:
    packs = Path(argv[0] if argv else ".").resolve()
    with tempfile.TemporaryDirectory() as tmp:
        pages(packs, Path(tmp))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=tmp))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            result = measure(f"http://127.0.0.1:{server.server_address[1]}")
        finally:
            server.shutdown()
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
