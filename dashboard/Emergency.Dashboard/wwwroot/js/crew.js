// Crew view: the patient on board one ambulance, for a tablet in the moving vehicle.
//
// Data: GET /api/ambulances/{unitId} (region, patient on board, destination with live ETA),
//   GET /api/patients/{patientId}, GET /api/hospitals/{hospitalId} (the destination's name); hub /hubs/live:
//   WatchUnit(unitId) → ambulanceUpdated for this unit (status, patient, destination, ETA);
//   WatchPatient(patientId) → patientUpdated and alert events of the patient on board.
// When the unit reports another patient the view follows it (unwatches the old one, watches and loads the new).
// Updates are dropped unless their version is higher than the one shown. Text goes in with textContent only.
//
// Stable hooks for browser tests:
//   #connection           data-state="connected|reconnecting|disconnected"
//   #notice               shown while loading fails or live updates are down
//   #crew-unit            the unit id; #crew-unit-status its crew status (data-status)
//   #crew-view            data-patient="{patientId or empty}" data-risk="high|medium|low-medium|low|unknown" data-stale="true|false"
//   #crew-patient         the patient id, or "No patient on board"
//   #crew-condition       condition, age and sex as recorded
//   #crew-age             "last reading N s ago" / "no data for N s" (data-stale="true|false")
//   #crew-news2           NEWS2 total; #crew-risk the risk in words (data-risk as above); #crew-news2-note
//   #crew-vital-{hr|rr|spo2|o2|sbp|temp|acvpu}  one tile per parameter: data-score="0..3" or "" (not scored),
//                         .crew-vital-value (the reading) and .crew-vital-score (its NEWS2 parameter score)
//   #crew-qsofa, #crew-shock-index   hidden while unknown; data-positive / data-band
//   #crew-alerts          open alerts: li[data-alert-id][data-priority][data-state]; #crew-alerts-empty
//   #crew-destination     destination hospital name (data-hospital-id)
//   #crew-eta             minutes:seconds left, counting down (data-eta: the expected arrival, ISO 8601); #crew-eta-note
//   #crew-ed-seen         "ED has seen: dr.chen, 14:02" / "Not yet seen by the ED" (data-seen="true|false|none")
//   #crew-predicted-risk  the learned deterioration-risk estimate with its top factors and the model's label (empty without one)
// window.emergencyCrew exposes what is shown (unitId, ambulance, patient, alerts).
import { attachEcgStrip } from "./ecg-strip.js";

import { riskEstimateText } from "./risk-estimate.js";

const RISK_RANK = Object.freeze({ "high": 3, "medium": 2, "low-medium": 1, "low": 0 });
const RISK_LABEL = Object.freeze({ "high": "HIGH RISK", "medium": "MEDIUM RISK", "low-medium": "LOW-MEDIUM RISK", "low": "LOW RISK" });
const PRIORITY_RANK = Object.freeze({ "high": 3, "medium": 2, "low": 1 });
const ALERT_KIND_LABEL = Object.freeze({
  "news2-high": "NEWS2", "single-parameter": "Single parameter", "qsofa": "qSOFA positive",
  "shock-index": "Shock index", "trend": "Trend", "predicted": "Predicted deterioration", "possible-stemi": "Possible STEMI — confirm",
});
const CONDITION_LABEL = Object.freeze({
  "trauma": "Trauma", "stroke": "Stroke", "stemi": "STEMI", "sepsis": "Sepsis", "respiratory": "Respiratory",
  "obstetric": "Obstetric", "paediatric": "Paediatric", "other": "Other",
});
const STATUS_LABEL = Object.freeze({
  "available": "Available", "dispatched": "Dispatched", "on-scene": "On scene", "transporting": "Transporting",
  "at-hospital": "At hospital", "out-of-service": "Out of service",
});
const VITALS = Object.freeze([
  { key: "hr", label: "HR", title: "Heart rate", unit: "bpm" },
  { key: "rr", label: "RR", title: "Respiration rate", unit: "/min" },
  { key: "spo2", label: "SpO₂", title: "Oxygen saturation", unit: "%" },
  { key: "o2", label: "O₂", title: "Air or supplemental oxygen", unit: "" },
  { key: "sbp", label: "BP", title: "Blood pressure, systolic / diastolic", unit: "mmHg" },
  { key: "temp", label: "Temp", title: "Temperature", unit: "°C" },
  { key: "acvpu", label: "ACVPU", title: "Alert, new Confusion, Voice, Pain, Unresponsive", unit: "" },
]);
const STALE_AFTER_S = 30;
const POLL_WHILE_OFFLINE_MS = 10000;
const RETRY_DELAYS_MS = Object.freeze([0, 1000, 2000, 5000, 10000]);
const CONNECTION_TEXT = Object.freeze({ connected: "connected", reconnecting: "reconnecting…", disconnected: "disconnected" });

// ---------------------------------------------------------------------------------------------
// Unit and endpoints

const pathParts = window.location.pathname.split("/").filter(Boolean);
const unitId = decodeURIComponent(pathParts[1] ?? new URLSearchParams(window.location.search).get("unitId") ?? "");
const api = (path) => new URL(path, window.location.origin).toString();
const ambulanceUrl = api(`/api/ambulances/${encodeURIComponent(unitId)}`);
const patientUrl = (id) => api(`/api/patients/${encodeURIComponent(id)}`);
const hospitalUrl = (id) => api(`/api/hospitals/${encodeURIComponent(id)}`);
const hubUrl = api("/hubs/live");

// ---------------------------------------------------------------------------------------------
// State

/** The unit as last loaded or pushed. */
let ambulance = null;
/** The state of the patient on board (ambulance.patientId), or null. */
let patient = null;
/** The unit names a patient the service has no data for yet. */
let patientMissing = false;
/** alertId -> open Alert of the patient shown. */
const alerts = new Map();
/** alertId -> version at which it was cleared. */
const clearedAlerts = new Map();
/** hospitalId -> name; a pending fetch holds null. */
const hospitalNames = new Map();
let watchedUnit = false;
let watchedPatient = null;
let connection = null;
let connectionState = "disconnected";
let clockOffsetMs = 0;
let lastLoadOkAt = 0;
let lastLoadError = null;
let loadInFlight = false;
let loadAgain = false;
let lastLoadAttemptAt = 0;
let loaded = false;

const $ = (id) => document.getElementById(id);
const dom = {
  view: $("crew-view"), unit: $("crew-unit"), unitStatus: $("crew-unit-status"),
  connection: $("connection"), notice: $("notice"), clock: $("clock"),
  patient: $("crew-patient"), condition: $("crew-condition"), age: $("crew-age"),
  news2Panel: $("crew-news2-panel"), news2: $("crew-news2"), risk: $("crew-risk"), news2Note: $("crew-news2-note"),
  predicted: $("crew-predicted-risk"),
  vitals: $("crew-vitals"), qsofa: $("crew-qsofa"), shockIndex: $("crew-shock-index"),
  destination: $("crew-destination"), eta: $("crew-eta"), etaNote: $("crew-eta-note"), edSeen: $("crew-ed-seen"),
  alerts: $("crew-alerts"), alertsEmpty: $("crew-alerts-empty"), alertCount: $("crew-alert-count"),
  announcer: $("crew-announcer"), alertAnnouncer: $("crew-alert-announcer"),
};
setText(dom.unit, unitId || "—");
document.title = `${unitId || "Unit"} · Crew view · Emergency`;

// ---------------------------------------------------------------------------------------------
// Helpers (as on the ED board)

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
const patientOnBoard = () => ambulance?.patientId ?? null;

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

function announce(text) { setText(dom.announcer, text); }

// ---------------------------------------------------------------------------------------------
// Ambulance, patient, alerts

/** Applies the unit's state; a loaded one is taken as it is (unit versions restart with the service). */
function applyAmbulance(a, { fromLoad = false } = {}) {
  if (!a || typeof a !== "object" || a.unitId !== unitId) return false;
  if (!fromLoad && ambulance && isNum(ambulance.version) && isNum(a.version) && a.version <= ambulance.version) return false;
  const before = ambulance;
  ambulance = a;
  const pid = a.patientId ?? null;
  if (pid !== (before?.patientId ?? null)) followPatient(pid, { fetch: !fromLoad });
  const hid = destination()?.hospitalId;
  if (hid && before && before.destination?.hospitalId !== hid) announce(`Destination now ${hospitalNames.get(hid) ?? hid}.`);
  syncWatches();
  render();
  return true;
}

/** The unit reports another patient (or none): show that one from now on. */
let ecgPatient = null;

/** The live ECG strip follows the patient on board. */
function followEcg(pid) {
  if (pid === ecgPatient) return;
  ecgPatient = pid;
  const box = document.getElementById("crew-ecg");
  if (!box) return;
  box.replaceChildren();
  if (pid) attachEcgStrip(box, () => connection, pid);
}

function followPatient(pid, { fetch }) {
  followEcg(pid);
  if (patient && patient.patientId !== pid) patient = null;
  alerts.clear();
  clearedAlerts.clear();
  patientMissing = false;
  if (pid && loaded) announce(`Now showing patient ${pid}.`);
  if (pid && fetch) {
    loadPatient(pid).catch((error) => { lastLoadError = error; updateNotice(); });
  }
}

async function loadPatient(pid) {
  try {
    const state = await getJson(patientUrl(pid));
    applyPatient(state);
  } catch (error) {
    if (error.status !== 404) throw error;
    if (patientOnBoard() === pid) { patientMissing = true; render(); }
  }
}

/** Applies a patient state; returns false when dropped (malformed, older, or not the patient on board). */
function applyPatient(s) {
  if (!isPatientState(s) || s.patientId !== patientOnBoard()) return false;
  if (patient && patient.patientId === s.patientId && patient.version >= s.version) return false;
  const before = patient?.patientId === s.patientId ? patient : null;
  patient = s;
  patientMissing = false;
  syncAlerts(s);
  if (before && riskOf(before) !== riskOf(s) && riskOf(s)) announce(`NEWS2 ${s.news2.total}, ${RISK_LABEL[riskOf(s)]}.`);
  if (before && !before.edSeen && s.edSeen) announce(`ED has seen the patient: ${s.edSeen.by}, ${fmtHm(parseTime(s.edSeen.at) ?? nowMs())}.`);
  render();
  return true;
}

function syncAlerts(state) {
  const open = Array.isArray(state.alerts) ? state.alerts : state.alert ? [state.alert] : [];
  const ids = new Set();
  for (const alert of open) { if (isAlert(alert)) { ids.add(alert.alertId); applyAlert(alert, { quiet: !loaded }); } }
  for (const id of [...alerts.keys()]) if (!ids.has(id)) alerts.delete(id);
}

function applyAlert(alert, { quiet = false } = {}) {
  if (!isAlert(alert) || alert.patientId !== patientOnBoard()) return false;
  const current = alerts.get(alert.alertId);
  if (current && isNum(current.version) && isNum(alert.version) && current.version >= alert.version) return false;
  const cleared = clearedAlerts.get(alert.alertId);
  if (cleared !== undefined && (!isNum(alert.version) || alert.version <= cleared)) return false;
  if (alert.state === "cleared") {
    clearedAlerts.set(alert.alertId, alert.version ?? 0);
    alerts.delete(alert.alertId);
    render();
    return true;
  }
  alerts.set(alert.alertId, alert);
  if (!quiet && !isAcknowledged(alert) && (!current || alert.state !== current.state)) {
    setText(dom.alertAnnouncer, `${String(alert.priority).toUpperCase()} priority alert: ${ALERT_KIND_LABEL[alert.kind] ?? alert.kind}. ${alert.reason ?? ""}`);
  }
  render();
  return true;
}

/** Where the unit is going: the unit's own destination carries the live ETA; the patient's is the decision. */
function destination() {
  return ambulance?.destination ?? (patient?.destination?.unitId === unitId ? patient.destination : null);
}

function ensureHospitalName(id) {
  if (!id || hospitalNames.has(id)) return;
  hospitalNames.set(id, null);
  getJson(hospitalUrl(id))
    .then((h) => { hospitalNames.set(id, h?.name ?? id); render(); })
    .catch(() => { hospitalNames.delete(id); });
}

// ---------------------------------------------------------------------------------------------
// Rendering

const vitalViews = new Map();
for (const v of VITALS) {
  const cell = el("div", "crew-vital");
  cell.id = `crew-vital-${v.key}`;
  cell.dataset.vital = v.key;
  cell.dataset.score = "";
  const dt = el("dt", "crew-vital-label");
  const abbr = el("abbr", null, v.label);
  abbr.title = v.title;
  dt.append(abbr);
  const dd = el("dd", "crew-vital-body");
  const value = el("span", "crew-vital-value", "—");
  const unitText = el("span", "crew-vital-unit", v.unit);
  const score = el("span", "score crew-vital-score", "—");
  score.dataset.score = "";
  const flag = el("span", "crew-vital-flag");
  dd.append(value, unitText, score, flag);
  cell.append(dt, dd);
  dom.vitals.append(cell);
  vitalViews.set(v.key, { cell, value, score, flag });
}

function render() {
  renderUnit();
  renderPatient();
  renderAlerts();
  renderDestination();
  renderTimes(nowMs());
}

function renderUnit() {
  const status = ambulance?.status ?? null;
  setAttr(dom.unitStatus, "data-status", status ?? "unknown");
  setText(dom.unitStatus, status ? STATUS_LABEL[status] ?? status : "status unknown");
}

function renderPatient() {
  const pid = patientOnBoard();
  const s = patient;
  setAttr(dom.view, "data-patient", pid ?? "");
  setText(dom.patient, pid ? `Patient ${pid}` : "No patient on board");
  const ctx = s?.context ?? {};
  const bits = [];
  if (pid) bits.push(ctx.condition ? (CONDITION_LABEL[ctx.condition] ?? ctx.condition) : "Condition not recorded");
  if (isNum(ctx.ageYears)) bits.push(`${ctx.ageYears} y${ctx.sex ? ` ${ctx.sex}` : ""}`);
  if (ctx.pregnant) bits.push("pregnant");
  if (ctx.lvoSuspected) bits.push("LVO suspected");
  if (Array.isArray(ctx.traumaRedCriteria) && ctx.traumaRedCriteria.length) bits.push(`red criteria: ${ctx.traumaRedCriteria.join(", ")}`);
  if (patientMissing) bits.push("no readings received for this patient yet");
  setText(dom.condition, bits.join(" · "));

  const risk = riskOf(s);
  setAttr(dom.view, "data-risk", risk ?? "unknown");
  setAttr(dom.news2Panel, "data-risk", risk ?? "unknown");
  setAttr(dom.risk, "data-risk", risk ?? "unknown");
  setText(dom.news2, isNum(s?.news2?.total) ? String(s.news2.total) : "—");
  setText(dom.risk, risk ? RISK_LABEL[risk] : "NO SCORE");
  const notes = [];
  if (s?.news2?.complete === false) notes.push("incomplete: missing or stale readings not counted");
  if (s?.news2?.applicable === false) notes.push(`not applicable${s.news2.notApplicableReason ? `: ${s.news2.notApplicableReason}` : ""}`);
  setText(dom.news2Note, notes.join(" · "));
  setText(dom.predicted, riskEstimateText(s));
  setAttr(dom.news2Panel, "aria-label", `NEWS2 ${dom.news2.textContent}, ${dom.risk.textContent}${notes.length ? `, ${notes.join(", ")}` : ""}`);

  const vit = s?.vitals ?? {};
  const params = s?.news2?.parameters ?? {};
  const flags = s?.flags ?? {};
  for (const v of VITALS) {
    const view = vitalViews.get(v.key);
    let text = "—";
    if (v.key === "sbp") text = isNum(vit.sbp) ? `${Math.round(vit.sbp)}/${isNum(vit.dbp) ? Math.round(vit.dbp) : "—"}` : "—";
    else if (v.key === "temp") text = isNum(vit.temp) ? vit.temp.toFixed(1) : "—";
    else if (v.key === "acvpu") text = vit.acvpu ?? "—";
    else if (v.key === "o2") text = vit.o2 === true ? "Oxygen" : vit.o2 === false ? "Air" : "—";
    else text = isNum(vit[v.key]) ? String(Math.round(vit[v.key])) : "—";
    setText(view.value, text);
    const score = params[v.key];
    const scored = isNum(score) ? String(Math.min(3, score)) : "";
    setAttr(view.cell, "data-score", scored);
    setAttr(view.score, "data-score", scored);
    setText(view.score, isNum(score) ? String(score) : "—");
    setAttr(view.score, "title", isNum(score) ? `NEWS2 ${v.label} score ${score}` : `${v.label}: not scored (missing or stale)`);
    const flag = flags[v.key] ?? (v.key === "sbp" ? flags.dbp : undefined);
    setAttr(view.cell, "data-flag", flag ?? null);
    setText(view.flag, flag === "artefact" ? "artefact?" : flag ? "unconfirmed" : "");
    setAttr(view.cell, "aria-label", `${v.title} ${text}${v.unit && text !== "—" ? ` ${v.unit}` : ""}, NEWS2 score ${isNum(score) ? score : "none"}${flag ? `, ${flag === "artefact" ? "artefact suspected, not scored" : "unconfirmed, not scored yet"}` : ""}`);
  }

  const q = s?.qsofa;
  dom.qsofa.hidden = !(q && isNum(q.points));
  if (q && isNum(q.points)) {
    setText(dom.qsofa, `qSOFA ${q.points}/3${q.positive ? " POSITIVE" : ""}${q.complete === false ? " (incomplete)" : ""}`);
    setAttr(dom.qsofa, "data-positive", q.positive ? "true" : "false");
  }
  const si = s?.shockIndex;
  dom.shockIndex.hidden = !(si && isNum(si.value));
  if (si && isNum(si.value)) {
    setText(dom.shockIndex, `Shock index ${si.value.toFixed(2)}${si.band ? ` ${si.band.toUpperCase()}` : ""}`);
    setAttr(dom.shockIndex, "data-band", si.band ?? "");
  }
}

function renderAlerts() {
  const ordered = [...alerts.values()].sort((a, b) =>
    Number(isAcknowledged(a)) - Number(isAcknowledged(b))
    || (PRIORITY_RANK[b.priority] ?? 0) - (PRIORITY_RANK[a.priority] ?? 0)
    || (parseTime(a.raisedAt) ?? 0) - (parseTime(b.raisedAt) ?? 0));
  const signature = JSON.stringify(ordered.map((a) => [a.alertId, a.version, a.state, a.priority]));
  setText(dom.alertCount, String(ordered.length));
  dom.alertsEmpty.hidden = ordered.length > 0;
  if (signature === dom.alerts.dataset.signature) return;
  dom.alerts.dataset.signature = signature;
  dom.alerts.replaceChildren(...ordered.map((alert) => {
    const li = el("li", "crew-alert");
    li.dataset.alertId = alert.alertId;
    li.dataset.priority = alert.priority ?? "";
    li.dataset.state = alert.state ?? "";
    li.append(el("span", "crew-alert-priority", String(alert.priority ?? "").toUpperCase()));
    const main = el("span", "crew-alert-main");
    main.append(el("span", "crew-alert-kind", ALERT_KIND_LABEL[alert.kind] ?? alert.kind ?? "Alert"), el("span", "crew-alert-reason", alert.reason ?? ""));
    li.append(main);
    const ackAt = parseTime(alert.acknowledgedAt);
    const state = isAcknowledged(alert)
      ? `acknowledged by ${alert.acknowledgedBy ?? "?"}${ackAt ? ` ${fmtHm(ackAt)}` : ""}`
      : alert.state === "escalated" ? `ESCALATED${alert.escalationLevel ? ` ×${alert.escalationLevel}` : ""}` : "not acknowledged";
    li.append(el("span", "crew-alert-state", state));
    return li;
  }));
}

function renderDestination() {
  const d = destination();
  const hid = d?.hospitalId ?? null;
  if (hid) ensureHospitalName(hid);
  setAttr(dom.destination, "data-hospital-id", hid ?? "");
  setText(dom.destination, hid ? `${hospitalNames.get(hid) ?? hid}${hospitalNames.get(hid) ? ` (${hid})` : ""}` : "No destination yet");
  setAttr(dom.eta, "data-eta", d?.eta ?? "");

  const seen = patient?.edSeen && (!hid || patient.edSeen.hospitalId === hid) ? patient.edSeen : null;
  const seenAt = parseTime(seen?.at);
  setAttr(dom.edSeen, "data-seen", seen ? "true" : hid ? "false" : "none");
  setText(dom.edSeen, seen ? `ED has seen: ${seen.by}${seenAt ? `, ${fmtHm(seenAt)}` : ""}` : hid ? "Not yet seen by the ED" : "No destination yet");
}

/** What changes with the clock alone: ETA countdown and time since the last reading. */
function renderTimes(now) {
  const d = destination();
  const eta = parseTime(d?.eta);
  if (ambulance?.status === "at-hospital" && !ambulance?.destination) {
    setText(dom.eta, "ARRIVED");
    setText(dom.etaNote, "");
  } else if (!d) {
    setText(dom.eta, "—");
    setText(dom.etaNote, "");
  } else if (eta === null) {
    setText(dom.eta, "—");
    setText(dom.etaNote, "no GPS position yet");
  } else {
    const left = Math.round((eta - now) / 1000);
    const live = Boolean(ambulance?.destination);
    if (left > 0) {
      setText(dom.eta, `${Math.floor(left / 60)}:${pad(left % 60)}`);
      setText(dom.etaNote, `due ${fmtHm(eta)}${live ? "" : " (estimated at the decision)"}`);
    } else {
      setText(dom.eta, "DUE");
      setText(dom.etaNote, `expected ${fmtHm(eta)}`);
    }
  }

  const ts = parseTime(patient?.vitals?.ts);
  const age = ts === null ? null : (now - ts) / 1000;
  const stale = age === null || age > STALE_AFTER_S;
  setAttr(dom.view, "data-stale", stale ? "true" : "false");
  setAttr(dom.age, "data-stale", stale ? "true" : "false");
  setText(dom.age, !patientOnBoard() ? "" : age === null ? "no data received" : stale ? `no data for ${fmtAgo(age)}` : `last reading ${Math.max(0, Math.round(age))} s ago`);
}

// ---------------------------------------------------------------------------------------------
// Loading and live connection (the ED board's pattern)

async function loadSnapshot() {
  if (loadInFlight) { loadAgain = true; return; }
  loadInFlight = true;
  lastLoadAttemptAt = Date.now();
  try {
    const a = await getJson(ambulanceUrl);
    applyAmbulance(a, { fromLoad: true });
    const pid = a?.patientId ?? null;
    if (pid) await loadPatient(pid);
    lastLoadOkAt = Date.now();
    lastLoadError = null;
  } catch (error) {
    lastLoadError = error;
    console.warn("Loading failed:", error);
  } finally {
    loadInFlight = false;
    loaded = true;
    updateNotice();
    render();
    if (loadAgain) { loadAgain = false; loadSnapshot(); }
  }
}

function updateNotice() {
  let text = "";
  if (!unitId) text = "No unit in the address: open /crew/{unitId}, for example /crew/AMB-1.";
  else if (lastLoadError?.status === 404) text = `Unit ${unitId} has not reported to the service yet. Retrying every ${POLL_WHILE_OFFLINE_MS / 1000} s…`;
  else if (lastLoadError) text = `Could not load (${lastLoadError.message}). Retrying…`;
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

/** Watches the unit and the patient on board on this connection, following changes of either. */
function syncWatches() {
  if (connection?.state !== "Connected") return;
  // The unit's own updates only (a crew may not watch the whole region), once the unit has reported.
  if (ambulance && !watchedUnit) {
    watchedUnit = true;
    connection.invoke("WatchUnit", unitId).catch((error) => {
      watchedUnit = false;
      console.warn("WatchUnit failed:", unitId, error);
    });
  }
  const pid = patientOnBoard();
  if (watchedPatient !== pid) {
    const old = watchedPatient;
    watchedPatient = pid;
    if (old) connection.invoke("UnwatchPatient", old).catch(() => {});
    if (pid) {
      connection.invoke("WatchPatient", pid).catch((error) => {
        if (watchedPatient === pid) watchedPatient = null;
        console.warn("WatchPatient failed:", pid, error);
      });
    }
  }
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
  hub.on("ambulanceUpdated", (a) => { applyAmbulance(a); });
  hub.on("patientUpdated", (state) => { applyPatient(state); });
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
/** Watches again on a new connection, then reloads so nothing pushed before joining is missed. */
async function subscribe() {
  watchedUnit = false;
  watchedPatient = null;
  try {
    if (ambulance) { await connection.invoke("WatchUnit", unitId); watchedUnit = true; }
  } catch (error) {
    console.warn("WatchUnit failed:", error);
    connection.stop().catch(() => {});
    return;
  }
  startAttempt = 0;
  setConnection("connected");
  syncWatches();
  loadSnapshot();
}
window.addEventListener("online", () => {
  if (connection && connection.state === "Disconnected") { window.clearTimeout(startTimer); startTimer = 0; start(); }
});

function tick() {
  const now = nowMs();
  setText(dom.clock, fmtClock(now));
  renderTimes(now);
  if (!loadInFlight && (connectionState !== "connected" || lastLoadError) && Date.now() - lastLoadAttemptAt >= POLL_WHILE_OFFLINE_MS) loadSnapshot();
}

window.emergencyCrew = Object.freeze({
  unitId,
  get ambulance() { return ambulance; },
  get patient() { return patient; },
  /** alertId -> open Alert of the patient shown. */
  alerts,
  applyAmbulance,
  applyPatient,
  applyAlert,
  reload: loadSnapshot,
});

setConnection("disconnected");
render();
tick();
window.setInterval(tick, 1000);
loadSnapshot();
if (window.signalR?.HubConnectionBuilder) {
  connection = createConnection();
  start();
} else {
  console.error("SignalR client not loaded (lib/signalr/signalr.min.js); showing the crew view over HTTP only.");
}
