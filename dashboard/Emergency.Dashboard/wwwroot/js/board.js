// Live region board: open clinical alerts on top, then one row per patient with vitals, NEWS2 parameter
// scores and total.
//
// Data flow
//   GET  api/patients?region={region}  -> PatientState[]    (initial load and after every (re)subscribe)
//   hub  hubs/live  invoke WatchRegion(region), then "patientUpdated"(PatientState) pushes
// Every update carries a per-patient version; anything not newer than what is shown is dropped,
// so out-of-order pushes and HTTP snapshots can be mixed freely.
//
// Alerts
//   Each PatientState lists its open alerts ("alerts"); the hub pushes every alert change at once
//   ("alertRaised", "alertEscalated", "alertAcknowledged", "alertUpdated", "alertCleared"). Alerts carry
//   their own version: an alert snapshot not newer than the one held is dropped, and a cleared alert never
//   comes back. Every full reload rebuilds the open alerts from the patients' lists.
//   Acknowledge: hub AcknowledgeAlert(patientId, alertId, by), or
//   POST api/patients/{id}/alerts/{alertId}/ack {"by"} when the hub is not connected.
//   GET api/patients/{id}/alerts -> {open, history} refreshes one patient after a refused acknowledgement.
//
// Rendering: updates are batched into one requestAnimationFrame; a row's cells are updated in place.
// Patient rows are re-sorted at most once a second so the board does not jump on every push; alert rows
// are kept in order at once (a new high-priority alert goes straight to the top).

import { AlarmSound, HIGH_BURST_MS } from "./alarm-sound.js";

const RISK_RANK = Object.freeze({ "high": 3, "medium": 2, "low-medium": 1, "low": 0 });
const RISK_LABEL = Object.freeze({ "high": "HIGH", "medium": "MEDIUM", "low-medium": "LOW-MEDIUM", "low": "LOW" });
const RISKS = Object.freeze(["high", "medium", "low-medium", "low"]);

const PRIORITY_RANK = Object.freeze({ "high": 3, "medium": 2, "low": 1 });
const PRIORITY_LABEL = Object.freeze({ "high": "HIGH", "medium": "MEDIUM", "low": "LOW" });
const PRIORITIES = Object.freeze(["high", "medium", "low"]);
/** Within a priority: escalated, then raised, then acknowledged (cleared rows, still shown briefly, last). */
const ALERT_STATE_RANK = Object.freeze({ "escalated": 0, "raised": 1, "acknowledged": 2, "cleared": 3 });
const ALERT_KIND_LABEL = Object.freeze({
  "news2-high": "NEWS2",
  "single-parameter": "Single parameter",
  "qsofa": "qSOFA positive",
  "shock-index": "Shock index",
  "trend": "Trend",
  "predicted": "Predicted deterioration",
  "possible-stemi": "Possible STEMI — confirm",
});
const CLEAR_REASON_TEXT = Object.freeze({ "resolved": "resolved", "superseded": "superseded by a newer alert" });
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
/** A cleared alert stays in the panel, marked cleared, for this long. */
const CLEARED_SHOWN_MS = 5000;
/** High-priority alarm burst, repeated while an unacknowledged high-priority alert is open. */
const HIGH_ALARM_REPEAT_MS = 10000;
/** Medium-priority chimes are at most this often. */
const MEDIUM_CHIME_MIN_GAP_MS = 2000;
/** Ids of cleared alerts kept (so late events cannot bring them back). */
const CLEARED_ALERTS_KEPT = 2000;
const ACK_USER_KEY = "emergency.board.ackUser";
/** Reconnect back-off; the last value repeats forever. */
const RETRY_DELAYS_MS = Object.freeze([0, 1000, 2000, 5000, 10000]);

const ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

// ---------------------------------------------------------------------------------------------
// Region and endpoints

const query = new URLSearchParams(window.location.search);
const region = (query.get("region") ?? "").trim().toLowerCase() || "sh";
const patientsUrl = new URL(`api/patients?region=${encodeURIComponent(region)}`, document.baseURI).toString();
const hubUrl = new URL("hubs/live", document.baseURI).toString();
const patientAlertsUrl = (patientId) =>
  new URL(`api/patients/${encodeURIComponent(patientId)}/alerts`, document.baseURI).toString();
const ackUrl = (patientId, alertId) =>
  new URL(`api/patients/${encodeURIComponent(patientId)}/alerts/${encodeURIComponent(alertId)}/ack`, document.baseURI).toString();

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

/** alertId -> open Alert. */
const alerts = new Map();
/** patientId -> ids of its open alerts. */
const alertsByPatient = new Map();
/** alertId -> version at which it was cleared (a cleared alert never comes back). */
const clearedAlerts = new Map();
/** alertId -> the cleared Alert, while its row is still shown as cleared. */
const closingAlerts = new Map();
/** alertId -> performance.now() of the last accepted alert push (guards snapshot-based removal). */
const lastAlertPushAt = new Map();
/** alertId -> alert row view. */
const alertViews = new Map();
/** Alerts whose row must be (re)rendered or removed on the next frame. */
const dirtyAlerts = new Set();

let alertSortDue = false;
/** The first patient list has been applied: alerts that appear later are announced and chimed. */
let alertsLoaded = false;
/** performance.now() at which the next high-priority burst may start. */
let nextHighAlarmAt = 0;
let lastMediumChimeAt = -Infinity;
let announceTimer = 0;
let announceQueue = [];

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
  alertsPanel: $("alerts"),
  alertRows: $("alert-rows"),
  alertsEmpty: $("alerts-empty"),
  alertAnnouncer: $("alert-announcer"),
  alertUnacked: $("alert-unacked-count"),
  alertSummary: Object.fromEntries(PRIORITIES.map((p) => [p, document.querySelector(`[data-alert-count="${p}"]`)])),
  ackUser: $("ack-user"),
  soundToggle: $("sound-toggle"),
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

function fmtHourMinute(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
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
  // The patient's open alerts (each kept only if newer than the one held; absent ones are not removed
  // here: the alert pushes, not the coalesced patient pushes, say when an alert clears).
  for (const alert of alertsIn(state)) applyAlert(alert);
  return true;
}

function removePatient(id, version) {
  const shown = patients.get(id);
  if (!shown) return;
  departed.set(id, Math.max(version ?? shown.version, shown.version));
  patients.delete(id);
  lastPushAt.delete(id);
  markDirty(id);
  // Its alerts leave the panel with it.
  for (const alertId of [...(alertsByPatient.get(id) ?? [])]) dropAlert(alertId);
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
// Alerts: state

function isAlert(a) {
  return a !== null && typeof a === "object"
    && typeof a.alertId === "string" && ID_PATTERN.test(a.alertId)
    && typeof a.patientId === "string" && ID_PATTERN.test(a.patientId)
    && typeof a.state === "string"
    && isNum(a.version);
}

/** The alerts a patient state lists: "alerts" (all open ones) and "alert" (the most severe). */
function alertsIn(state) {
  const list = Array.isArray(state?.alerts) ? state.alerts.filter(isAlert) : [];
  if (isAlert(state?.alert) && !list.some((a) => a.alertId === state.alert.alertId)) list.push(state.alert);
  return list;
}

function isAcknowledged(alert) {
  return alert.state === "acknowledged" || (typeof alert.acknowledgedAt === "string" && alert.acknowledgedAt !== "");
}

function priorityOf(alert) {
  return alert && alert.priority in PRIORITY_RANK ? alert.priority : null;
}

function alertStateRank(alert) {
  if (alert.state === "cleared") return ALERT_STATE_RANK.cleared;
  if (isAcknowledged(alert)) return ALERT_STATE_RANK.acknowledged;
  return alert.state === "escalated" ? ALERT_STATE_RANK.escalated : ALERT_STATE_RANK.raised;
}

/** Priority (high first), escalated before raised, unacknowledged before acknowledged, oldest first. */
function compareAlerts(a, b) {
  const pa = PRIORITY_RANK[priorityOf(a)] ?? 0;
  const pb = PRIORITY_RANK[priorityOf(b)] ?? 0;
  if (pa !== pb) return pb - pa;
  const sa = alertStateRank(a);
  const sb = alertStateRank(b);
  if (sa !== sb) return sa - sb;
  const ta = parseTime(a.raisedAt);
  const tb = parseTime(b.raisedAt);
  if (ta !== tb) {
    if (Number.isNaN(ta)) return 1;
    if (Number.isNaN(tb)) return -1;
    return ta - tb;
  }
  return a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0;
}

function kindText(alert) {
  return ALERT_KIND_LABEL[alert.kind] ?? (typeof alert.kind === "string" && alert.kind ? alert.kind : "Alert");
}

function priorityText(alert) {
  return PRIORITY_LABEL[priorityOf(alert)] ?? (typeof alert.priority === "string" ? alert.priority.toUpperCase() : "ALERT");
}

/** Open alerts of a patient, most severe first. */
function openAlertsOf(patientId) {
  const ids = alertsByPatient.get(patientId);
  if (!ids || ids.size === 0) return [];
  return [...ids].map((id) => alerts.get(id)).filter(Boolean).sort(compareAlerts);
}

/**
 * Applies one Alert snapshot (from a push, a patient state or an acknowledgement answer). Returns true when
 * the panel changed, false when it was dropped (malformed, or not newer than the one held).
 * `quiet`: no announcement or chime (the first load of the board).
 */
function applyAlert(alert, { quiet = false } = {}) {
  if (!isAlert(alert)) {
    console.warn("Ignoring malformed alert", alert);
    return false;
  }
  const id = alert.alertId;
  const held = alerts.get(id);
  if (held && alert.version <= held.version) return false;
  const cleared = clearedAlerts.get(id);
  if (cleared !== undefined && alert.version <= cleared) return false;

  if (alert.state === "cleared") {
    clearedAlerts.set(id, alert.version);
    if (clearedAlerts.size > CLEARED_ALERTS_KEPT) clearedAlerts.delete(clearedAlerts.keys().next().value);
    if (!held) return false; // never shown: nothing to take away
    forgetAlert(id, held.patientId);
    closingAlerts.set(id, alert); // shown as cleared for a few seconds
    markAlertDirty(id, alert.patientId);
    updateAlarm();
    return true;
  }

  if (held && held.patientId !== alert.patientId) forgetAlert(id, held.patientId);
  alerts.set(id, alert);
  let ids = alertsByPatient.get(alert.patientId);
  if (!ids) alertsByPatient.set(alert.patientId, (ids = new Set()));
  ids.add(id);
  closingAlerts.delete(id);
  markAlertDirty(id, alert.patientId);
  if (!quiet) noteAlertChange(held, alert);
  updateAlarm();
  return true;
}

/** Takes an alert off the board without a cleared event (its patient left, or a reload no longer lists it). */
function dropAlert(id) {
  const held = alerts.get(id);
  if (!held) return;
  forgetAlert(id, held.patientId);
  closingAlerts.delete(id);
  markAlertDirty(id, held.patientId);
  updateAlarm();
}

function forgetAlert(id, patientId) {
  alerts.delete(id);
  lastAlertPushAt.delete(id);
  const ids = alertsByPatient.get(patientId);
  if (ids) {
    ids.delete(id);
    if (ids.size === 0) alertsByPatient.delete(patientId);
  }
}

function markAlertDirty(id, patientId) {
  dirtyAlerts.add(id);
  alertSortDue = true;
  // The patient row shows its most severe open alert.
  if (patientId && patients.has(patientId)) dirty.add(patientId);
  requestRender();
}

/** Announces new high-priority alerts (assertive) and new medium ones (polite); cues the sound. */
function noteAlertChange(before, after) {
  if (!alertsLoaded) return;
  const priority = priorityOf(after);
  const acknowledged = isAcknowledged(after);
  const isNew = !before;
  const becameHigh = priority === "high" && (isNew || priorityOf(before) !== "high");
  const escalated = Boolean(before) && (after.escalationLevel ?? 0) > (before.escalationLevel ?? 0);
  const reason = typeof after.reason === "string" && after.reason ? ` ${after.reason}.` : "";

  if (becameHigh && !acknowledged) {
    announceAlert(`High priority alert, patient ${after.patientId}: ${kindText(after)}.${reason}`);
    // Sound now rather than at the next slot of the repeat (but never over a burst that is playing).
    nextHighAlarmAt = Math.min(nextHighAlarmAt, lastHighAlarmAt + HIGH_BURST_MS + 500);
  } else if (priority === "medium" && isNew && !acknowledged) {
    setText(dom.announcer, `Medium priority alert, patient ${after.patientId}: ${kindText(after)}.${reason}`);
  }

  if (priority === "medium" && !acknowledged && (isNew || escalated || priorityOf(before) !== "medium")) {
    const now = performance.now();
    if (now - lastMediumChimeAt >= MEDIUM_CHIME_MIN_GAP_MS && !highAlarmActive()) {
      lastMediumChimeAt = now;
      sound?.playMedium();
    }
  }
}

/** Queues text for the assertive announcer; messages arriving together are read as one. */
function announceAlert(text) {
  announceQueue.push(text);
  if (announceTimer) return;
  dom.alertAnnouncer.textContent = ""; // so the same text is read again
  announceTimer = window.setTimeout(() => {
    announceTimer = 0;
    dom.alertAnnouncer.textContent = announceQueue.join(" ");
    announceQueue = [];
  }, 150);
}

// ---------------------------------------------------------------------------------------------
// Alerts: sound

let sound = null;
let lastHighAlarmAt = -Infinity;

function highAlarmActive() {
  for (const alert of alerts.values()) {
    if (priorityOf(alert) === "high" && !isAcknowledged(alert)) return true;
  }
  return false;
}

/** Plays the high-priority burst now and every HIGH_ALARM_REPEAT_MS while one is unacknowledged. */
function updateAlarm() {
  const active = highAlarmActive();
  setAttr(dom.alertsPanel, "data-alarm", active ? "high" : null);
  if (!active) {
    nextHighAlarmAt = 0;
    return;
  }
  const now = performance.now();
  if (now < nextHighAlarmAt || !sound) return;
  if (sound.playHigh()) {
    lastHighAlarmAt = now;
    nextHighAlarmAt = now + HIGH_ALARM_REPEAT_MS;
  } else {
    nextHighAlarmAt = 0; // silent (muted or blocked): sound as soon as it is allowed
  }
}

const SOUND_TEXT = Object.freeze({
  on: "Sound on",
  off: "Sound off — click to enable",
  muted: "Muted",
  unavailable: "No sound in this browser",
});
const SOUND_TITLE = Object.freeze({
  on: "Alarm sounds are on. Click to mute.",
  off: "The browser blocks sound until the page is clicked. Click to enable alarm sounds.",
  muted: "Alarm sounds are muted. Click to turn them on.",
  unavailable: "This browser cannot play alarm sounds.",
});

function showSoundState(state) {
  setText(dom.soundToggle, SOUND_TEXT[state] ?? state);
  setAttr(dom.soundToggle, "data-sound", state);
  setAttr(dom.soundToggle, "aria-pressed", state === "on" ? "true" : "false");
  setAttr(dom.soundToggle, "title", SOUND_TITLE[state] ?? null);
  dom.soundToggle.disabled = state === "unavailable";
  document.body.dataset.sound = state;
  if (state === "on") {
    nextHighAlarmAt = 0;
    window.setTimeout(updateAlarm, 0);
  }
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
  renderAlerts();
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

  // Most severe open alert: data-alert is its priority (absent when the patient has none).
  const open = openAlertsOf(state.patientId);
  const top = open[0] ?? null;
  view.alert.hidden = top === null;
  setText(view.alert, top ? `⚠ ${priorityText(top)} · ${kindText(top)}${open.length > 1 ? ` +${open.length - 1}` : ""}` : "");
  setAttr(view.alert, "data-priority", top ? priorityOf(top) ?? "unknown" : null);
  setAttr(view.alert, "title", top ? open.map((a) => `${priorityText(a)} ${kindText(a)}: ${a.reason ?? ""}`).join("\n") : null);
  setAttr(row, "data-alert", top ? priorityOf(top) ?? "unknown" : null);
  setAttr(row, "data-alert-count", open.length ? String(open.length) : null);

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
  for (const view of alertViews.values()) updateAlertElapsed(view, now);
  updateAlarm();

  // Without a live connection, keep the list fresh over HTTP.
  const sinceLoad = performance.now() - lastLoadAttemptAt;
  if (!loadInFlight && (connectionState !== "connected" || lastLoadError) && sinceLoad >= POLL_WHILE_OFFLINE_MS) {
    loadSnapshot();
  }
  updateNotice();
}

// ---------------------------------------------------------------------------------------------
// Alerts: rendering

function renderAlerts() {
  const focused = document.activeElement;
  let lostFocus = false;
  for (const id of dirtyAlerts) {
    const alert = alerts.get(id) ?? closingAlerts.get(id);
    let view = alertViews.get(id);
    if (!alert) {
      if (view) {
        if (view.row.contains(focused)) lostFocus = true;
        window.clearTimeout(view.removeTimer);
        view.row.remove();
        alertViews.delete(id);
      }
      continue;
    }
    if (!view) {
      if (alert.state === "cleared") {
        closingAlerts.delete(id); // cleared before it was ever drawn
        continue;
      }
      view = createAlertRow(id);
      alertViews.set(id, view);
      dom.alertRows.appendChild(view.row);
    }
    updateAlertRow(view, alert);
  }
  dirtyAlerts.clear();
  if (alertSortDue) sortAlertRows();
  if (focused && focused !== document.activeElement && focused.isConnected) {
    focused.focus({ preventScroll: true });
  } else if (lostFocus && (document.activeElement === document.body || document.activeElement === null)) {
    dom.alertsPanel.focus({ preventScroll: true });
  }
  updateAlertSummary();
}

function sortAlertRows() {
  alertSortDue = false;
  const ordered = [...alertViews.values()].sort((a, b) => compareAlerts(a.alert, b.alert));
  let cursor = dom.alertRows.firstElementChild;
  for (const view of ordered) {
    if (view.row === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      dom.alertRows.insertBefore(view.row, cursor); // moves only rows that are out of place
    }
  }
}

function updateAlertSummary() {
  const counts = { "high": 0, "medium": 0, "low": 0 };
  let unacknowledged = 0;
  for (const alert of alerts.values()) {
    const priority = priorityOf(alert);
    if (priority) counts[priority] += 1;
    if (!isAcknowledged(alert)) unacknowledged += 1;
  }
  for (const priority of PRIORITIES) {
    setText(dom.alertSummary[priority], String(counts[priority]));
    dom.alertSummary[priority].parentElement.classList.toggle("zero", counts[priority] === 0);
  }
  setText(dom.alertUnacked, String(unacknowledged));
  dom.alertUnacked.parentElement.classList.toggle("zero", unacknowledged === 0);
  setAttr(dom.alertsPanel, "data-count", String(alerts.size));
  setAttr(dom.alertsPanel, "data-unacknowledged", String(unacknowledged));
  dom.alertsEmpty.hidden = alertViews.size !== 0;
  dom.alertRows.hidden = alertViews.size === 0;
}

function createAlertRow(id) {
  const row = el("li", "alert-row");
  row.id = `alert-${id}`;
  row.dataset.alertId = id;

  // Priority in colour and in words.
  const priority = el("span", "alert-priority");
  const priorityLabel = el("span", "alert-priority-label", "");
  priority.append(priorityLabel, el("span", "visually-hidden", " priority"));

  // What, for whom, why.
  const main = el("div", "alert-main");
  const line = el("div", "alert-line");
  const kind = el("span", "alert-kind", "");
  const patient = el("button", "alert-patient", "");
  patient.type = "button";
  line.append(kind, patient);
  const reason = el("p", "alert-reason", "");
  const error = el("p", "alert-error", "");
  error.setAttribute("role", "alert");
  error.hidden = true;
  main.append(line, reason, error);

  // State: RAISED / ESCALATED ×n / ACKNOWLEDGED by … hh:mm / CLEARED.
  const state = el("span", "alert-state");
  const stateMain = el("span", "alert-state-main", "");
  const stateDetail = el("span", "alert-state-detail", "");
  const stateGap = document.createTextNode("");
  state.append(stateMain, stateGap, stateDetail);

  // Time since raised (ticks every second; not announced).
  const since = el("span", "alert-since");
  since.setAttribute("aria-live", "off");
  const elapsed = el("span", "alert-elapsed", "—");
  const raisedAt = el("span", "alert-raised-at", "");
  since.append(el("span", "visually-hidden", "open for "), elapsed, document.createTextNode(" "), raisedAt);

  const action = el("span", "alert-action");

  row.append(priority, main, state, since, action);
  return {
    row, priorityLabel, kind, patient, reason, error, stateMain, stateGap, stateDetail, elapsed, raisedAt, action,
    ack: null, pending: false, alert: null, raisedAtMs: NaN, removeTimer: 0,
  };
}

function updateAlertRow(view, alert) {
  const { row } = view;
  const cleared = alert.state === "cleared";
  const acknowledged = isAcknowledged(alert);
  const priority = priorityOf(alert);
  const kind = kindText(alert);
  const label = priorityText(alert);
  view.alert = alert;

  // Row attributes a test (or stylesheet) can rely on.
  setAttr(row, "data-priority", priority ?? (typeof alert.priority === "string" ? alert.priority : "unknown"));
  setAttr(row, "data-state", alert.state);
  setAttr(row, "data-patient", alert.patientId);
  setAttr(row, "data-kind", typeof alert.kind === "string" ? alert.kind : null);
  setAttr(row, "data-version", String(alert.version));
  setAttr(row, "data-acknowledged", acknowledged ? "true" : "false");
  setAttr(row, "data-escalation-level", String(isNum(alert.escalationLevel) ? alert.escalationLevel : 0));

  setText(view.priorityLabel, label);
  setText(view.kind, kind);
  setText(view.patient, alert.patientId);
  setAttr(view.patient, "aria-label", `Show patient ${alert.patientId} in the list`);
  setText(view.reason, typeof alert.reason === "string" ? alert.reason : "");
  view.reason.hidden = view.reason.textContent === "";

  const [stateMain, stateDetail] = alertStateText(alert);
  setText(view.stateMain, stateMain);
  if (view.stateGap.data !== (stateDetail ? " " : "")) view.stateGap.data = stateDetail ? " " : "";
  setText(view.stateDetail, stateDetail);

  view.raisedAtMs = parseTime(alert.raisedAt);
  setText(view.raisedAt, Number.isNaN(view.raisedAtMs) ? "" : `since ${fmtHourMinute(view.raisedAtMs)}`);
  if (!cleared) updateAlertElapsed(view, nowMs());

  // Acknowledge button: only while open and unacknowledged.
  const wantAck = !cleared && !acknowledged;
  if (wantAck && !view.ack) {
    view.ack = el("button", "ack", "Acknowledge");
    view.ack.type = "button";
    view.action.append(view.ack);
  } else if (!wantAck && view.ack) {
    const hadFocus = document.activeElement === view.ack;
    view.ack.remove();
    view.ack = null;
    view.pending = false;
    // Keep the keyboard user in this row (never on another alert's Acknowledge button).
    if (hadFocus) view.patient.focus({ preventScroll: true });
  }
  if (view.ack) {
    setText(view.ack, view.pending ? "Acknowledging…" : "Acknowledge");
    view.ack.disabled = view.pending;
    setAttr(view.ack, "aria-label", `${view.pending ? "Acknowledging" : "Acknowledge"} ${label.toLowerCase()} priority ${kind} alert for patient ${alert.patientId}`);
  }
  setAttr(row, "data-pending", view.pending ? "true" : null);
  if (acknowledged && !view.pending && (view.error.dataset.kind === "name" || view.error.dataset.kind === "user")) {
    showAlertError(view, "");
  }

  if (cleared && !view.removeTimer) {
    view.removeTimer = window.setTimeout(() => {
      view.removeTimer = 0;
      if (closingAlerts.get(alert.alertId) === view.alert) {
        closingAlerts.delete(alert.alertId);
        markAlertDirty(alert.alertId, null);
      }
    }, CLEARED_SHOWN_MS);
  }
}

/** [main, detail], e.g. ["ACKNOWLEDGED", "by dr.chen 14:02"], ["ESCALATED ×2", ""]. */
function alertStateText(alert) {
  switch (alert.state) {
    case "raised":
      return ["RAISED", ""];
    case "escalated": {
      const level = isNum(alert.escalationLevel) ? alert.escalationLevel : 0;
      return [level > 0 ? `ESCALATED ×${level}` : "ESCALATED", ""];
    }
    case "acknowledged": {
      const at = parseTime(alert.acknowledgedAt);
      const parts = [];
      if (typeof alert.acknowledgedBy === "string" && alert.acknowledgedBy) parts.push(`by ${alert.acknowledgedBy}`);
      if (!Number.isNaN(at)) parts.push(fmtHourMinute(at));
      return ["ACKNOWLEDGED", parts.join(" ")];
    }
    case "cleared": {
      const reason = typeof alert.clearReason === "string" && alert.clearReason
        ? CLEAR_REASON_TEXT[alert.clearReason] ?? alert.clearReason
        : "";
      return ["CLEARED", reason];
    }
    default:
      return [String(alert.state).toUpperCase(), ""];
  }
}

function updateAlertElapsed(view, now) {
  if (view.alert?.state === "cleared") return;
  if (Number.isNaN(view.raisedAtMs)) {
    setText(view.elapsed, "—");
    return;
  }
  const seconds = Math.max(0, Math.floor((now - view.raisedAtMs) / 1000));
  setText(view.elapsed, fmtDuration(seconds));
}

/**
 * Inline message in an alert row ("" hides it). Kinds: "error" (a refused or failed acknowledgement),
 * "user" (a hint; goes once the alert is acknowledged), "name" (no name yet; goes once one is typed).
 */
function showAlertError(view, text, kind = "error") {
  setText(view.error, text ? `⚠ ${text}` : "");
  view.error.hidden = !text;
  setAttr(view.error, "data-kind", text ? kind : null);
  setAttr(view.row, "data-error", text ? "true" : null);
}

/** Scrolls to a patient's row and focuses it. */
function focusPatient(patientId) {
  const view = views.get(patientId);
  if (!view) return false;
  const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  view.row.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
  view.row.focus({ preventScroll: true });
  view.row.classList.remove("located");
  void view.row.offsetWidth; // restart the animation
  view.row.classList.add("located");
  return true;
}

dom.alertRows.addEventListener("click", (event) => {
  const row = event.target.closest?.(".alert-row");
  if (!row) return;
  if (event.target.closest("button.ack")) {
    acknowledge(row.dataset.alertId);
  } else if (event.target.closest("button.alert-patient")) {
    if (!focusPatient(row.dataset.patient)) {
      const view = alertViews.get(row.dataset.alertId);
      if (view) showAlertError(view, `Patient ${row.dataset.patient} is not on this board.`, "user");
    }
  }
});

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
    const quiet = !alertsLoaded;
    /** Patients whose state lists its open alerts: their other alerts are no longer open. */
    const alertsListed = new Set();
    const openAlertIds = new Set();
    for (const state of list) {
      if (!isPatientState(state)) continue;
      present.add(state.patientId);
      apply(state);
      if (!patients.has(state.patientId)) continue; // not (or no longer) on this board
      if (Array.isArray(state.alerts)) alertsListed.add(state.patientId);
      for (const alert of alertsIn(state)) {
        openAlertIds.add(alert.alertId);
        applyAlert(alert, { quiet });
      }
    }
    // Patients the server no longer lists have left the region, unless a push arrived meanwhile.
    for (const id of [...patients.keys()]) {
      if (!present.has(id) && !((lastPushAt.get(id) ?? -Infinity) >= startedAt)) removePatient(id);
    }
    // Rebuild the open alerts from the list, keeping any pushed while it loaded.
    for (const [alertId, alert] of [...alerts]) {
      if (openAlertIds.has(alertId) || (lastAlertPushAt.get(alertId) ?? -Infinity) >= startedAt) continue;
      if (alertsListed.has(alert.patientId) || !patients.has(alert.patientId)) dropAlert(alertId);
    }
    if (!alertsLoaded) {
      alertsLoaded = true;
      const high = [...alerts.values()].filter((a) => priorityOf(a) === "high" && !isAcknowledged(a)).length;
      if (high > 0) announceAlert(`${high} unacknowledged high priority ${high === 1 ? "alert" : "alerts"}.`);
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
  for (const name of ["alertRaised", "alertEscalated", "alertAcknowledged", "alertUpdated", "alertCleared"]) {
    hub.on(name, onAlertPushed);
  }
  hub.onreconnecting(() => setConnection("reconnecting"));
  hub.onreconnected(() => subscribe());
  hub.onclose(() => {
    setConnection("disconnected");
    scheduleStart();
  });
  return hub;
}

/** An alert pushed by the hub (or by a test through the hook): kept by reloads that started before it. */
function onAlertPushed(alert) {
  if (isAlert(alert)) lastAlertPushAt.set(alert.alertId, performance.now());
  return applyAlert(alert);
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
// Acknowledging

class AckError extends Error {
  /** refused: the server answered no (unknown alert, already cleared…), as opposed to not being reached. */
  constructor(message, { status = 0, refused = false } = {}) {
    super(message);
    this.status = status;
    this.refused = refused;
  }
}

function readAckUser() {
  try {
    return window.localStorage.getItem(ACK_USER_KEY) ?? "";
  } catch {
    return "";
  }
}

function saveAckUser(name) {
  try {
    if (name) window.localStorage.setItem(ACK_USER_KEY, name);
    else window.localStorage.removeItem(ACK_USER_KEY);
  } catch {
    // Storage unavailable: the name lasts until the page reloads.
  }
}

dom.ackUser.value = readAckUser();
dom.ackUser.addEventListener("input", () => {
  const name = dom.ackUser.value.trim();
  saveAckUser(name);
  if (!name) return;
  setAttr(dom.ackUser, "aria-invalid", null);
  // The "enter your name" hints have done their job.
  for (const view of alertViews.values()) {
    if (view.error.dataset.kind === "name") showAlertError(view, "");
  }
});

async function acknowledge(alertId) {
  const alert = alerts.get(alertId);
  const view = alertViews.get(alertId);
  if (!alert || !view || view.pending || isAcknowledged(alert)) return;

  const by = dom.ackUser.value.trim();
  if (!by) {
    setAttr(dom.ackUser, "aria-invalid", "true");
    showAlertError(view, "Enter your name in “Acknowledging as” first, then acknowledge.", "name");
    dom.ackUser.focus();
    return;
  }
  setAttr(dom.ackUser, "aria-invalid", null);

  const hadFocus = document.activeElement === view.ack;
  view.pending = true;
  showAlertError(view, "");
  updateAlertRow(view, alert);
  try {
    const result = await sendAcknowledge(alert.patientId, alertId, by);
    if (isAlert(result)) {
      view.pending = false;
      onAlertPushed(result);
    }
    setText(dom.announcer, `Alert for patient ${alert.patientId} acknowledged by ${by}.`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    showAlertError(view, message);
    // Refused (unknown, already cleared…): show how the patient's alerts stand now.
    if (error instanceof AckError && error.refused) refreshPatientAlerts(alert.patientId);
  } finally {
    view.pending = false;
    if (view.row.isConnected) updateAlertRow(view, alerts.get(alertId) ?? closingAlerts.get(alertId) ?? view.alert);
    markAlertDirty(alertId, alert.patientId);
    // A disabled button loses focus: give it back (or to the row's patient once acknowledged).
    if (hadFocus && (document.activeElement === document.body || document.activeElement === null)) {
      (view.ack ?? view.patient).focus({ preventScroll: true });
    }
  }
}

/** Hub when connected (the answer also reaches the other boards as alertAcknowledged), else HTTP. */
async function sendAcknowledge(patientId, alertId, by) {
  if (connection && connection.state === "Connected") {
    try {
      return await connection.invoke("AcknowledgeAlert", patientId, alertId, by);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const hub = /HubException:\s*(.*)$/s.exec(text);
      if (hub) throw new AckError(hub[1].trim() || "The server refused the acknowledgement.", { refused: true });
      // Not an answer from the server (the connection dropped during the call): try over HTTP.
      if (connection.state === "Connected") throw new AckError(text || "Acknowledging failed.");
    }
  }
  return postAcknowledge(patientId, alertId, by);
}

async function postAcknowledge(patientId, alertId, by) {
  let response;
  try {
    response = await fetch(ackUrl(patientId, alertId), {
      method: "POST",
      cache: "no-store",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ by }),
    });
  } catch {
    throw new AckError("Could not reach the server. Try again.");
  }
  // Accepted: the answer is the alert (if it is not, the alertAcknowledged push or the next reload shows it).
  if (response.ok) return response.json().catch(() => null);
  let detail = "";
  try {
    const problem = await response.json();
    detail = typeof problem?.detail === "string" && problem.detail ? problem.detail
      : typeof problem?.title === "string" ? problem.title : "";
  } catch {
    // not a problem document
  }
  const fallback = response.status === 404 ? "Alert not found (it may have been cleared)."
    : response.status === 409 ? "Alert already cleared."
    : `Acknowledging failed (HTTP ${response.status}).`;
  throw new AckError(detail || fallback, { status: response.status, refused: response.status >= 400 && response.status < 500 });
}

/** Reloads one patient's alerts (open and history) and applies them. */
async function refreshPatientAlerts(patientId) {
  const startedAt = performance.now();
  try {
    const response = await fetch(patientAlertsUrl(patientId), { cache: "no-store", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const body = await response.json();
    const open = Array.isArray(body?.open) ? body.open.filter(isAlert) : [];
    const history = Array.isArray(body?.history) ? body.history.filter(isAlert) : [];
    for (const alert of [...open, ...history]) applyAlert(alert);
    const openIds = new Set(open.map((a) => a.alertId));
    for (const alertId of [...(alertsByPatient.get(patientId) ?? [])]) {
      if (!openIds.has(alertId) && !((lastAlertPushAt.get(alertId) ?? -Infinity) >= startedAt)) dropAlert(alertId);
    }
  } catch (error) {
    console.warn("Reloading alerts failed:", error);
  }
}

// ---------------------------------------------------------------------------------------------
// Sound control: off until the browser allows audio, then on; muting is remembered.

sound = new AlarmSound({ onChange: showSoundState });
showSoundState(sound.state);
dom.soundToggle.addEventListener("click", () => sound.toggle());
// Any click or key press on the page also allows audio (unless muted): alarms must not stay silent.
for (const type of ["pointerdown", "pointerup", "keydown"]) {
  document.addEventListener(type, (event) => {
    if (sound.state !== "off" || event.target?.closest?.("#sound-toggle")) return;
    sound.unlock();
  }, { capture: true });
}

// ---------------------------------------------------------------------------------------------
// Test hook and start-up

window.emergencyBoard = Object.freeze({
  region,
  patients,
  apply,
  /** alertId -> open Alert (cleared ones leave it at once, even while their row is still shown). */
  alerts,
  /** Applies an Alert as if pushed by the hub; returns false when dropped (malformed or not newer). */
  applyAlert: onAlertPushed,
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
