// recordqa coaching page: a worker's summary from GET /v1/workers/{id}/summary.
// Everything from the service reaches the page as text nodes (textContent): never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  const state = { apiKey: "", seq: 0 };
  const status = $("status");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function pct(rate) {
    return rate === null || rate === undefined ? "–" : `${Math.round(rate * 100)}%`;
  }

  function num(value, digits) {
    return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
  }

  function setStatus(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  function teamLabel(s) {
    return s.team_basis === "everyone" ? "everyone in the data" : `team ${s.team}`;
  }

  async function fetchSummary(worker, team, since) {
    const params = new URLSearchParams();
    if (team) params.set("team", team);
    if (since) params.set("since", since);
    const query = params.toString();
    const path = `/v1/workers/${encodeURIComponent(worker)}/summary${query ? `?${query}` : ""}`;
    const headers = { Accept: "application/json" };
    if (state.apiKey) headers["X-API-Key"] = state.apiKey;
    const response = await fetch(path, { headers, credentials: "same-origin" });
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (response.status === 401) $("key-row").hidden = false;
    if (!response.ok) {
      const error = new Error(data && data.error ? data.error.message : `The service answered ${response.status}.`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // -- rendering ---------------------------------------------------------------------------

  function card(value, label) {
    const node = el("div", "card");
    node.append(el("span", "n", value), el("span", "k", label));
    return node;
  }

  function exampleItem(e) {
    const li = el("li");
    if (e.text !== null && e.text !== undefined) {
      li.append(el("span", "kept", e.text), " — ");
    }
    li.append(el("span", "message", e.message), " ");
    const where = `${e.code}, ${e.severity}, record ${e.record}${e.date ? ` (${e.date})` : ""}, characters ${e.start}–${e.end}`;
    li.append(el("span", "meta", where));
    if (e.suggestion) {
      li.append(el("br"), el("span", "meta", `Instead: ${e.suggestion}`));
    }
    return li;
  }

  function renderAreas(s) {
    const list = $("coaching");
    list.replaceChildren();
    if (!s.coaching.length) {
      list.append(el("li", "", "Nothing stands out: the worker passes every check at least as often as the comparison group."));
    }
    for (const a of s.coaching) {
      const li = el("li", "area");
      li.dataset.check = a.check;
      li.append(el("span", "title", a.title), " ", el("code", "", a.check));
      li.append(
        el(
          "p",
          "why",
          `Passed in ${pct(a.worker_rate)} of their records (team ${pct(a.team_rate)}); applies to ${pct(a.applies)} of their records; not passed in ${a.not_passed}. Priority ${num(a.priority, 3)}.`,
        ),
      );
      if (a.examples.length) {
        const ul = el("ul", "examples");
        for (const e of a.examples) ul.append(exampleItem(e));
        li.append(ul);
      }
      list.append(li);
    }
    $("formula").textContent = `How areas are ranked: ${s.formula}`;
  }

  function renderStrengths(s) {
    const list = $("strengths");
    list.replaceChildren();
    if (!s.strengths.length) list.append(el("li", "", "No check at or above the comparison group yet."));
    for (const st of s.strengths) {
      const li = el("li");
      li.append(el("span", "", st.title), " ", el("code", "", st.check));
      li.append(`: passed ${pct(st.worker_rate)} (team ${pct(st.team_rate)}, ${st.applicable} records)`);
      list.append(li);
    }
  }

  function bar(kind, rate) {
    const node = el("div", `bar ${kind}`);
    if (rate !== null && rate !== undefined) node.style.width = `${Math.round(rate * 1000) / 10}%`;
    return node;
  }

  function renderChecks(s) {
    const body = $("checks");
    body.replaceChildren();
    $("team-name").textContent = teamLabel(s);
    for (const c of s.checks) {
      if (!c.worker_applicable && !c.team_applicable) continue;
      const tr = el("tr");
      const name = el("td");
      name.append(el("span", "", c.title), el("br"), el("code", "", c.check));
      const bars = el("td", "bars");
      bars.append(bar("worker", c.worker_rate), bar("team", c.team_rate));
      tr.append(
        name,
        el("td", "num", pct(c.worker_rate)),
        el("td", "num", pct(c.team_rate)),
        bars,
        el("td", "num", `${c.worker_applicable} / ${c.team_applicable}`),
      );
      body.append(tr);
    }
  }

  function trendChart(s) {
    const months = s.trend.filter((m) => m.month !== "undated");
    const box = $("trend-chart");
    box.replaceChildren();
    if (!months.length) return;
    const left = 44, top = 16, plotW = Math.max(420, Math.min(680, 60 * months.length)), plotH = 160;
    const width = left + plotW + 36, height = top + plotH + 46;
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": "Mean score by month" });
    root.append(svg("title", {}, `Mean score by month: ${s.worker} and ${teamLabel(s)}`));
    const x = (i) => left + (months.length === 1 ? plotW / 2 : (i * plotW) / (months.length - 1));
    const y = (v) => top + plotH - (Math.max(0, Math.min(100, v)) / 100) * plotH;
    for (const t of [0, 25, 50, 75, 100]) {
      root.append(svg("line", { x1: left, x2: left + plotW, y1: y(t), y2: y(t), stroke: "#d9dee3" }));
      root.append(svg("text", { x: left - 4, y: y(t) + 4, "font-size": 10, "text-anchor": "end", fill: "#7b8794" }, t));
    }
    months.forEach((m, i) => {
      root.append(svg("text", { x: x(i), y: top + plotH + 16, "font-size": 10, "text-anchor": "middle", fill: "#1f2933" }, m.month));
    });
    const series = [
      [`${s.worker}`, "mean_score", "#2456a6"],
      [teamLabel(s), "team_mean_score", "#9cb8e4"],
    ];
    series.forEach(([label, key, colour], k) => {
      const points = months.map((m, i) => (m[key] === null ? null : [x(i), y(m[key]), m[key], m.month]));
      const drawn = points.filter((p) => p !== null);
      if (drawn.length > 1) {
        root.append(svg("polyline", { points: drawn.map((p) => `${p[0]},${p[1]}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2 }));
      }
      for (const p of drawn) {
        const dot = svg("circle", { cx: p[0], cy: p[1], r: 3.5, fill: colour });
        dot.append(svg("title", {}, `${label}, ${p[3]}: ${p[2]}`));
        root.append(dot);
      }
      const lx = left + k * 180;
      root.append(svg("rect", { x: lx, y: height - 14, width: 12, height: 10, fill: colour }));
      root.append(svg("text", { x: lx + 16, y: height - 5, "font-size": 11, fill: "#1f2933" }, `${label}: mean score`));
    });
    box.append(root);
  }

  function renderTrend(s) {
    trendChart(s);
    const body = $("trend");
    body.replaceChildren();
    for (const m of s.trend) {
      const tr = el("tr");
      tr.append(
        el("td", "", m.month),
        el("td", "num", m.records),
        el("td", "num", num(m.mean_score, 1)),
        el("td", "num", num(m.team_mean_score, 1)),
        el("td", "num", pct(m.pass_rate)),
        el("td", "num", pct(m.team_pass_rate)),
      );
      body.append(tr);
    }
  }

  function render(s) {
    $("summary-title").textContent = `Coaching summary: ${s.worker}`;
    const since = s.since ? ` since ${s.since}` : "";
    const span = s.first && s.last ? ` · ${s.first} to ${s.last}` : "";
    $("lede").textContent = `${s.records} records${since}${span} · compared with ${teamLabel(s)} (${s.team_records} records, ${s.team_workers} workers)`;
    $("cards").replaceChildren(
      card(num(s.mean_score, 1), "mean score"),
      card(num(s.team_mean_score, 1), `${teamLabel(s)}: mean score`),
      card(pct(s.pass_rate), "checks passed"),
      card(pct(s.team_pass_rate), `${teamLabel(s)}: checks passed`),
    );
    renderAreas(s);
    renderStrengths(s);
    renderChecks(s);
    renderTrend(s);
    $("summary").hidden = false;
    $("print").disabled = false;
    document.title = `recordqa: coaching summary for ${s.worker}`;
  }

  async function show() {
    const worker = $("worker").value.trim();
    if (!worker) {
      setStatus("Enter a worker id.", true);
      $("worker").focus();
      return;
    }
    const team = $("team").value.trim();
    const since = $("since").value;
    const seq = ++state.seq;
    setStatus("Loading…");
    try {
      const summary = await fetchSummary(worker, team, since);
      if (seq !== state.seq) return;
      render(summary);
      setStatus(`Summary for ${summary.worker}: ${summary.records} records.`);
      const url = new URL(window.location.href);
      url.search = new URLSearchParams(Object.entries({ worker, team, since }).filter(([, v]) => v)).toString();
      window.history.replaceState(null, "", url);
    } catch (error) {
      if (seq !== state.seq) return;
      $("summary").hidden = true;
      $("print").disabled = true;
      setStatus(error.message, true);
    }
  }

  $("ask").addEventListener("submit", (e) => {
    e.preventDefault();
    show();
  });
  $("print").addEventListener("click", () => window.print());
  $("api-key").addEventListener("change", (e) => {
    state.apiKey = e.target.value.trim();
    if ($("worker").value.trim()) show();
  });

  const params = new URLSearchParams(window.location.search);
  $("worker").value = params.get("worker") || "";
  $("team").value = params.get("team") || "";
  $("since").value = params.get("since") || "";
  if ($("worker").value) show();
})();
