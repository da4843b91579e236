// Live region board: one row per patient with vitals, NEWS2 parameter scores and total.
//
// Data flow
//   GET  api/patients?region={region}  -> PatientState[]    (initial load and after every (re)subscribe)
//   hub  hubs/live  invoke WatchRegion(region), then "patientUpdated"(PatientState) pushes
// Every update carries a per-patient version; anything not newer than what is shown is dropped,
// so out-of-order pushes and HTTP snapshots can be mixed freely.
//
// Rendering: updates are batched into one requestAnimationFrame; a row's cells are updated in place.
// Rows are re-sorted at most once a second so the board does not jump on every push.

const RISK_RANK = Object.freeze({ "high": 3, "medium": 2, "low-medium": 1, "low": 0 });
const RISK_LABEL = Object.freeze({ "high": "HIGH", "medium": "MEDIUM", "low-medium": "LOW-MEDIUM", "low": "LOW" });
const RISKS = Object.freeze(["high", "medium", "low-medium", "low"]);

const CONDITION_LABEL = Object.freeze({
  "trauma": "Trauma",
  "stroke": "Stroke",
  "stemi": "STEMI",
  "sepsis": "Sepsis",
  "respiratory": "Respiratory",
  "obstetric": "Obstetric",
  "paediatric": "Paediatric",
  "other": "Other",
});
/** Shown values that are not scored yet (artefact filter). */
const FLAG_TEXT = Object.freeze({ "pending": "unconfirmed", "artefact": "artefact" });
const FLAG_TITLE = Object.freeze({
  "pending": "Unconfirmed: a new value, scored once it holds",
  "artefact": "Artefact suspected (probe off or implausible jump): not scored",
});
const SHOCK_INDEX_BANDS = Object.freeze(["normal", "elevated", "high", "severe"]);

const STALE_AFTER_S = 30;
const SORT_INTERVAL_MS = 1000;
const POLL_WHILE_OFFLINE_MS = 10000;
/** Reconnect back-off; the last value repeats forever. */
const RETRY_DELAYS_MS = Object.freeze([0, 1000, 2000, 5000, 10000]);

const ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

// ---------------------------------------------------------------------------------------------
// Region and endpoints

const query = new URLSearchParams(window.location.search);
const region = (query.get("region") ?? "").trim().toLowerCase() || "sh";
const patientsUrl = new URL(`api/patients?region=${encodeURIComponent(region)}`, document.baseURI).toString();
const hubUrl = new URL("hubs/live", document.baseURI).toString();

// ---------------------------------------------------------------------------------------------
// State

/** patientId -> PatientState currently shown. */
const patients = new Map();
/** patientId -> version of a patient that left the board (so late, older updates cannot bring it back). */
const departed = new Map();
/** patientId -> performance.now() of the last accepted push (guards snapshot-based removal). */
const lastPushAt = new Map();
/** patientId -> row view. */
const views = new Map();
/** Patients whose row must be (re)rendered or removed on the next frame. */
const dirty = new Set();

let frameRequested = false;
let sortDue = false;
let lastSortAt = 0;
let sortTimer = 0;
let connectionState = "disconnected";
let loadInFlight = false;
let reloadPending = false;
let lastLoadAttemptAt = -Infinity;
let lastLoadOkAt = 0;
let lastLoadError = null;
/** Server clock minus local clock, in ms (from the HTTP Date header; 0 when clocks agree). */
let clockOffsetMs = 0;

// ---------------------------------------------------------------------------------------------
// DOM references

const $ = (id) => document.getElementById(id);
const dom = {
  rows: $("patient-rows"),
  empty: $("empty-state"),
  connection: $("connection"),
  notice: $("notice"),
  clock: $("clock"),
  count: $("patient-count"),
  announcer: $("announcer"),
  summary: Object.fromEntries(RISKS.map((r) => [r, document.querySelector(`[data-count="${r}"]`)])),
};

$("region").textContent = region;
$("empty-region").textContent = region;
$("board-title-region").textContent = region;
document.title = `${region.toUpperCase()} · Region board · Emergency`;

// ---------------------------------------------------------------------------------------------
// Small helpers

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setAttr(node, name, value) {
  if (value === null || value === undefined) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) {
    node.setAttribute(name, value);
  }
}

function isNum(v) {
  return typeof v === "number" && Number.isFinite(v);
}

function fmtInt(v) {
  return isNum(v) ? String(Math.round(v)) : "—";
}

function fmtTemp(v) {
  return isNum(v) ? v.toFixed(1) : "—";
}

function nowMs() {
  return Date.now() + clockOffsetMs;
}

function parseTime(iso) {
  if (typeof iso !== "string") return NaN;
  return Date.parse(iso);
}

function fmtClock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

function fmtDuration(seconds, { preferSeconds = false } = {}) {
  if (seconds < 60 || (preferSeconds && seconds < 120)) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h`;
}

function retryDelay(attempt) {
  const base = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
  // ±20 % jitter so many boards do not reconnect in lock-step after a server restart.
  return base === 0 ? 0 : Math.round(base * (0.8 + Math.random() * 0.4));
}

function riskOf(state) {
  const risk = state?.news2?.risk;
  return typeof risk === "string" && risk in RISK_RANK ? risk : null;
}

function totalOf(state) {
  const total = state?.news2?.total;
  return isNum(total) ? total : -1;
}

function compareStates(a, b) {
  const ra = RISK_RANK[riskOf(a)] ?? -1;
  const rb = RISK_RANK[riskOf(b)] ?? -1;
  if (ra !== rb) return rb - ra;
  const ta = totalOf(a);
  const tb = totalOf(b);
  if (ta !== tb) return tb - ta;
  return a.patientId < b.patientId ? -1 : a.patientId > b.patientId ? 1 : 0;
}

function isPatientState(s) {
  return s !== null && typeof s === "object"
    && typeof s.patientId === "string" && ID_PATTERN.test(s.patientId)
    && isNum(s.version);
}

function inRegion(s) {
  return typeof s.region !== "string" || s.region.toLowerCase() === region;
}

// ---------------------------------------------------------------------------------------------
// Applying updates

/**
 * Applies one PatientState. Returns true when the board changed, false when the update was
 * dropped (malformed, or not newer than the version shown).
 */
function apply(state) {
  if (!isPatientState(state)) {
    console.warn("Ignoring malformed patient state", state);
    return false;
  }
  const id = state.patientId;
  const shown = patients.get(id);
  if (shown && state.version <= shown.version) return false;
  const gone = departed.get(id);
  if (!shown && gone !== undefined && state.version <= gone) return false;

  if (!inRegion(state)) {
    // The patient moved to another region: it leaves this board.
    if (shown) removePatient(id, state.version);
    else departed.set(id, state.version);
    return Boolean(shown);
  }

  departed.delete(id);
  patients.set(id, state);
  markDirty(id);
  if (!shown || riskOf(shown) !== riskOf(state) || totalOf(shown) !== totalOf(state)) sortDue = true;
  announceChange(shown, state);
  return true;
}

function removePatient(id, version) {
  const shown = patients.get(id);
  if (!shown) return;
  departed.set(id, Math.max(version ?? shown.version, shown.version));
  patients.delete(id);
  lastPushAt.delete(id);
  markDirty(id);
}

function markDirty(id) {
  dirty.add(id);
  requestRender();
}

function announceChange(before, after) {
  const risk = riskOf(after);
  if (risk !== "high" && risk !== "medium") return;
  if (before && (RISK_RANK[riskOf(before)] ?? -1) >= RISK_RANK[risk]) return;
  const total = isNum(after.news2?.total) ? after.news2.total : "unknown";
  setText(dom.announcer, `Patient ${after.patientId}: ${RISK_LABEL[risk]} risk, NEWS2 ${total}.`);
}

// ---------------------------------------------------------------------------------------------
// Rendering

function requestRender() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    render();
  });
}

/** Renders everything pending; re-sorts only when forced or when the last sort is ≥ 1 s old. */
function render({ forceSort = false } = {}) {
  const focused = document.activeElement;
  for (const id of dirty) {
    const state = patients.get(id);
    let view = views.get(id);
    if (!state) {
      if (view) {
        view.row.remove();
        views.delete(id);
      }
      continue;
    }
    if (!view) {
      view = createRow(state.patientId);
      views.set(id, view);
      insertSorted(view.row, state);
    }
    updateRow(view, state);
  }
  dirty.clear();

  const sinceSort = performance.now() - lastSortAt;
  if (sortDue && (forceSort || sinceSort >= SORT_INTERVAL_MS)) {
    sortRows();
  } else if (sortDue && !sortTimer) {
    // Too soon after the last sort: sort once the interval has passed.
    sortTimer = window.setTimeout(() => {
      sortTimer = 0;
      requestRender();
    }, SORT_INTERVAL_MS - sinceSort);
  }
  if (focused && focused !== document.activeElement && focused.isConnected) {
    focused.focus({ preventScroll: true });
  }
  updateSummary();
}

/** New rows go straight to their sorted place (nothing else moves). */
function insertSorted(row, state) {
  for (const other of dom.rows.children) {
    const otherState = patients.get(other.dataset.patientId);
    if (otherState && compareStates(state, otherState) < 0) {
      dom.rows.insertBefore(row, other);
      return;
    }
  }
  dom.rows.appendChild(row);
}

function sortRows() {
  sortDue = false;
  lastSortAt = performance.now();
  const ordered = [...patients.values()].sort(compareStates);
  const focused = document.activeElement;
  let cursor = dom.rows.firstElementChild;
  for (const state of ordered) {
    const row = views.get(state.patientId)?.row;
    if (!row) continue;
    if (row === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      dom.rows.insertBefore(row, cursor); // moves only rows that are out of place
    }
  }
  if (focused && focused !== document.activeElement && focused.isConnected) {
    focused.focus({ preventScroll: true });
  }
}

function updateSummary() {
  const counts = { "high": 0, "medium": 0, "low-medium": 0, "low": 0 };
  for (const state of patients.values()) {
    const risk = riskOf(state);
    if (risk) counts[risk] += 1;
  }
  for (const risk of RISKS) {
    setText(dom.summary[risk], String(counts[risk]));
    dom.summary[risk].parentElement.classList.toggle("zero", counts[risk] === 0);
  }
  setText(dom.count, String(patients.size));
  dom.empty.hidden = patients.size !== 0;
  $("patients-table").hidden = patients.size === 0;
}

function scoreChip(label) {
  const chip = el("span", "score");
  const hidden = el("span", "visually-hidden", `${label} score `);
  const value = document.createTextNode("—");
  chip.append(hidden, value);
  chip.dataset.score = "";
  return { chip, value };
}

function setScore(ref, score) {
  const known = isNum(score);
  const text = known ? String(score) : "—";
  if (ref.value.data !== text) ref.value.data = text;
  setAttr(ref.chip, "data-score", known ? String(Math.max(0, Math.min(3, Math.round(score)))) : "");
  setAttr(ref.chip, "title", known ? `NEWS2 parameter score ${score}` : "No score: value missing or stale");
}

function vitalCell(key, label, unit) {
  const cell = el("span", "cell vital");
  cell.setAttribute("role", "cell");
  cell.dataset.vital = key;
  const name = el("span", "cell-label", label);
  name.setAttribute("aria-hidden", "true");
  // Value with its parameter score on the first line; unit (and markers) below.
  const value = el("span", "value", "—");
  const score = scoreChip(label);
  const main = el("span", "vital-main");
  main.append(value, score.chip);
  const sub = el("span", "vital-sub");
  const unitEl = el("span", "unit", unit);
  // Shown value not scored yet: "unconfirmed" (pending) or "artefact".
  const flag = el("span", "tag tag-flag", "");
  flag.hidden = true;
  sub.append(unitEl, flag);
  cell.append(name, main, sub);
  return { cell, value, unit: unitEl, score, sub, flag };
}


function createRow(id) {
  const row = el("div", "row patient");
  row.id = `patient-${id}`;
  row.dataset.patientId = id;
  row.setAttribute("role", "row");
  row.tabIndex = 0;

  // NEWS2 total and risk
  const news2 = el("span", "cell news2");
  news2.setAttribute("role", "cell");
  const total = el("span", "total", "—");
  const badge = el("span", "badge", "");
  const incomplete = el("span", "tag tag-incomplete", "incomplete");
  incomplete.hidden = true;
  const notApplicable = el("span", "news2-na", "");
  notApplicable.hidden = true;
  const news2Meta = el("span", "news2-meta");
  news2Meta.append(badge, incomplete, notApplicable);
  const totalLabel = el("span", "visually-hidden", "NEWS2 total ");
  news2.append(totalLabel, total, news2Meta);

  // Patient and source
  const who = el("span", "cell patient-cell");
  who.setAttribute("role", "cell");
  const pid = el("span", "pid", id);
  const source = el("span", "source");
  const sourceId = el("span", "source-id", "");
  const sourceKind = el("span", "source-kind", "");
  source.append(sourceId, sourceKind);
  const extra = el("span", "extra");
  const alert = el("span", "tag tag-alert", "");
  alert.hidden = true;
  const condition = el("span", "tag tag-condition", "");
  condition.hidden = true;
  const qsofa = el("span", "tag tag-qsofa", "");
  qsofa.hidden = true;
  const shockIndex = el("span", "tag tag-si", "");
  shockIndex.hidden = true;
  const destination = el("span", "destination", "");
  destination.hidden = true;
  extra.append(alert, condition, qsofa, shockIndex, destination);
  who.append(pid, source, extra);

  const hr = vitalCell("hr", "HR", "bpm");
  const rr = vitalCell("rr", "RR", "/min");
  const spo2 = vitalCell("spo2", "SpO₂", "%");
  const bp = vitalCell("bp", "BP", "mmHg");
  const temp = vitalCell("temp", "Temp", "°C");
  const acvpu = vitalCell("acvpu", "ACVPU", "");

  // SpO2 extras: oxygen marker (with the O2 parameter score) and scale 2.
  const o2Tag = el("span", "tag tag-o2", "O₂");
  o2Tag.title = "On supplemental oxygen";
  const airTag = el("span", "tag tag-air", "air");
  airTag.title = "Breathing room air";
  const o2Score = scoreChip("Oxygen");
  const scaleTag = el("span", "tag tag-scale", "scale 2");
  scaleTag.title = "SpO₂ scale 2 (hypercapnic respiratory failure, target 88–92 %)";
  scaleTag.hidden = true;
  spo2.sub.append(o2Tag, airTag, o2Score.chip, scaleTag);

  // Age of the last reading (ticks every second; not announced).
  const ageCell = el("span", "cell age-cell");
  ageCell.setAttribute("role", "cell");
  ageCell.setAttribute("aria-live", "off");
  const age = el("span", "age", "—");
  const readingTime = el("span", "reading-time", "");
  ageCell.append(age, readingTime);

  row.append(news2, who, hr.cell, rr.cell, spo2.cell, bp.cell, temp.cell, acvpu.cell, ageCell);
  for (const v of [hr, rr, spo2, bp, temp, acvpu]) v.cell.setAttribute("aria-live", "off");

  return {
    row, total, badge, incomplete, notApplicable, sourceId, sourceKind, alert, condition, qsofa, shockIndex,
    destination, hr, rr, spo2, bp, temp, acvpu, o2Tag, airTag, o2Score, scaleTag, age, readingTime,
    readingAt: NaN, rendered: null,
  };
}

function describe(value, keys) {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    for (const key of keys) {
      if (typeof value[key] === "string" && value[key]) return value[key];
    }
  }
  return null;
}

function updateRow(view, state) {
  const { row } = view;
  const vitals = state.vitals ?? {};
  const news2 = state.news2 ?? {};
  const p = news2.parameters ?? {};
  const risk = riskOf(state);
  const previousRisk = row.dataset.risk;

  // Row attributes a test (or stylesheet) can rely on.
  setAttr(row, "data-risk", risk ?? "unknown");
  setAttr(row, "data-total", isNum(news2.total) ? String(news2.total) : "");
  setAttr(row, "data-version", String(state.version));
  setAttr(row, "data-complete", news2.complete === false ? "false" : "true");
  setAttr(row, "data-source-kind", state.source?.kind ?? null);

  // NEWS2 (and whether it applies to this patient at all)
  const notApplicable = news2.applicable === false;
  setAttr(row, "data-news2-applicable", notApplicable ? "false" : "true");
  setText(view.total, isNum(news2.total) ? String(news2.total) : "—");
  setText(view.badge, notApplicable ? "NEWS2 N/A" : risk ? RISK_LABEL[risk] : "NO SCORE");
  view.incomplete.hidden = news2.complete !== false || notApplicable;
  const naReason = notApplicable && typeof news2.notApplicableReason === "string" ? news2.notApplicableReason : "";
  // The badge already says "NEWS2 N/A": show the why ("pregnancy"), keep the full text as the tooltip.
  const naShort = naReason.replace(/^\s*NEWS2 not applicable\s*:?\s*/i, "");
  setText(view.notApplicable, notApplicable ? naShort || naReason || "not applicable" : "");
  setAttr(view.notApplicable, "title", naReason || null);
  view.notApplicable.hidden = !notApplicable;


  // Source
  const kind = state.source?.kind === "wearable" ? "wearable" : state.source?.kind === "ambulance" ? "ambulance" : "";
  setText(view.sourceId, typeof state.source?.id === "string" ? state.source.id : "—");
  setText(view.sourceKind, kind);
  view.sourceKind.hidden = kind === "";

  // Optional alert / destination (shown when the server provides them).
  const alertText = state.alert ? describe(state.alert, ["message", "text", "reason", "kind", "type"]) ?? "alert" : null;
  view.alert.hidden = alertText === null;
  setText(view.alert, alertText ? `⚠ ${alertText}` : "");
  setAttr(row, "data-alert", alertText ? "true" : null);
  // Condition category (from the patient's context) and the other scores.
  const conditionCode = typeof state.context?.condition === "string" ? state.context.condition : "";
  const conditionText = CONDITION_LABEL[conditionCode] ?? conditionCode;
  view.condition.hidden = conditionText === "";
  setText(view.condition, conditionText);
  const ageYears = state.context?.ageYears;
  setAttr(view.condition, "title", conditionText ? `Condition: ${conditionText}${isNum(ageYears) ? `, ${ageYears} years` : ""}` : null);
  setAttr(row, "data-condition", conditionCode || null);

  const qsofa = state.qsofa;
  const hasQsofa = qsofa !== null && typeof qsofa === "object" && isNum(qsofa.points);
  view.qsofa.hidden = !hasQsofa;
  setText(view.qsofa, hasQsofa ? `qSOFA ${qsofa.points}${qsofa.complete === false ? "?" : ""}` : "");
  setAttr(view.qsofa, "data-positive", hasQsofa ? String(qsofa.positive === true) : null);
  setAttr(view.qsofa, "title", hasQsofa
    ? `qSOFA ${qsofa.points} of 3: ${qsofa.positive ? "positive" : "not positive"}${qsofa.complete === false ? " (incomplete: counts only known criteria)" : ""}`
    : null);

  const si = state.shockIndex;
  const hasSi = si !== null && typeof si === "object" && isNum(si.value);
  view.shockIndex.hidden = !hasSi;
  setText(view.shockIndex, hasSi ? `SI ${si.value.toFixed(2)}` : "");
  setAttr(view.shockIndex, "data-band", hasSi && SHOCK_INDEX_BANDS.includes(si.band) ? si.band : null);
  setAttr(view.shockIndex, "title", hasSi ? `Shock index ${si.value.toFixed(2)}${typeof si.band === "string" ? ` (${si.band})` : ""}` : null);

  const destText = state.destination ? describe(state.destination, ["name", "hospital", "displayName", "id", "code"]) : null;
  view.destination.hidden = destText === null;
  setText(view.destination, destText ? `→ ${destText}` : "");

  // Vitals with their parameter scores
  setText(view.hr.value, fmtInt(vitals.hr));
  setScore(view.hr.score, p.hr);
  setText(view.rr.value, fmtInt(vitals.rr));
  setScore(view.rr.score, p.rr);
  setText(view.spo2.value, fmtInt(vitals.spo2));
  setScore(view.spo2.score, p.spo2);
  setText(view.bp.value, isNum(vitals.sbp) || isNum(vitals.dbp) ? `${fmtInt(vitals.sbp)}/${fmtInt(vitals.dbp)}` : "—");
  setScore(view.bp.score, p.sbp);
  setText(view.temp.value, fmtTemp(vitals.temp));
  setScore(view.temp.score, p.temp);
  setText(view.acvpu.value, typeof vitals.acvpu === "string" && vitals.acvpu ? vitals.acvpu : "—");
  setScore(view.acvpu.score, p.acvpu);

  view.o2Tag.hidden = vitals.o2 !== true;
  view.airTag.hidden = vitals.o2 !== false;
  setScore(view.o2Score, p.o2);
  view.scaleTag.hidden = vitals.spo2Scale !== 2;

  // Missing vitals are dimmed (the "—" score already says so).
  for (const v of [view.hr, view.rr, view.spo2, view.bp, view.temp, view.acvpu]) {
    v.cell.classList.toggle("missing", v.value.textContent === "—");
  }

  // Values shown but not scored yet (artefact filter).
  const flags = state.flags && typeof state.flags === "object" ? state.flags : {};
  setFlag(view.hr, flags.hr);
  setFlag(view.rr, flags.rr);
  setFlag(view.spo2, flags.spo2);
  setFlag(view.bp, flags.sbp ?? flags.dbp);
  setFlag(view.temp, flags.temp);
  setFlag(view.acvpu, flags.acvpu);

  view.readingAt = parseTime(vitals.ts);
  if (Number.isNaN(view.readingAt)) view.readingAt = parseTime(state.updatedAt);
  setText(view.readingTime, Number.isNaN(view.readingAt) ? "" : `at ${fmtClock(view.readingAt)}`);
  updateAge(view, nowMs());

  // Brief highlight when a patient's risk goes up.
  if (previousRisk && risk && (RISK_RANK[risk] ?? -1) > (RISK_RANK[previousRisk] ?? -1)) {
    row.classList.remove("escalated");
    void row.offsetWidth; // restart the animation
    row.classList.add("escalated");
  }
}

function setFlag(vital, flag) {
  const known = typeof flag === "string" && flag in FLAG_TEXT;
  vital.flag.hidden = !known;
  setText(vital.flag, known ? FLAG_TEXT[flag] : "");
  setAttr(vital.flag, "data-flag", known ? flag : null);
  setAttr(vital.flag, "title", known ? FLAG_TITLE[flag] : null);
  setAttr(vital.cell, "data-flag", known ? flag : null);
}

function updateAge(view, now) {
  if (Number.isNaN(view.readingAt)) {
    setText(view.age, "no data");
    view.row.classList.add("stale");
    setAttr(view.row, "data-stale", "true");
    return;
  }
  const seconds = Math.max(0, Math.floor((now - view.readingAt) / 1000));
  const stale = seconds > STALE_AFTER_S;
  setText(view.age, stale ? `no data for ${fmtDuration(seconds, { preferSeconds: true })}` : `${fmtDuration(seconds)} ago`);
  view.row.classList.toggle("stale", stale);
  setAttr(view.row, "data-stale", stale ? "true" : "false");
}

function tick() {
  const now = nowMs();
  setText(dom.clock, fmtClock(now));
  dom.clock.dateTime = new Date(now).toISOString();
  for (const view of views.values()) updateAge(view, now);

  // Without a live connection, keep the list fresh over HTTP.
  const sinceLoad = performance.now() - lastLoadAttemptAt;
  if (!loadInFlight && (connectionState !== "connected" || lastLoadError) && sinceLoad >= POLL_WHILE_OFFLINE_MS) {
    loadSnapshot();
  }
  updateNotice();
}

// ---------------------------------------------------------------------------------------------
// Keyboard: arrow keys move between rows.

dom.rows.addEventListener("keydown", (event) => {
  const row = event.target.closest?.(".row.patient");
  if (!row) return;
  let target = null;
  switch (event.key) {
    case "ArrowDown": target = row.nextElementSibling; break;
    case "ArrowUp": target = row.previousElementSibling; break;
    case "Home": target = dom.rows.firstElementChild; break;
    case "End": target = dom.rows.lastElementChild; break;
    default: return;
  }
  if (target) {
    event.preventDefault();
    target.focus();
  }
});

// ---------------------------------------------------------------------------------------------
// HTTP snapshot

async function loadSnapshot() {
  if (loadInFlight) {
    // A load that started earlier may predate the subscription: load once more when it ends.
    reloadPending = true;
    return;
  }
  loadInFlight = true;
  reloadPending = false;
  const startedAt = performance.now();
  lastLoadAttemptAt = startedAt;
  try {
    const response = await fetch(patientsUrl, { cache: "no-store", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    updateClockOffset(response.headers.get("Date"));
    const list = await response.json();
    if (!Array.isArray(list)) throw new Error("unexpected response");

    const present = new Set();
    for (const state of list) {
      if (!isPatientState(state)) continue;
      present.add(state.patientId);
      apply(state);
    }
    // Patients the server no longer lists have left the region, unless a push arrived meanwhile.
    for (const id of [...patients.keys()]) {
      if (!present.has(id) && !((lastPushAt.get(id) ?? -Infinity) >= startedAt)) removePatient(id);
    }
    lastLoadOkAt = Date.now();
    lastLoadError = null;
    requestRender();
  } catch (error) {
    lastLoadError = error instanceof Error ? error.message : String(error);
    console.warn("Loading patients failed:", error);
  } finally {
    loadInFlight = false;
    updateNotice();
    if (reloadPending) loadSnapshot();
  }
}

function updateClockOffset(dateHeader) {
  const server = Date.parse(dateHeader ?? "");
  if (Number.isNaN(server)) return;
  const offset = server - Date.now();
  // The Date header has 1 s resolution: only correct clearly wrong local clocks.
  clockOffsetMs = Math.abs(offset) > 3000 ? offset : 0;
}

function updateNotice() {
  let text = "";
  if (lastLoadError) {
    text = `Could not load the patient list (${lastLoadError}). Retrying…`;
  } else if (connectionState !== "connected" && lastLoadOkAt > 0) {
    text = `Live updates unavailable. List last refreshed at ${fmtClock(lastLoadOkAt + clockOffsetMs)}; refreshing every ${POLL_WHILE_OFFLINE_MS / 1000} s.`;
  }
  setText(dom.notice, text);
  dom.notice.hidden = text === "";
}

// ---------------------------------------------------------------------------------------------
// SignalR

const CONNECTION_TEXT = Object.freeze({ connected: "connected", reconnecting: "reconnecting…", disconnected: "disconnected" });

function setConnection(state) {
  connectionState = state;
  setText(dom.connection, CONNECTION_TEXT[state]);
  setAttr(dom.connection, "data-state", state);
  document.body.dataset.connection = state;
  updateNotice();
}

let connection = null;
let startAttempt = 0;
let startTimer = 0;

function createConnection() {
  const signalR = window.signalR;
  const hub = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  hub.on("patientUpdated", (state) => {
    if (isPatientState(state)) lastPushAt.set(state.patientId, performance.now());
    apply(state);
  });
  hub.onreconnecting(() => setConnection("reconnecting"));
  hub.onreconnected(() => subscribe());
  hub.onclose(() => {
    setConnection("disconnected");
    scheduleStart();
  });
  return hub;
}

function scheduleStart() {
  if (startTimer) return;
  // Start attempts after a close never go immediate: begin at the second step of the back-off.
  const delay = retryDelay(startAttempt + 1);
  startAttempt += 1;
  startTimer = window.setTimeout(() => {
    startTimer = 0;
    start();
  }, delay);
}

async function start() {
  if (connection.state !== "Disconnected") return;
  try {
    await connection.start();
  } catch (error) {
    console.warn("Live connection failed:", error);
    setConnection("disconnected");
    scheduleStart();
    return;
  }
  await subscribe();
}

/** Joins the region's updates, then reloads the list so nothing pushed before joining is missed. */
async function subscribe() {
  try {
    await connection.invoke("WatchRegion", region);
  } catch (error) {
    console.warn("WatchRegion failed:", error);
    // Not watching: drop the connection; onclose schedules a fresh start with back-off.
    connection.stop().catch(() => {});
    return;
  }
  startAttempt = 0;
  setConnection("connected");
  loadSnapshot();
}

window.addEventListener("online", () => {
  if (connection && connection.state === "Disconnected") {
    window.clearTimeout(startTimer);
    startTimer = 0;
    start();
  }
});

// ---------------------------------------------------------------------------------------------
// Test hook and start-up

window.emergencyBoard = Object.freeze({
  region,
  patients,
  apply,
  /** Renders pending updates and sorts now (instead of waiting for the next frame / second). */
  flush() {
    render({ forceSort: true });
  },
});

setConnection("disconnected");
updateSummary();
tick();
window.setInterval(tick, 1000);

loadSnapshot();
if (window.signalR?.HubConnectionBuilder) {
  connection = createConnection();
  start();
} else {
  console.error("SignalR client not loaded (lib/signalr/signalr.min.js); showing the list over HTTP only.");
}
