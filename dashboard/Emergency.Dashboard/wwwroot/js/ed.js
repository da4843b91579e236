// ED board: one hospital's inbound and arrived patients, their alerts, and the hospital's capacity.
//
// Data: GET /api/hospitals/{id}, GET /api/patients?hospitalId={id} (inbound, soonest first), hub /hubs/live:
//   WatchHospital(id) → patientInbound (adds a card), hospitalUpdated (header, capacity, live ETAs);
//   WatchPatient(pid) for every card → patientUpdated and alert events for those patients.
// A card stays while the patient's destination is this hospital (arrived patients leave the inbound list
// but keep their card, marked arrived); a patient sent elsewhere leaves the board.
// Updates are dropped unless their version is higher than the one shown. Text goes in with textContent only.

import { AlarmSound } from "./alarm-sound.js";
import { CardSparklines } from "./ed-sparklines.js";
import { riskEstimateText } from "./risk-estimate.js";
import { attachEcgStrip } from "./ecg-strip.js";

const RISK_RANK = Object.freeze({ "high": 3, "medium": 2, "low-medium": 1, "low": 0 });
const RISK_LABEL = Object.freeze({ "high": "HIGH", "medium": "MEDIUM", "low-medium": "LOW-MEDIUM", "low": "LOW" });
const PRIORITY_RANK = Object.freeze({ "high": 3, "medium": 2, "low": 1 });
const ALERT_KIND_LABEL = Object.freeze({
  "news2-high": "NEWS2", "single-parameter": "Single parameter", "qsofa": "qSOFA positive",
  "shock-index": "Shock index", "trend": "Trend", "predicted": "Predicted deterioration", "possible-stemi": "Possible STEMI — confirm",
});
const CONDITION_LABEL = Object.freeze({
  "trauma": "Trauma", "stroke": "Stroke", "stemi": "STEMI", "sepsis": "Sepsis", "respiratory": "Respiratory",
  "obstetric": "Obstetric", "paediatric": "Paediatric", "other": "Other",
});
const VITALS = Object.freeze([
  { key: "hr", label: "HR", title: "Heart rate", unit: "bpm" },
  { key: "rr", label: "RR", title: "Respiration rate", unit: "/min" },
  { key: "spo2", label: "SpO₂", title: "Oxygen saturation", unit: "%" },
  { key: "sbp", label: "BP", title: "Blood pressure, systolic / diastolic", unit: "mmHg" },
  { key: "temp", label: "Temp", title: "Temperature", unit: "°C" },
  { key: "acvpu", label: "ACVPU", title: "Alert, new Confusion, Voice, Pain, Unresponsive", unit: "" },
]);
const STALE_AFTER_S = 30;
/** Seconds without a reading before a card turns grey: Boards:StaleAfter from GET /api/boards/settings. */
let staleAfterS = STALE_AFTER_S;
const HIGH_ALARM_REPEAT_MS = 10000;
const POLL_WHILE_OFFLINE_MS = 10000;
const ACK_USER_KEY = "emergency.board.ackUser";
const RETRY_DELAYS_MS = Object.freeze([0, 1000, 2000, 5000, 10000]);
const CONNECTION_TEXT = Object.freeze({ connected: "connected", reconnecting: "reconnecting…", disconnected: "disconnected" });

// ---------------------------------------------------------------------------------------------
// Hospital and endpoints

const pathParts = window.location.pathname.split("/").filter(Boolean);
const hospitalId = decodeURIComponent(pathParts[1] ?? new URLSearchParams(window.location.search).get("hospitalId") ?? "");
const api = (path) => new URL(path, window.location.origin).toString();
const hospitalUrl = api(`/api/hospitals/${encodeURIComponent(hospitalId)}`);
const inboundUrl = api(`/api/patients?hospitalId=${encodeURIComponent(hospitalId)}`);
const hubUrl = api("/hubs/live");

// ---------------------------------------------------------------------------------------------
// State

/** patientId -> PatientState shown. */
const patients = new Map();
/** patientId -> card view. */
const views = new Map();
/** patientId -> true once the patient is no longer on the hospital's inbound list (arrived). */
const arrived = new Set();
/** alertId -> open Alert for a shown patient. */
const alerts = new Map();
/** alertId -> alert row view. */
const alertViews = new Map();
/** alertId -> version at which it was cleared. */
const clearedAlerts = new Map();
/** Patients watched over the hub on this connection. */
const watched = new Set();
let hospital = null;
let connection = null;
let connectionState = "disconnected";
let clockOffsetMs = 0;
let lastLoadOkAt = 0;
let lastLoadError = null;
let loadInFlight = false;
let lastLoadAttemptAt = 0;
let nextHighAlarmAt = 0;
let alertsLoaded = false;

const $ = (id) => document.getElementById(id);
const dom = {
  name: $("hospital-name"), id: $("hospital-id"), status: $("hospital-status"), stale: $("hospital-stale"),
  connection: $("connection"), notice: $("notice"), clock: $("clock"),
  alertsPanel: $("alerts"), alertRows: $("alert-rows"), alertsEmpty: $("alerts-empty"),
  alertUnacked: $("alert-unacked-count"), alertAnnouncer: $("alert-announcer"),
  cards: $("inbound"), empty: $("inbound-empty"), count: $("inbound-count"), announcer: $("announcer"),
  ackUser: $("ack-user"), soundToggle: $("sound-toggle"),
  capResus: $("cap-resus"), capEd: $("cap-ed"), capIcu: $("cap-icu"), capOr: $("cap-or"), capUpdated: $("cap-updated"),
  form: $("capacity-form"), formErrors: $("capacity-errors"), formResult: $("capacity-result"), formSubmit: $("capacity-submit"),
};
dom.id.textContent = hospitalId || "—";

// ---------------------------------------------------------------------------------------------
// Helpers

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
function setText(node, text) { const t = text ?? ""; if (node.textContent !== t) node.textContent = t; }
function setAttr(node, name, value) {
  if (value === null || value === undefined) node.removeAttribute(name);
  else if (node.getAttribute(name) !== String(value)) node.setAttribute(name, String(value));
}
const isNum = (v) => typeof v === "number" && Number.isFinite(v);
const nowMs = () => Date.now() + clockOffsetMs;
function parseTime(iso) { const t = iso ? Date.parse(iso) : NaN; return Number.isFinite(t) ? t : null; }
const pad = (n) => String(n).padStart(2, "0");
function fmtClock(ms) { const d = new Date(ms); return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`; }
function fmtHm(ms) { const d = new Date(ms); return `${pad(d.getHours())}:${pad(d.getMinutes())}`; }
function fmtAgo(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
function retryDelay(attempt) { return RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]; }
const riskOf = (s) => (s?.news2?.risk in RISK_RANK ? s.news2.risk : null);
const isPatientState = (s) => s && typeof s === "object" && typeof s.patientId === "string" && isNum(s.version);
const isAlert = (a) => a && typeof a === "object" && typeof a.alertId === "string" && typeof a.patientId === "string";
const isAcknowledged = (a) => a.state === "acknowledged" || Boolean(a.acknowledgedAt);

function updateClockOffset(res) {
  const date = parseTime(res.headers.get("Date"));
  if (date !== null) clockOffsetMs = Math.abs(date - Date.now()) > 2000 ? date - Date.now() : 0;
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  updateClockOffset(res);
  if (!res.ok) {
    let detail = "";
    try { detail = (await res.json()).detail ?? ""; } catch { /* not a problem document */ }
    const error = new Error(detail || `HTTP ${res.status}`);
    error.status = res.status;
    throw error;
  }
  return res.json();
}

// ---------------------------------------------------------------------------------------------
// Hospital header and capacity

function applyHospital(h) {
  if (!h || h.hospitalId !== hospitalId) return false;
  hospital = h;
  setText(dom.name, h.name ?? h.hospitalId);
  document.title = `${h.name ?? h.hospitalId} · ED board · Emergency`;
  const state = h.status?.state === "diversion" ? "diversion" : "open";
  setAttr(dom.status, "data-state", state);
  if (state === "diversion") {
    const until = parseTime(h.status?.until);
    setText(dom.status, `ON DIVERSION${h.status?.reason ? ` — ${h.status.reason}` : ""}${until ? ` until ${fmtHm(until)}` : ""}`);
  } else {
    setText(dom.status, "OPEN");
  }
  updateStaleness();
  const c = h.capacity ?? {};
  const frac = (free, total) => (isNum(free) ? (isNum(total) ? `${free} / ${total}` : String(free)) : "—");
  setText(dom.capResus, frac(c.resusBaysFree, c.resusBaysTotal) + (h.resusBaysHeld > 0 ? ` (${h.resusBaysHeld} held for inbound)` : ""));
  setText(dom.capEd, frac(c.edBedsFree, c.edBedsTotal));
  setText(dom.capIcu, isNum(c.icuBedsFree) ? String(c.icuBedsFree) : "—");
  setText(dom.capOr, c.orAvailable === true ? "available" : c.orAvailable === false ? "not available" : "—");
  for (const node of [dom.capResus, dom.capEd, dom.capIcu]) setAttr(node, "data-zero", node.textContent.startsWith("0") ? "true" : null);
  fillForm(h);
  // Live ETAs of inbound units.
  for (const id of patients.keys()) markCard(id);
  return true;
}

function updateStaleness() {
  if (!hospital) return;
  const at = parseTime(hospital.updatedAt);
  const by = hospital.updatedBy ? ` by ${hospital.updatedBy}` : "";
  const ago = at ? `${fmtAgo((nowMs() - at) / 1000)} ago` : "time unknown";
  setAttr(dom.stale, "data-stale", hospital.stale ? "true" : "false");
  setText(dom.stale, hospital.stale ? `STALE capacity report (${ago}${by})` : `capacity reported ${ago}${by}`);
  setText(dom.capUpdated, at ? `Last report ${fmtHm(at)}${by}${hospital.stale ? " — stale: ranking treats counts as unknown" : ""}` : "");
}

/** The form follows the hospital's latest report until someone starts editing it. */
let formDirty = false;
function fillForm(h) {
  if (formDirty) return;
  const c = h.capacity ?? {};
  for (const key of ["resusBaysFree", "resusBaysTotal", "edBedsFree", "edBedsTotal", "icuBedsFree"]) {
    $(`f-${key}`).value = isNum(c[key]) ? String(c[key]) : "";
  }
  $("f-orAvailable").checked = c.orAvailable === true;
  $(h.status?.state === "diversion" ? "f-state-diversion" : "f-state-open").checked = true;
  $("f-reason").value = h.status?.reason ?? "";
  const until = parseTime(h.status?.until);
  $("f-until").value = until ? toLocalInput(until) : "";
}
function toLocalInput(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
dom.form.addEventListener("input", (event) => { if (event.target.id !== "f-by") formDirty = true; });

function readForm() {
  const num = (id) => { const v = $(id).value.trim(); return v === "" ? null : Number(v); };
  const state = dom.form.querySelector('input[name="status.state"]:checked')?.value ?? "open";
  const untilLocal = $("f-until").value;
  const until = untilLocal ? new Date(untilLocal).toISOString() : null;
  return {
    capacity: {
      resusBaysTotal: num("f-resusBaysTotal"), resusBaysFree: num("f-resusBaysFree"),
      edBedsTotal: num("f-edBedsTotal"), edBedsFree: num("f-edBedsFree"), icuBedsFree: num("f-icuBedsFree"),
      orAvailable: $("f-orAvailable").checked,
    },
    status: { state, reason: $("f-reason").value.trim() || null, until: state === "diversion" ? until : null },
    by: $("f-by").value.trim(),
  };
}

function clearFormErrors() {
  dom.formErrors.hidden = true;
  dom.formErrors.replaceChildren();
  for (const input of dom.form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  }
}

/** Shows each error next to the named field (capacity.x, status.x, by) and in the list. */
function showFormErrors(messages) {
  dom.formErrors.replaceChildren(el("p", "ed-form-errors-title", "Not saved:"));
  const list = el("ul");
  let first = null;
  messages.forEach((message, i) => {
    const li = el("li", null, message);
    li.id = `capacity-error-${i}`;
    list.append(li);
    const field = /^([a-zA-Z]+(?:\.[a-zA-Z]+)?)/.exec(message)?.[1];
    const input = field ? dom.form.querySelector(`[name="${CSS.escape(field)}"]`) : null;
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", li.id);
      first ??= input;
    }
  });
  dom.formErrors.append(list);
  dom.formErrors.hidden = false;
  first?.focus();
}

dom.form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFormErrors();
  setText(dom.formResult, "");
  const body = readForm();
  if (!body.by) { showFormErrors(["by: your name is required"]); return; }
  saveAckUser(body.by);
  dom.formSubmit.disabled = true;
  setText(dom.formSubmit, "Sending…");
  try {
    const res = await fetch(hospitalUrl + "/capacity", {
      method: "PUT", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body),
    });
    let answer = null;
    try { answer = await res.json(); } catch { /* empty */ }
    if (res.ok) {
      formDirty = false;
      applyHospital(answer);
      setText(dom.formResult, `Saved at ${fmtClock(nowMs())}.`);
    } else if (res.status === 400) {
      const errors = answer?.errors?.errors ?? Object.values(answer?.errors ?? {}).flat();
      showFormErrors(errors.length ? errors : [answer?.detail ?? "The report was refused."]);
    } else {
      showFormErrors([answer?.detail ?? `The server answered ${res.status}.`]);
    }
  } catch {
    showFormErrors(["The server could not be reached. Nothing was saved; try again."]);
  } finally {
    dom.formSubmit.disabled = false;
    setText(dom.formSubmit, "Send capacity report");
  }
});

// ---------------------------------------------------------------------------------------------
// Patients

function belongsHere(state) {
  return state.destination && state.destination.hospitalId === hospitalId;
}

/** Applies a patient state; returns false when dropped (malformed, older, or for another hospital). */
function apply(state, { inbound = false } = {}) {
  if (!isPatientState(state)) return false;
  const current = patients.get(state.patientId);
  if (current && current.version >= state.version) return false;
  if (!belongsHere(state)) {
    if (current) removePatient(state.patientId);
    return false;
  }
  patients.set(state.patientId, state);
  if (state.destination.arrivedAt) arrived.add(state.patientId);
  else if (inbound) arrived.delete(state.patientId);
  if (!current) {
    watchPatient(state.patientId);
    if (alertsLoaded) announce(`Patient ${state.patientId} inbound${state.destination.unitId ? ` with ${state.destination.unitId}` : ""}.`);
  }
  syncAlerts(state);
  markCard(state.patientId);
  sparklines.track(state);
  return true;
}

function removePatient(id) {
  patients.delete(id);
  arrived.delete(id);
  const view = views.get(id);
  if (view) { view.root.remove(); views.delete(id); }
  sparklines.forget(id);
  for (const [alertId, alert] of alerts) if (alert.patientId === id) dropAlert(alertId);
  if (watched.has(id) && connection?.state === "Connected") connection.invoke("UnwatchPatient", id).catch(() => {});
  watched.delete(id);
  renderCount();
}

function watchPatient(id) {
  if (watched.has(id) || connection?.state !== "Connected") return;
  watched.add(id);
  connection.invoke("WatchPatient", id).catch((error) => {
    watched.delete(id);
    console.warn("WatchPatient failed:", id, error);
  });
}

/** Current ETA (ms) of a patient: the hospital's live inbound list first, else the one recorded at the decision. */
function etaOf(state) {
  const unit = hospital?.inboundUnits?.find((u) => u.patientId === state.patientId);
  return parseTime(unit?.eta) ?? parseTime(state.destination?.eta);
}

function compareCards(a, b) {
  const ea = etaOf(a) ?? Infinity, eb = etaOf(b) ?? Infinity;
  if (ea !== eb) return ea - eb;
  const ra = RISK_RANK[riskOf(a)] ?? -1, rb = RISK_RANK[riskOf(b)] ?? -1;
  if (ra !== rb) return rb - ra;
  return (b.news2?.total ?? -1) - (a.news2?.total ?? -1) || a.patientId.localeCompare(b.patientId);
}

const dirty = new Set();
let frameRequested = false;
function markCard(id) {
  dirty.add(id);
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => { frameRequested = false; render(); });
}

function render() {
  for (const id of dirty) {
    const state = patients.get(id);
    if (!state) continue;
    let view = views.get(id);
    if (!view) { view = createCard(id); views.set(id, view); }
    updateCard(view, state);
  }
  dirty.clear();
  sortCards();
  renderCount();
  renderAlerts();
}

function sortCards() {
  const ordered = [...patients.values()].sort(compareCards);
  let previous = null;
  for (const state of ordered) {
    const node = views.get(state.patientId)?.root;
    if (!node) continue;
    const expected = previous ? previous.nextSibling : dom.cards.firstChild;
    if (node !== expected) dom.cards.insertBefore(node, expected);
    previous = node;
  }
}

function renderCount() {
  setText(dom.count, String(patients.size));
  dom.empty.hidden = patients.size > 0;
}

function createCard(id) {
  const root = el("li", "ed-card");
  root.id = `patient-${id}`;
  root.tabIndex = 0;
  root.setAttribute("role", "listitem");
  const head = el("div", "ed-card-head");
  const news = el("div", "ed-news2");
  const total = el("span", "ed-news2-total");
  const risk = el("span", "ed-risk");
  const incomplete = el("span", "tag tag-incomplete", "incomplete");
  news.append(el("span", "ed-news2-label", "NEWS2"), total, risk, incomplete);
  const who = el("div", "ed-who");
  const pid = el("span", "ed-pid", id);
  const condition = el("span", "ed-condition");
  const unit = el("span", "ed-unit");
  const extra = el("span", "ed-extra");
  who.append(pid, condition, unit, extra);
  const eta = el("div", "ed-eta");
  const etaValue = el("span", "ed-eta-value");
  const etaNote = el("span", "ed-eta-note");
  eta.append(el("span", "ed-eta-label", "ETA"), etaValue, etaNote);
  head.append(news, who, eta);
  const vitals = el("dl", "ed-vitals");
  const cells = {};
  for (const v of VITALS) {
    const cell = el("div", "ed-vital");
    cell.dataset.vital = v.key;
    const dt = el("dt");
    const abbr = el("abbr", null, v.label);
    abbr.title = v.title;
    dt.append(abbr);
    const dd = el("dd");
    const value = el("span", "ed-vital-value");
    const unitText = el("span", "ed-vital-unit", v.unit);
    const score = el("span", "score");
    dd.append(value, unitText, score);
    cell.append(dt, dd);
    vitals.append(cell);
    cells[v.key] = { cell, value, score };
  }
  const foot = el("div", "ed-card-foot");
  const age = el("span", "ed-age");
  const decision = el("span", "ed-decision");
  const seen = el("span", "ed-seen");
  seen.setAttribute("role", "status");
  const seenButton = el("button", "ack ed-seen-button", "Mark seen");
  seenButton.type = "button";
  seenButton.addEventListener("click", () => markSeen(id));
  foot.append(age, decision, seen, seenButton);
  const ecg = el("div", "ed-ecg"); // live ECG strip, shown once the patient's monitor streams one
  root.append(head, vitals, ecg, foot);
  attachEcgStrip(ecg, () => connection, id);
  return { root, total, risk, incomplete, condition, unit, extra, etaValue, etaNote, cells, age, decision, seen, seenButton };
}

function updateCard(view, s) {
  const risk = riskOf(s);
  setAttr(view.root, "data-risk", risk ?? "unknown");
  const eta = etaOf(s);
  setAttr(view.root, "data-eta", eta === null ? "" : String(eta));
  setAttr(view.root, "data-arrived", arrived.has(s.patientId) ? "true" : "false");
  setText(view.total, isNum(s.news2?.total) ? String(s.news2.total) : "—");
  setText(view.risk, risk ? RISK_LABEL[risk] : "NO SCORE");
  setAttr(view.risk, "data-risk", risk ?? "unknown");
  view.incomplete.hidden = s.news2?.complete !== false;
  const ctx = s.context ?? {};
  const cond = ctx.condition ? (CONDITION_LABEL[ctx.condition] ?? ctx.condition) : "Condition not recorded";
  const bits = [cond];
  if (isNum(ctx.ageYears)) bits.push(`${ctx.ageYears} y${ctx.sex ? ` ${ctx.sex}` : ""}`);
  if (ctx.pregnant) bits.push("pregnant");
  if (ctx.lvoSuspected) bits.push("LVO suspected");
  if (Array.isArray(ctx.traumaRedCriteria) && ctx.traumaRedCriteria.length) bits.push(`red criteria: ${ctx.traumaRedCriteria.join(", ")}`);
  setText(view.condition, bits.join(" · "));
  const unitId = s.destination?.unitId ?? (s.source?.kind === "ambulance" ? s.source.id : null);
  setText(view.unit, unitId ? `Unit ${unitId}` : `Source ${s.source?.id ?? "unknown"}`);
  const extras = [];
  if (s.qsofa && isNum(s.qsofa.points)) extras.push(`qSOFA ${s.qsofa.points}/3${s.qsofa.positive ? " POSITIVE" : ""}${s.qsofa.complete === false ? " (incomplete)" : ""}`);
  if (s.shockIndex && isNum(s.shockIndex.value)) extras.push(`Shock index ${s.shockIndex.value.toFixed(2)} ${s.shockIndex.band ?? ""}`.trim());
  if (s.news2?.applicable === false) extras.push(`NEWS2 not applicable${s.news2.notApplicableReason ? `: ${s.news2.notApplicableReason}` : ""}`);
  const predicted = riskEstimateText(s);
  if (predicted) extras.push(predicted);
  setText(view.extra, extras.join(" · "));
  setAttr(view.extra, "data-alarm", s.qsofa?.positive || ["high", "severe"].includes(s.shockIndex?.band) ? "true" : null);
  const vit = s.vitals ?? {};
  const params = s.news2?.parameters ?? {};
  const flags = s.flags ?? {};
  for (const v of VITALS) {
    const c = view.cells[v.key];
    let text = "—";
    if (v.key === "sbp") text = isNum(vit.sbp) ? `${Math.round(vit.sbp)}/${isNum(vit.dbp) ? Math.round(vit.dbp) : "—"}` : "—";
    else if (v.key === "temp") text = isNum(vit.temp) ? vit.temp.toFixed(1) : "—";
    else if (v.key === "acvpu") text = vit.acvpu ?? "—";
    else text = isNum(vit[v.key]) ? String(Math.round(vit[v.key])) : "—";
    setText(c.value, text);
    if (v.key === "spo2") {
      c.o2 ??= c.value.parentNode.insertBefore(el("span", "tag tag-o2", "O₂"), c.score);
      c.o2.hidden = vit.o2 !== true;
      setAttr(c.o2, "title", "on supplemental oxygen");
    }
    const score = v.key === "spo2" ? sumScores(params.spo2, params.o2) : params[v.key];
    setText(c.score, isNum(score) ? String(score) : "—");
    setAttr(c.score, "data-score", isNum(score) ? String(Math.min(3, score)) : "");
    setAttr(c.score, "title", isNum(score) ? `NEWS2 ${v.label} score ${score}` : `${v.label}: not scored (missing or stale)`);
    const flag = flags[v.key] ?? (v.key === "sbp" ? flags.dbp : undefined);
    setAttr(c.cell, "data-flag", flag ?? null);
    setAttr(c.cell, "title", flag ? `${v.title}: ${flag === "artefact" ? "artefact suspected, not scored" : "unconfirmed, not scored yet"}` : null);
  }
  const d = s.destination ?? {};
  const decidedAt = parseTime(d.decidedAt);
  setText(view.decision, d.decidedBy ? `Sent by ${d.decidedBy}${decidedAt ? ` at ${fmtHm(decidedAt)}` : ""}${isNum(d.recommendedRank) ? ` (rank ${d.recommendedRank})` : ""}${d.reason ? ` — ${d.reason}` : ""}` : "");
  updateSeen(view, s);
  updateTimes(view, s, nowMs());
  const label = `Patient ${s.patientId}, NEWS2 ${view.total.textContent} ${view.risk.textContent}, ${cond}, ${view.unit.textContent}, ETA ${view.etaValue.textContent}`;
  setAttr(view.root, "aria-label", label);
}

function sumScores(a, b) {
  if (!isNum(a) && !isNum(b)) return null;
  return (isNum(a) ? a : 0) + (isNum(b) ? b : 0);
}

function updateTimes(view, s, now) {
  const eta = etaOf(s);
  if (arrived.has(s.patientId)) {
    const at = parseTime(s.destination?.arrivedAt);
    setText(view.etaValue, "ARRIVED");
    setText(view.etaNote, at === null ? "no longer on the inbound list" : `at ${fmtHm(at)}`);
  } else if (eta === null) {
    setText(view.etaValue, "—");
    setText(view.etaNote, "no position yet");
  } else {
    const left = Math.round((eta - now) / 1000);
    if (left > 0) {
      setText(view.etaValue, left >= 60 ? `${Math.floor(left / 60)}m ${pad(left % 60)}s` : `${left}s`);
      setText(view.etaNote, `due ${fmtHm(eta)}`);
    } else {
      setText(view.etaValue, "DUE");
      setText(view.etaNote, `expected ${fmtHm(eta)}`);
    }
  }
  const ts = parseTime(s.vitals?.ts);
  const age = ts === null ? null : (now - ts) / 1000;
  const stale = age === null || age > staleAfterS;
  setAttr(view.root, "data-stale", stale ? "true" : "false");
  setText(view.age, age === null ? "no data received" : stale ? `no data for ${fmtAgo(age)}` : `last reading ${Math.max(0, Math.round(age))} s ago`);
}

/** "Seen by dr.chen 14:02" once this ED has confirmed; until then the button that confirms it. */
function updateSeen(view, s) {
  const seen = s.edSeen?.hospitalId === hospitalId ? s.edSeen : null;
  if (seen) view.seenError = false;
  const at = parseTime(seen?.at);
  setAttr(view.root, "data-seen", seen ? "true" : "false");
  setAttr(view.seen, "data-error", view.seenError ? "true" : null);
  if (!view.seenError) setText(view.seen, seen ? `Seen by ${seen.by}${at ? ` ${fmtHm(at)}` : ""}` : "");
  view.seenButton.hidden = Boolean(seen);
  view.seenButton.disabled = Boolean(view.seenPending);
  setText(view.seenButton, view.seenPending ? "Marking…" : "Mark seen");
  setAttr(view.seenButton, "aria-label", `Mark patient ${s.patientId} as seen by this ED`);
}

/** POST /api/patients/{id}/seen as the acknowledging user; the card shows the answer (and the push that follows). */
async function markSeen(id) {
  const view = views.get(id);
  if (!view || view.seenPending || !patients.has(id)) return;
  const by = dom.ackUser.value.trim();
  if (!by) {
    dom.ackUser.setAttribute("aria-invalid", "true");
    view.seenError = true;
    setText(view.seen, "Enter your name (top right) to mark seen.");
    updateSeen(view, patients.get(id));
    dom.ackUser.focus();
    return;
  }
  dom.ackUser.removeAttribute("aria-invalid");
  saveAckUser(by);
  view.seenPending = true;
  view.seenError = false;
  updateSeen(view, patients.get(id));
  try {
    const res = await fetch(api(`/api/patients/${encodeURIComponent(id)}/seen`), {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify({ by, hospitalId }),
    });
    const answer = await res.json().catch(() => null);
    if (!res.ok) throw new Error(answer?.detail ?? `HTTP ${res.status}`);
    view.seenPending = false;
    apply(answer);
  } catch (error) {
    view.seenPending = false;
    view.seenError = true;
    setText(view.seen, `Not marked seen: ${String(error?.message ?? error)}`);
  }
  if (patients.has(id)) updateSeen(view, patients.get(id));
}

// ---------------------------------------------------------------------------------------------
// Alerts

function syncAlerts(state) {
  const open = Array.isArray(state.alerts) ? state.alerts : state.alert ? [state.alert] : [];
  const ids = new Set();
  for (const alert of open) { if (isAlert(alert)) { ids.add(alert.alertId); applyAlert(alert, { quiet: !alertsLoaded }); } }
  for (const [id, alert] of alerts) if (alert.patientId === state.patientId && !ids.has(id)) dropAlert(id);
}

function applyAlert(alert, { quiet = false } = {}) {
  if (!isAlert(alert) || !patients.has(alert.patientId)) return false;
  const current = alerts.get(alert.alertId);
  if (current && isNum(current.version) && isNum(alert.version) && current.version >= alert.version) return false;
  const cleared = clearedAlerts.get(alert.alertId);
  if (cleared !== undefined && (!isNum(alert.version) || alert.version <= cleared)) return false;
  if (alert.state === "cleared") {
    clearedAlerts.set(alert.alertId, alert.version ?? 0);
    dropAlert(alert.alertId);
    return true;
  }
  alerts.set(alert.alertId, alert);
  if (!quiet && (!current || alert.state !== current.state)) {
    const kind = ALERT_KIND_LABEL[alert.kind] ?? alert.kind;
    if (!isAcknowledged(alert)) {
      setText(dom.alertAnnouncer, `${String(alert.priority).toUpperCase()} priority ${kind} alert for patient ${alert.patientId}: ${alert.reason ?? ""}`);
      if (alert.priority === "medium") sound.playMedium();
    }
  }
  renderAlerts();
  return true;
}

function dropAlert(id) {
  alerts.delete(id);
  const view = alertViews.get(id);
  if (view) { view.root.remove(); alertViews.delete(id); }
  renderAlerts();
}

function renderAlerts() {
  const ordered = [...alerts.values()].sort((a, b) =>
    Number(isAcknowledged(a)) - Number(isAcknowledged(b))
    || (PRIORITY_RANK[b.priority] ?? 0) - (PRIORITY_RANK[a.priority] ?? 0)
    || (parseTime(a.raisedAt) ?? 0) - (parseTime(b.raisedAt) ?? 0));
  let previous = null;
  let unacked = 0;
  for (const alert of ordered) {
    let view = alertViews.get(alert.alertId);
    if (!view) { view = createAlertRow(alert.alertId); alertViews.set(alert.alertId, view); }
    updateAlertRow(view, alert);
    if (!isAcknowledged(alert)) unacked += 1;
    const expected = previous ? previous.nextSibling : dom.alertRows.firstChild;
    if (view.root !== expected) dom.alertRows.insertBefore(view.root, expected);
    previous = view.root;
  }
  setText(dom.alertUnacked, String(unacked));
  setAttr(dom.alertsPanel, "data-count", String(alerts.size));
  dom.alertsEmpty.hidden = alerts.size > 0;
  updateAlarm();
}

function createAlertRow(id) {
  const root = el("li", "alert-row");
  root.id = `alert-${id}`;
  const priority = el("div", "alert-priority");
  const priorityLabel = el("span", "alert-priority-label");
  priority.append(priorityLabel);
  const main = el("div", "alert-main");
  const line = el("div", "alert-line");
  const kind = el("span", "alert-kind");
  const patient = el("a", "alert-patient");
  line.append(kind, patient);
  const reason = el("span", "alert-reason");
  const error = el("span", "alert-error");
  error.setAttribute("role", "alert");
  error.hidden = true;
  main.append(line, reason, error);
  const stateBox = el("div", "alert-state");
  const stateMain = el("span", "alert-state-main");
  const stateDetail = el("span", "alert-state-detail");
  stateBox.append(stateMain, stateDetail);
  const since = el("div", "alert-since");
  const elapsed = el("span", "alert-elapsed");
  const raisedAt = el("span", "alert-raised-at");
  since.append(elapsed, raisedAt);
  const action = el("div", "alert-action");
  const ack = el("button", "ack", "Acknowledge");
  ack.type = "button";
  ack.addEventListener("click", () => acknowledge(id));
  action.append(ack);
  root.append(priority, main, stateBox, since, action);
  return { root, priorityLabel, kind, patient, reason, error, stateMain, stateDetail, elapsed, raisedAt, ack, pending: false };
}

function updateAlertRow(view, alert) {
  const acknowledged = isAcknowledged(alert);
  setAttr(view.root, "data-priority", alert.priority);
  setAttr(view.root, "data-state", alert.state);
  setAttr(view.root, "data-acknowledged", acknowledged ? "true" : "false");
  setText(view.priorityLabel, String(alert.priority ?? "").toUpperCase());
  const kind = ALERT_KIND_LABEL[alert.kind] ?? alert.kind ?? "Alert";
  setText(view.kind, kind);
  setText(view.patient, `Patient ${alert.patientId}`);
  view.patient.href = `#patient-${alert.patientId}`;
  setText(view.reason, alert.reason ?? "");
  setText(view.stateMain, acknowledged ? "ACKNOWLEDGED" : alert.state === "escalated" ? `ESCALATED${alert.escalationLevel ? ` ×${alert.escalationLevel}` : ""}` : "RAISED");
  const ackAt = parseTime(alert.acknowledgedAt);
  setText(view.stateDetail, acknowledged ? `by ${alert.acknowledgedBy ?? "?"}${ackAt ? ` at ${fmtHm(ackAt)}` : ""}` : "");
  const raised = parseTime(alert.raisedAt);
  setText(view.raisedAt, raised ? `raised ${fmtHm(raised)}` : "");
  setText(view.elapsed, raised ? fmtAgo((nowMs() - raised) / 1000) : "");
  view.ack.hidden = acknowledged;
  view.ack.disabled = view.pending;
  setText(view.ack, view.pending ? "Acknowledging…" : "Acknowledge");
  setAttr(view.ack, "aria-label", `Acknowledge ${alert.priority} priority ${kind} alert for patient ${alert.patientId}`);
}

async function acknowledge(alertId) {
  const alert = alerts.get(alertId);
  const view = alertViews.get(alertId);
  if (!alert || !view || view.pending) return;
  const by = dom.ackUser.value.trim();
  if (!by) {
    dom.ackUser.setAttribute("aria-invalid", "true");
    view.error.hidden = false;
    setText(view.error, "Enter your name (top right) to acknowledge.");
    dom.ackUser.focus();
    return;
  }
  dom.ackUser.removeAttribute("aria-invalid");
  saveAckUser(by);
  view.pending = true;
  view.error.hidden = true;
  updateAlertRow(view, alert);
  try {
    let result;
    if (connection?.state === "Connected") {
      result = await connection.invoke("AcknowledgeAlert", alert.patientId, alertId, by);
    } else {
      const res = await fetch(api(`/api/patients/${encodeURIComponent(alert.patientId)}/alerts/${encodeURIComponent(alertId)}/ack`), {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ by }),
      });
      result = await res.json().catch(() => null);
      if (!res.ok) throw new Error(result?.detail ?? `HTTP ${res.status}`);
    }
    view.pending = false;
    if (isAlert(result)) applyAlert(result, { quiet: true });
    else updateAlertRow(view, alert);
  } catch (error) {
    view.pending = false;
    view.error.hidden = false;
    setText(view.error, `Not acknowledged: ${String(error?.message ?? error).replace(/^.*HubException: /, "")}`);
    updateAlertRow(view, alerts.get(alertId) ?? alert);
  }
}

function readAckUser() { try { return window.localStorage.getItem(ACK_USER_KEY) ?? ""; } catch { return ""; } }
function saveAckUser(name) {
  try { if (name) window.localStorage.setItem(ACK_USER_KEY, name); } catch { /* storage unavailable */ }
  if (dom.ackUser.value.trim() !== name) dom.ackUser.value = name;
  if (!$("f-by").value.trim()) $("f-by").value = name;
}
dom.ackUser.value = readAckUser();
$("f-by").value = dom.ackUser.value;
dom.ackUser.addEventListener("change", () => saveAckUser(dom.ackUser.value.trim()));

// Sound: high-priority burst repeated while an unacknowledged high alert is open.
const sound = new AlarmSound({ onChange: showSoundState });
function showSoundState(state) {
  const text = { on: "Sound on", off: "Sound off — click to enable", muted: "Muted", unavailable: "No sound in this browser" };
  setText(dom.soundToggle, text[state] ?? state);
  setAttr(dom.soundToggle, "data-sound", state);
  setAttr(dom.soundToggle, "aria-pressed", state === "on" ? "true" : "false");
  dom.soundToggle.disabled = state === "unavailable";
  if (state === "on") { nextHighAlarmAt = 0; window.setTimeout(updateAlarm, 0); }
}
function updateAlarm() {
  const active = [...alerts.values()].some((a) => a.priority === "high" && !isAcknowledged(a));
  setAttr(dom.alertsPanel, "data-alarm", active ? "high" : null);
  if (!active) { nextHighAlarmAt = 0; return; }
  const now = performance.now();
  if (now < nextHighAlarmAt || typeof sound === "undefined") return;
  nextHighAlarmAt = sound.playHigh() ? now + HIGH_ALARM_REPEAT_MS : 0;
}
showSoundState(sound.state);
dom.soundToggle.addEventListener("click", () => sound.toggle());
for (const type of ["pointerdown", "keydown"]) {
  document.addEventListener(type, (event) => {
    if (sound.state !== "off" || event.target?.closest?.("#sound-toggle")) return;
    sound.unlock();
  }, { capture: true });
}

function announce(text) { setText(dom.announcer, text); }

// ---------------------------------------------------------------------------------------------
// Loading and live connection

async function loadSnapshot() {
  if (loadInFlight) return;
  loadInFlight = true;
  lastLoadAttemptAt = Date.now();
  try {
    const [h, list] = await Promise.all([getJson(hospitalUrl), getJson(inboundUrl)]);
    applyHospital(h);
    const listed = new Set();
    for (const state of Array.isArray(list) ? list : []) {
      if (!isPatientState(state)) continue;
      listed.add(state.patientId);
      if (state.destination?.arrivedAt) arrived.add(state.patientId); else arrived.delete(state.patientId);
      const current = patients.get(state.patientId);
      if (current && current.version >= state.version) { watchPatient(state.patientId); continue; }
      apply(state);
    }
    // Shown but no longer inbound: arrived (the crew reported at-hospital) unless sent elsewhere.
    for (const id of patients.keys()) if (!listed.has(id)) { arrived.add(id); markCard(id); }
    lastLoadOkAt = Date.now();
    lastLoadError = null;
  } catch (error) {
    lastLoadError = error;
    console.warn("Loading failed:", error);
  } finally {
    loadInFlight = false;
    alertsLoaded = true;
    updateNotice();
  }
}

function updateNotice() {
  let text = "";
  if (!hospitalId) text = "No hospital in the address: open /ed/{hospitalId}, for example /ed/H-01.";
  else if (lastLoadError?.status === 404) text = `Hospital ${hospitalId} is not known to the service.`;
  else if (lastLoadError) text = `Could not load the board (${lastLoadError.message}). Retrying…`;
  else if (connectionState !== "connected" && lastLoadOkAt > 0) text = `Live updates ${connectionState}: showing data loaded at ${fmtClock(lastLoadOkAt)}, refreshed every ${POLL_WHILE_OFFLINE_MS / 1000} s.`;
  dom.notice.hidden = !text;
  setText(dom.notice, text);
}

function setConnection(state) {
  connectionState = state;
  setText(dom.connection, CONNECTION_TEXT[state]);
  setAttr(dom.connection, "data-state", state);
  document.body.dataset.connection = state;
  updateNotice();
}

let startAttempt = 0;
let startTimer = 0;
function createConnection() {
  const signalR = window.signalR;
  const hub = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  // Handlers return nothing: a returned value would be sent back to the server as a client result.
  hub.on("patientUpdated", (state) => { apply(state); });
  hub.on("patientInbound", (state) => { apply(state, { inbound: true }); });
  hub.on("hospitalUpdated", (h) => { applyHospital(h); });
  hub.on("handoverUpdated", (status) => { applyHandover(status); });
  for (const name of ["alertRaised", "alertEscalated", "alertAcknowledged", "alertUpdated", "alertCleared"]) hub.on(name, (a) => { applyAlert(a); });
  hub.onreconnecting(() => setConnection("reconnecting"));
  hub.onreconnected(() => subscribe());
  hub.onclose(() => { setConnection("disconnected"); scheduleStart(); });
  return hub;
}
function scheduleStart() {
  if (startTimer) return;
  startAttempt += 1;
  startTimer = window.setTimeout(() => { startTimer = 0; start(); }, retryDelay(startAttempt));
}
async function start() {
  if (connection.state !== "Disconnected") return;
  try { await connection.start(); } catch (error) {
    console.warn("Live connection failed:", error);
    setConnection("disconnected");
    scheduleStart();
    return;
  }
  await subscribe();
}
/** Watches the hospital (and every shown patient), then reloads so nothing pushed before joining is missed. */
async function subscribe() {
  watched.clear();
  try { await connection.invoke("WatchHospital", hospitalId); } catch (error) {
    console.warn("WatchHospital failed:", error);
    connection.stop().catch(() => {});
    return;
  }
  startAttempt = 0;
  setConnection("connected");
  for (const id of patients.keys()) watchPatient(id);
  loadSnapshot();
}
window.addEventListener("online", () => {
  if (connection && connection.state === "Disconnected") { window.clearTimeout(startTimer); startTimer = 0; start(); }
});

let lastPollAt = 0;
function tick() {
  const now = nowMs();
  setText(dom.clock, fmtClock(now));
  for (const [id, view] of views) { const s = patients.get(id); if (s) updateTimes(view, s, now); }
  for (const [id, view] of alertViews) { const a = alerts.get(id); const r = parseTime(a?.raisedAt); if (r) setText(view.elapsed, fmtAgo((now - r) / 1000)); }
  updateStaleness();
  updateAlarm();
  if (Date.now() - lastPollAt > 5000) { lastPollAt = Date.now(); sortCards(); }
  if (!loadInFlight && (connectionState !== "connected" || lastLoadError) && Date.now() - lastLoadAttemptAt >= POLL_WHILE_OFFLINE_MS) loadSnapshot();
}

window.emergencyEd = Object.freeze({
  hospitalId,
  /** patientId -> PatientState shown. */
  patients,
  /** alertId -> open Alert. */
  alerts,
  /** patientIds no longer on the inbound list (arrived). */
  arrived,
  get hospital() { return hospital; },
  apply,
  applyAlert,
  applyHospital,
  flush() { render(); },
});

// ---------------------------------------------------------------------------------------------
// Sparklines and board settings

const sparklines = new CardSparklines({
  historyUrl: (id) => api(`/api/patients/${encodeURIComponent(id)}/history?step=15s`),
  cardOf: (id) => views.get(id)?.root ?? null,
  now: nowMs,
});

async function loadBoardSettings() {
  try {
    const settings = await getJson(api("/api/boards/settings"));
    if (isNum(settings?.staleAfterSeconds) && settings.staleAfterSeconds > 0) staleAfterS = settings.staleAfterSeconds;
  } catch (error) {
    console.warn("Board settings not loaded; cards turn grey after the default", STALE_AFTER_S, "s:", error);
  }
  setText($("legend-stale"), `Grey card: no data for over ${fmtAgo(staleAfterS)}`);
}

loadBoardSettings();
setConnection("disconnected");
renderCount();
tick();
window.setInterval(tick, 1000);
loadSnapshot();
if (window.signalR?.HubConnectionBuilder) {
  connection = createConnection();
  start();
} else {
  console.error("SignalR client not loaded (lib/signalr/signalr.min.js); showing the board over HTTP only.");
}

// The handover record's delivery, one line in the card's foot: "Handover record received by hospital 14:02".
function applyHandover(status) {
  const foot = views.get(status.patientId)?.root.querySelector(".ed-card-foot");
  if (!foot) return;
  let line = foot.querySelector(".ed-handover");
  if (!line) {
    line = el("span", "ed-handover");
    foot.append(line);
  }
  const at = status.deliveredAt ? fmtHm(Date.parse(status.deliveredAt)) : null;
  const text = {
    delivered: `Handover record received by hospital ${at}`,
    pending: at ? `Handover record received ${at}; update v${status.version} sending (attempt ${status.attempts + 1})` : `Handover record sending (attempt ${status.attempts + 1})`,
    failed: `Handover record NOT received: ${status.lastError}`,
    "not-configured": "No handover endpoint for this hospital",
  }[status.state];
  if (text) setText(line, text);
  line.dataset.state = status.state;
}
