// recordqa page: check a record as it is written, and show each finding in place.
// Note text only ever reaches the page as text nodes (textContent, append): never as HTML.
"use strict";

(function () {
  const DEBOUNCE_MS = 600;
  const $ = (id) => document.getElementById(id);
  const note = $("note");
  const mirror = $("mirror");
  const tip = $("tip");
  const writer = note.closest(".writer");
  const recordType = $("record-type");
  const profile = $("profile");
  const statusLine = $("status");

  const state = {
    checks: new Map(),   // id -> {title, hue}
    findings: [],        // findings of the shown result, with UTF-16 offsets
    timer: 0,
    seq: 0,
    controller: null,
    apiKey: "",
    tipFor: null,
    hideTimer: 0,
  };

  // -- small helpers -----------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function setStatus(message, isError) {
    statusLine.textContent = message;
    statusLine.classList.toggle("error", Boolean(isError));
  }

  function colourise(node, checkId) {
    const hue = state.checks.has(checkId) ? state.checks.get(checkId).hue : 0;
    node.style.setProperty("--hl", `hsl(${hue} 85% 85%)`);
    node.style.setProperty("--hl-ink", `hsl(${hue} 70% 28%)`);
  }

  // Offsets from the API are Python string indices (code points); the textarea counts
  // UTF-16 code units, so an emoji is one in the result and two here.
  function utf16Map(text) {
    const map = [];
    let units = 0;
    for (const ch of text) {
      map.push(units);
      units += ch.length;
    }
    map.push(units);
    return (i) => map[Math.max(0, Math.min(i, map.length - 1))];
  }

  async function api(path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (state.apiKey) headers["X-API-Key"] = state.apiKey;
    const init = { method: body === undefined ? "GET" : "POST", headers, credentials: "same-origin" };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (state.controller && body !== undefined) init.signal = state.controller.signal;
    const response = await fetch(path, init);
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (response.status === 401) {
      $("key-row").hidden = false;
    }
    if (!response.ok) {
      const message = data && data.error ? data.error.message : `The service answered ${response.status}.`;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // -- set-up: pickers and the check catalogue ------------------------------------------

  async function loadCatalogue() {
    const [types, profiles, checks] = await Promise.all([
      api("/v1/record-types"),
      api("/v1/profiles"),
      api("/v1/checks"),
    ]);
    while (recordType.options.length > 1) recordType.remove(1);
    for (const t of types.record_types) {
      recordType.append(new Option(t.replace(/_/g, " "), t));
    }
    profile.replaceChildren();
    for (const p of profiles.profiles) {
      const option = new Option(p.name, p.name, p.name === profiles.default, p.name === profiles.default);
      if (p.description) option.title = p.description;
      profile.append(option);
    }
    state.checks.clear();
    checks.checks.forEach((c, i) => {
      state.checks.set(c.id, { title: c.title, hue: Math.round((i * 137.508 + 45) % 360) });
    });
  }

  // -- checking ------------------------------------------------------------------------

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, DEBOUNCE_MS);
  }

  async function check() {
    clearTimeout(state.timer);
    const text = note.value;
    if (state.controller) state.controller.abort();
    state.controller = null;
    if (!text.trim()) {
      showEmpty();
      return;
    }
    const seq = ++state.seq;
    state.controller = new AbortController();
    const body = { text, profile: profile.value || undefined };
    if (recordType.value) body.record_type = recordType.value;
    setStatus("Checking…");
    try {
      const result = await api("/v1/analyse", body);
      if (seq !== state.seq || note.value !== text) return; // typed since: a newer check follows
      show(result, text);
      const words = result.readability ? result.readability.words : 0;
      setStatus(`Checked ${words} words as a ${result.record_type.replace(/_/g, " ")}, ${result.profile} profile.`);
    } catch (error) {
      if (error.name === "AbortError" || seq !== state.seq) return;
      setStatus(error.message, true);
    }
  }

  function showEmpty() {
    state.findings = [];
    renderMirror(note.value, []);
    $("score").textContent = "–";
    const grade = $("grade");
    grade.className = "grade";
    grade.textContent = "Not checked yet";
    $("checks").replaceChildren();
    $("findings").replaceChildren();
    setStatus("");
  }

  function show(result, text) {
    const u16 = utf16Map(text);
    const findings = [];
    for (const c of result.checks) {
      for (const f of c.findings) {
        findings.push(Object.assign({}, f, { index: findings.length, from: u16(f.start), to: u16(f.end) }));
      }
    }
    findings.sort((a, b) => a.from - b.from || b.to - a.to);
    findings.forEach((f, i) => { f.index = i; });
    state.findings = findings;
    renderMirror(text, findings);
    renderPanel(result, findings);
  }

  // -- the mirror: the text again, behind the textarea, with one mark per run of text
  //    that the same findings cover ------------------------------------------------------

  function renderMirror(text, findings) {
    hideTip();
    const cuts = new Set([0, text.length]);
    for (const f of findings) {
      if (f.to > f.from) {
        cuts.add(f.from);
        cuts.add(f.to);
      }
    }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      const piece = text.slice(a, b);
      const over = findings.filter((f) => f.from <= a && f.to >= b && f.to > f.from);
      if (!over.length) {
        const plain = el("span", "", piece);
        plain.setAttribute("aria-hidden", "true");
        frag.append(plain);
        continue;
      }
      over.sort((x, y) => (x.to - x.from) - (y.to - y.from));
      const problems = over.filter((f) => f.severity !== "info");
      const main = problems[0] || over[0];
      const mark = el("mark", problems.length ? "hl" : "hl info", piece);
      mark.tabIndex = 0;
      mark.dataset.findings = over.map((f) => f.index).join(",");
      mark.setAttribute("aria-describedby", "tip");
      colourise(mark, main.check);
      const second = over.find((f) => f.check !== main.check && f.severity !== "info");
      if (second) {
        mark.classList.add("multi");
        const hue = state.checks.has(second.check) ? state.checks.get(second.check).hue : 0;
        mark.style.setProperty("--hl2", `hsl(${hue} 70% 40%)`);
      }
      frag.append(mark);
    }
    frag.append(el("span", "", "\n ")); // keeps a last empty line as tall as the textarea's
    mirror.replaceChildren(frag);
    syncMirror();
  }

  function syncMirror() {
    mirror.style.width = `${note.clientWidth}px`;
    mirror.style.height = `${note.clientHeight}px`;
    mirror.scrollTop = note.scrollTop;
  }

  function marksOf(index) {
    return Array.from(mirror.querySelectorAll("mark.hl")).filter((m) =>
      m.dataset.findings.split(",").includes(String(index)));
  }

  function findingsOf(mark) {
    return mark.dataset.findings.split(",").map((i) => state.findings[Number(i)]).filter(Boolean);
  }

  // -- the tooltip: message, suggestion and the standard each finding serves --------------

  function tipItem(f) {
    const item = el("div", "item");
    const head = el("div", "head");
    const swatch = el("span", "swatch");
    swatch.setAttribute("aria-hidden", "true");
    colourise(swatch, f.check);
    const info = state.checks.get(f.check);
    head.append(swatch, el("span", "", info ? info.title : f.check));
    item.append(head, el("div", "code", `${f.code} · ${f.severity}`), el("p", "", f.message));
    if (f.suggestion) item.append(el("p", "suggestion", `Suggestion: ${f.suggestion}`));
    if (f.standard) {
      const s = f.standard;
      item.append(el("p", "standard", `${s.authority}, ${s.document} (${s.source}, line ${s.line}):`));
      item.append(el("blockquote", "", `“${s.quote}”`));
    }
    return item;
  }

  function showTip(mark) {
    clearTimeout(state.hideTimer);
    if (state.tipFor === mark && !tip.hidden) return;
    state.tipFor = mark;
    tip.replaceChildren(...findingsOf(mark).map(tipItem));
    tip.hidden = false;
    const box = writer.getBoundingClientRect();
    const r = mark.getClientRects()[0] || mark.getBoundingClientRect();
    const width = Math.min(tip.offsetWidth, box.width);
    let left = Math.min(Math.max(0, r.left - box.left), box.width - width);
    let top = r.bottom - box.top + 6;
    if (r.bottom + tip.offsetHeight + 12 > window.innerHeight) top = r.top - box.top - tip.offsetHeight - 6;
    tip.style.left = `${Math.max(0, left)}px`;
    tip.style.top = `${Math.max(0, top)}px`;
  }

  function hideTip() {
    clearTimeout(state.hideTimer);
    tip.hidden = true;
    state.tipFor = null;
  }

  function hideTipSoon() {
    clearTimeout(state.hideTimer);
    state.hideTimer = setTimeout(hideTip, 250);
  }

  function markAt(x, y) {
    return document.elementsFromPoint(x, y).find((node) => node.classList && node.classList.contains("hl")) || null;
  }

  // -- the panel ----------------------------------------------------------------------

  function renderPanel(result, findings) {
    $("score").textContent = Number(result.score).toFixed(result.score % 1 ? 1 : 0);
    const grade = $("grade");
    grade.className = `grade ${result.grade}`;
    grade.textContent = result.grade.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
    const list = $("checks");
    list.replaceChildren();
    const applicable = result.checks.filter((c) => c.status !== "not_applicable");
    const others = result.checks.filter((c) => c.status === "not_applicable");
    for (const c of applicable.concat(others)) {
      const problems = c.findings.filter((f) => f.severity !== "info").length;
      const row = el("li", c.status === "not_applicable" ? "na" : "");
      const swatch = el("span", "swatch");
      swatch.setAttribute("aria-hidden", "true");
      colourise(swatch, c.id);
      const info = state.checks.get(c.id);
      const name = el("span", "name", info ? info.title : c.id);
      name.title = `${info ? info.title : c.id}: ${c.summary}`;
      const status = el("span", `badge ${c.status}`, c.status === "not_applicable" ? "n/a" : c.status);
      const count = el("span", "count", c.status === "not_applicable" ? "" : String(problems));
      count.setAttribute("aria-label", `${problems} finding${problems === 1 ? "" : "s"}`);
      row.append(swatch, name, status, count);
      list.append(row);
    }
    const out = $("findings");
    out.replaceChildren();
    for (const f of findings) {
      const item = el("li");
      const button = el("button", f.severity === "info" ? "finding info" : "finding");
      button.type = "button";
      colourise(button, f.check);
      const words = el("span", "");
      words.append(el("span", "what", f.message), el("span", "quote", f.text));
      button.append(words);
      button.addEventListener("click", () => select(f));
      item.append(button);
      out.append(item);
    }
  }

  // Select a finding's words in the textarea, and bring them into view.
  function select(f) {
    note.focus();
    note.setSelectionRange(f.from, f.to);
    const marks = marksOf(f.index);
    for (const m of mirror.querySelectorAll("mark.current")) m.classList.remove("current");
    for (const m of marks) m.classList.add("current");
    if (marks.length) {
      note.scrollTop = Math.max(0, marks[0].offsetTop - note.clientHeight / 3);
      syncMirror();
    }
  }

  // -- copying -------------------------------------------------------------------------

  async function copyText() {
    const text = note.value;
    try {
      await navigator.clipboard.writeText(text);
    } catch (_) {
      note.focus();
      note.select();
      document.execCommand("copy");
    }
    setStatus("Copied the text exactly as written (no marks).");
  }

  // -- events --------------------------------------------------------------------------

  note.addEventListener("input", () => {
    state.findings = [];
    renderMirror(note.value, []);
    if (note.value.trim()) setStatus("Waiting for you to pause…");
    schedule();
  });
  note.addEventListener("scroll", () => { mirror.scrollTop = note.scrollTop; hideTip(); });
  mirror.addEventListener("scroll", () => { if (note.scrollTop !== mirror.scrollTop) note.scrollTop = mirror.scrollTop; });
  note.addEventListener("mousemove", (e) => {
    const mark = markAt(e.clientX, e.clientY);
    if (mark) showTip(mark);
    else if (!tip.hidden) hideTipSoon();
  });
  note.addEventListener("mouseleave", hideTipSoon);
  tip.addEventListener("mouseenter", () => clearTimeout(state.hideTimer));
  tip.addEventListener("mouseleave", hideTipSoon);
  mirror.addEventListener("focusin", (e) => {
    if (e.target.classList.contains("hl")) {
      note.scrollTop = mirror.scrollTop;
      showTip(e.target);
    }
  });
  mirror.addEventListener("focusout", hideTip);
  mirror.addEventListener("keydown", (e) => {
    if (!e.target.classList.contains("hl")) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      const first = findingsOf(e.target)[0];
      if (first) select(first);
    }
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(); });
  $("controls").addEventListener("submit", (e) => e.preventDefault());
  recordType.addEventListener("change", check);
  profile.addEventListener("change", check);
  $("copy").addEventListener("click", copyText);
  $("api-key").addEventListener("change", async (e) => {
    state.apiKey = e.target.value.trim();
    try {
      await loadCatalogue();
      check();
    } catch (error) {
      setStatus(error.message, true);
    }
  });
  window.addEventListener("resize", syncMirror);
  new ResizeObserver(syncMirror).observe(note);

  loadCatalogue()
    .then(() => { if (note.value.trim()) check(); })
    .catch((error) => setStatus(error.message, true));
  renderMirror(note.value, []);
})();
