// 15-minute sparklines of HR, SpO2, SBP, RR and NEWS2 on the ED board's patient cards.
//
// Seeded once per card from GET /api/patients/{id}/history?step=15s (the last 15 minutes, buckets aligned to the
// epoch) and extended from every patientUpdated state. Readings are kept in the same 15 s bins as the history
// buckets (mean per bin), so a card holds at most 60 points per parameter whatever the frame rate. Each line is
// labelled with its parameter and latest value (never colour only) and redrawn at most once a second per card.

const SVG_NS = "http://www.w3.org/2000/svg";
const WINDOW_MS = 15 * 60 * 1000;
const STEP_MS = 15 * 1000;
const MIN_REDRAW_MS = 1000;
const VIEW_W = 120;
const VIEW_H = 30;

/** What is drawn, in order; `span` is the least vertical range shown, so noise does not look like a trend. */
export const SPARK_PARAMETERS = Object.freeze([
  { key: "hr", label: "HR", title: "Heart rate", unit: "bpm", span: 20, read: (s) => s.vitals?.hr },
  { key: "spo2", label: "SpO₂", title: "Oxygen saturation", unit: "%", span: 6, read: (s) => s.vitals?.spo2 },
  { key: "sbp", label: "SBP", title: "Systolic blood pressure", unit: "mmHg", span: 30, read: (s) => s.vitals?.sbp },
  { key: "rr", label: "RR", title: "Respiration rate", unit: "/min", span: 8, read: (s) => s.vitals?.rr },
  { key: "news2", label: "NEWS2", title: "NEWS2 total", unit: "", span: 4, read: (s) => s.news2?.total },
]);

const isNum = (v) => typeof v === "number" && Number.isFinite(v);
const binOf = (ms) => Math.floor(ms / STEP_MS);

/** One card's readings: parameter key -> Map(bin -> { sum, count }) from live states, and the history seed. */
class CardSeries {
  constructor() {
    this.live = new Map(SPARK_PARAMETERS.map((p) => [p.key, new Map()]));
    this.seed = new Map(SPARK_PARAMETERS.map((p) => [p.key, new Map()]));
    this.latest = new Map();
    this.lastTs = null;
    this.dirty = true;
    this.drawnAt = 0;
    this.view = null;
  }

  /** Adds the readings of a state once per measurement time (a state re-sent for an alert or ETA adds nothing). */
  addState(state) {
    const ts = Date.parse(state.vitals?.ts ?? "");
    if (!Number.isFinite(ts) || ts === this.lastTs) return;
    this.lastTs = ts;
    const bin = binOf(ts);
    for (const p of SPARK_PARAMETERS) {
      const value = p.read(state);
      if (!isNum(value)) continue;
      const bins = this.live.get(p.key);
      const b = bins.get(bin) ?? { sum: 0, count: 0 };
      b.sum += value;
      b.count += 1;
      bins.set(bin, b);
      this.latest.set(p.key, value);
    }
    this.dirty = true;
  }

  /** History buckets: the store saw every frame, the live states only the coalesced ones, so the store wins. */
  addHistory(buckets) {
    for (const bucket of buckets) {
      const start = Date.parse(bucket.start ?? "");
      if (!Number.isFinite(start)) continue;
      for (const p of SPARK_PARAMETERS) {
        const stats = bucket[p.key];
        if (stats && isNum(stats.mean)) this.seed.get(p.key).set(binOf(start), stats.mean);
      }
    }
    this.dirty = true;
  }

  /** Points [bin, value] of one parameter inside the window, oldest first. */
  points(key, firstBin) {
    const merged = new Map(this.seed.get(key));
    const lastSeedBin = merged.size ? Math.max(...merged.keys()) : -Infinity;
    for (const [bin, b] of this.live.get(key)) {
      // The newest history bucket may still be filling while the states already carry its frames.
      if (!merged.has(bin) || bin >= lastSeedBin) merged.set(bin, b.sum / b.count);
    }
    for (const bins of [this.live.get(key), this.seed.get(key)]) for (const bin of bins.keys()) if (bin < firstBin) bins.delete(bin);
    return [...merged].filter(([bin]) => bin >= firstBin).sort((a, b) => a[0] - b[0]);
  }
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function fmt(key, value) {
  if (!isNum(value)) return "—";
  return String(Math.round(value));
}

export class CardSparklines {
  /**
   * @param {{ historyUrl: (patientId: string) => string, cardOf: (patientId: string) => Element | null, now: () => number }} options
   */
  constructor({ historyUrl, cardOf, now }) {
    this.historyUrl = historyUrl;
    this.cardOf = cardOf;
    this.now = now;
    /** patientId -> CardSeries */
    this.cards = new Map();
    this.timer = 0;
    window.setInterval(() => this.drawDue(), 5000);
  }

  /** A state for a shown card: seeds the card's history the first time, then adds the state's readings. */
  track(state) {
    let series = this.cards.get(state.patientId);
    if (!series) {
      series = new CardSeries();
      this.cards.set(state.patientId, series);
      this.seed(state.patientId, series);
    }
    series.addState(state);
    this.schedule();
  }

  forget(patientId) {
    const series = this.cards.get(patientId);
    series?.view?.root.remove();
    this.cards.delete(patientId);
  }

  async seed(patientId, series) {
    try {
      const res = await fetch(this.historyUrl(patientId), { headers: { Accept: "application/json" }, cache: "no-store" });
      if (!res.ok) return; // 503 while the store is down: the lines start from the live states
      const body = await res.json();
      if (this.cards.get(patientId) !== series || !Array.isArray(body?.buckets)) return;
      series.addHistory(body.buckets);
      this.schedule();
    } catch (error) {
      console.warn("Sparkline history not loaded:", patientId, error);
    }
  }

  /** One timer for all cards; each card is redrawn when it changed and its last drawing is a second old. */
  schedule() {
    if (this.timer) return;
    this.timer = window.setTimeout(() => { this.timer = 0; this.drawDue(); }, 50);
  }

  drawDue() {
    const now = performance.now();
    let waiting = false;
    for (const [patientId, series] of this.cards) {
      // The window slides: redraw every card now and then even without new readings.
      if (!series.dirty && now - series.drawnAt < STEP_MS) continue;
      if (now - series.drawnAt < MIN_REDRAW_MS) { waiting = true; continue; }
      if (this.draw(patientId, series)) { series.dirty = false; series.drawnAt = now; } else waiting = true;
    }
    if (waiting && !this.timer) this.timer = window.setTimeout(() => { this.timer = 0; this.drawDue(); }, 250);
  }

  /** Draws into the card; false while the card is not in the page yet. */
  draw(patientId, series) {
    const card = this.cardOf(patientId);
    if (!card) return false;
    if (!series.view || !card.contains(series.view.root)) series.view = this.createView(card);
    const firstBin = binOf(this.now() - WINDOW_MS);
    const lastBin = firstBin + WINDOW_MS / STEP_MS;
    for (const p of SPARK_PARAMETERS) {
      const v = series.view.lines[p.key];
      const points = series.points(p.key, firstBin);
      const latest = series.latest.get(p.key) ?? (points.length ? points[points.length - 1][1] : null);
      const text = fmt(p.key, latest);
      if (v.value.textContent !== text) v.value.textContent = text;
      v.svg.setAttribute("data-points", String(points.length));
      v.svg.setAttribute("aria-label", points.length
        ? `${p.title}, last 15 minutes: ${points.length} points from ${fmt(p.key, Math.min(...points.map((x) => x[1])))} to ${fmt(p.key, Math.max(...points.map((x) => x[1])))}, latest ${text}${p.unit ? ` ${p.unit}` : ""}`
        : `${p.title}, last 15 minutes: no readings`);
      if (!points.length) { v.line.setAttribute("points", ""); v.dot.setAttribute("visibility", "hidden"); continue; }
      const values = points.map((x) => x[1]);
      let lo = Math.min(...values), hi = Math.max(...values);
      if (hi - lo < p.span) { const mid = (hi + lo) / 2; lo = mid - p.span / 2; hi = mid + p.span / 2; }
      const x = (bin) => ((bin - firstBin + 0.5) / (lastBin - firstBin)) * VIEW_W;
      const y = (value) => VIEW_H - 2 - ((value - lo) / (hi - lo)) * (VIEW_H - 4);
      v.line.setAttribute("points", points.length > 1 ? points.map(([bin, value]) => `${x(bin).toFixed(1)},${y(value).toFixed(1)}`).join(" ") : "");
      const [lastBinDrawn, lastValue] = points[points.length - 1];
      v.dot.setAttribute("visibility", "visible");
      v.dot.setAttribute("cx", x(lastBinDrawn).toFixed(1));
      v.dot.setAttribute("cy", y(lastValue).toFixed(1));
    }
    return true;
  }

  createView(card) {
    const root = document.createElement("div");
    root.className = "ed-sparks";
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", "Last 15 minutes");
    const lines = {};
    for (const p of SPARK_PARAMETERS) {
      const figure = document.createElement("figure");
      figure.className = "ed-spark";
      figure.dataset.vital = p.key;
      const caption = document.createElement("figcaption");
      const name = document.createElement("abbr");
      name.className = "ed-spark-name";
      name.title = `${p.title}, last 15 minutes`;
      name.textContent = p.label;
      const value = document.createElement("span");
      value.className = "ed-spark-value";
      caption.append(name, " ", value);
      const chart = svg("svg", { viewBox: `0 0 ${VIEW_W} ${VIEW_H}`, preserveAspectRatio: "none", role: "img", class: "ed-spark-chart" });
      const line = svg("polyline", { class: "ed-spark-line", points: "", "vector-effect": "non-scaling-stroke" });
      const dot = svg("circle", { class: "ed-spark-dot", r: 2, visibility: "hidden", "vector-effect": "non-scaling-stroke" });
      chart.append(line, dot);
      figure.append(caption, chart);
      root.append(figure);
      lines[p.key] = { svg: chart, line, dot, value };
    }
    // Under the vitals; the rest of the card is left as it is.
    const vitals = card.querySelector(".ed-vitals");
    if (vitals) vitals.after(root); else card.append(root);
    return { root, lines };
  }
}
