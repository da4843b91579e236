// Dispatch board: one region's hospitals and ambulances on a map drawn by the page, the patients carried by
// ambulances, and the hospital recommendation for a selected patient with the destination decision.
//
// Data: GET /api/hospitals?region=R, GET /api/ambulances?region=R (a 404 shows a note), GET /api/patients?region=R,
// POST /api/dispatch/recommendations {patientId}, PUT /api/ambulances/{unitId}/destination.
// Hub /hubs/live: WatchRegion(R) → patientUpdated, hospitalUpdated, ambulanceUpdated.
// Updates are dropped unless their version is higher than the one shown. Text goes in with textContent only.

const RISK_RANK = Object.freeze({ "high": 3, "medium": 2, "low-medium": 1, "low": 0 });
const RISK_LABEL = Object.freeze({ "high": "HIGH", "medium": "MEDIUM", "low-medium": "LOW-MED", "low": "LOW" });
const STATUS_LABEL = Object.freeze({
  "available": "available", "dispatched": "dispatched", "on-scene": "on scene", "transporting": "transporting",
  "at-hospital": "at hospital", "out-of-service": "out of service",
});
const CONDITION_LABEL = Object.freeze({
  "trauma": "Trauma", "stroke": "Stroke", "stemi": "STEMI", "sepsis": "Sepsis", "respiratory": "Respiratory",
  "obstetric": "Obstetric", "paediatric": "Paediatric", "other": "Other",
});
const USER_KEY = "emergency.board.ackUser";
const RETRY_DELAYS_MS = Object.freeze([0, 1000, 2000, 5000, 10000]);
const CONNECTION_TEXT = Object.freeze({ connected: "connected", reconnecting: "reconnecting…", disconnected: "disconnected" });
const POLL_WHILE_OFFLINE_MS = 10000;
const SVG_NS = "http://www.w3.org/2000/svg";
const MAP_W = 1000;
const MAP_H = 800;
const MAP_PAD = 70;
const KM_PER_DEG = 111.32;

const pathParts = window.location.pathname.split("/").filter(Boolean);
const region = decodeURIComponent(pathParts[1] ?? new URLSearchParams(window.location.search).get("region") ?? "sh").trim();
const api = (path) => new URL(path, window.location.origin).toString();
const hospitalsUrl = api(`/api/hospitals?region=${encodeURIComponent(region)}`);
const ambulancesUrl = api(`/api/ambulances?region=${encodeURIComponent(region)}`);
const patientsUrl = api(`/api/patients?region=${encodeURIComponent(region)}`);
const hubUrl = api("/hubs/live");

// ---------------------------------------------------------------------------------------------
// State

/** hospitalId -> Hospital. */
const hospitals = new Map();
/** unitId -> Ambulance. */
const ambulances = new Map();
/** patientId -> PatientState (ambulance patients of the region). */
const patients = new Map();
/** The recommendation on show: { patientId, unitId, answer } or null. */
let recommendation = null;
let selectedPatientId = null;
let ambulancesAvailable = null; // null: not asked yet; false: the service has no ambulance endpoint
let projection = null;
/** Boxes taken by hospital markers and labels (ambulance labels avoid them). */
let hospitalBoxes = [];
let connection = null;
let connectionState = "disconnected";
let clockOffsetMs = 0;
let lastLoadOkAt = 0;
let lastLoadError = null;
let loadInFlight = false;
let lastLoadAttemptAt = 0;

const $ = (id) => document.getElementById(id);
const dom = {
  map: $("map"), grid: $("map-grid"), lines: $("map-lines"), hMarks: $("map-hospitals"), aMarks: $("map-ambulances"), scale: $("map-scale"),
  ambulanceNote: $("ambulance-note"), patientList: $("patient-list"), patientsEmpty: $("patients-empty"), patientCount: $("patient-count"),
  recStatus: $("rec-status"), recWarning: $("rec-warning"), recList: $("rec-list"), result: $("destination-result"),
  hospitalRows: $("hospital-rows"), hospitalCount: $("hospital-count"), ambulanceRows: $("ambulance-rows"), ambulanceCount: $("ambulance-count"),
  user: $("dispatcher"), clock: $("clock"), connection: $("connection"), notice: $("notice"), announcer: $("announcer"),
};
$("region").textContent = region;
document.title = `${region.toUpperCase()} · Dispatch board · Emergency`;

// ---------------------------------------------------------------------------------------------
// Helpers

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}
function setText(node, text) { const t = text ?? ""; if (node.textContent !== t) node.textContent = t; }
const isNum = (v) => typeof v === "number" && Number.isFinite(v);
const nowMs = () => Date.now() + clockOffsetMs;
function parseTime(iso) { const t = iso ? Date.parse(iso) : NaN; return Number.isFinite(t) ? t : null; }
const pad = (n) => String(n).padStart(2, "0");
function fmtClock(ms) { const d = new Date(ms); return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`; }
function fmtHm(ms) { const d = new Date(ms); return `${pad(d.getHours())}:${pad(d.getMinutes())}`; }
const fmtEta = (m) => (isNum(m) ? `${m < 10 ? m.toFixed(1) : Math.round(m)} min` : "—");
function retryDelay(attempt) { return RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]; }
const unitOf = (p) => (p?.source?.kind === "ambulance" ? p.source.id : null);
const hospitalName = (id) => hospitals.get(id)?.name ?? id;

async function fetchJson(url, options = {}) {
  const res = await fetch(url, { cache: "no-store", ...options, headers: { Accept: "application/json", ...(options.body ? { "Content-Type": "application/json" } : {}) } });
  const date = parseTime(res.headers.get("Date"));
  if (date !== null) clockOffsetMs = Math.abs(date - Date.now()) > 2000 ? date - Date.now() : 0;
  let body = null;
  try { body = await res.json(); } catch { /* no body */ }
  if (!res.ok) {
    const list = body?.errors?.errors ?? (body?.errors ? Object.values(body.errors).flat() : []);
    const error = new Error(list.length ? list.join("; ") : body?.detail ?? body?.title ?? `HTTP ${res.status}`);
    error.status = res.status;
    throw error;
  }
  return body;
}

function capabilityBadges(c = {}) {
  const badges = [];
  if (c.pci24x7) badges.push(["PCI", "PCI available 24/7"]);
  if (c.stroke === "thrombectomy") badges.push(["STROKE-T", "Stroke thrombectomy centre"]);
  else if (c.stroke === "primary") badges.push(["STROKE-P", "Primary stroke centre"]);
  if (isNum(c.traumaLevel)) badges.push([`TRAUMA ${["", "I", "II", "III"][c.traumaLevel] ?? c.traumaLevel}`, `Trauma centre level ${c.traumaLevel}`]);
  if (c.paediatric) badges.push(["PAED", "Paediatric emergency care"]);
  if (c.obstetric) badges.push(["OBS", "Obstetric unit"]);
  if (c.burns) badges.push(["BURNS", "Burns unit"]);
  return badges;
}
const frac = (free, total) => (isNum(free) ? (isNum(total) ? `${free}/${total}` : String(free)) : "—");

// ---------------------------------------------------------------------------------------------
// Map

/** Equirectangular projection fitted to the hospitals' bounding box, x scaled by cos(mean latitude). */
function fitProjection() {
  const points = [...hospitals.values()].filter((h) => isNum(h.lat) && isNum(h.lon));
  if (!points.length) return null;
  let minLat = Math.min(...points.map((h) => h.lat)), maxLat = Math.max(...points.map((h) => h.lat));
  let minLon = Math.min(...points.map((h) => h.lon)), maxLon = Math.max(...points.map((h) => h.lon));
  if (maxLat - minLat < 0.01) { minLat -= 0.01; maxLat += 0.01; }
  if (maxLon - minLon < 0.01) { minLon -= 0.01; maxLon += 0.01; }
  const cos = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const spanX = (maxLon - minLon) * cos, spanY = maxLat - minLat;
  const k = Math.min((MAP_W - 2 * MAP_PAD) / spanX, (MAP_H - 2 * MAP_PAD) / spanY); // px per degree of latitude
  const offX = (MAP_W - spanX * k) / 2, offY = (MAP_H - spanY * k) / 2;
  return {
    k, cos,
    x: (lon) => offX + (lon - minLon) * cos * k,
    y: (lat) => offY + (maxLat - lat) * k,
    pxPerKm: k / KM_PER_DEG,
  };
}

function drawScale() {
  dom.scale.replaceChildren();
  if (!projection) return;
  const target = (MAP_W / 5) / projection.pxPerKm;
  const steps = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];
  const km = steps.reduce((best, s) => (s <= target ? s : best), steps[0]);
  const w = km * projection.pxPerKm;
  const x = 24, y = MAP_H - 28;
  dom.scale.append(
    svg("rect", { x: x - 8, y: y - 30, width: w + 16, height: 44, class: "dx-scale-bg" }),
    svg("path", { d: `M${x} ${y - 8}V${y}H${x + w}V${y - 8}M${x + w / 2} ${y - 5}V${y}`, class: "dx-scale-bar" }),
    svg("text", { x: x + w / 2, y: y - 13, "text-anchor": "middle", class: "dx-scale-text" }, `${km} km`),
  );
  dom.grid.replaceChildren(svg("rect", { x: 0, y: 0, width: MAP_W, height: MAP_H, class: "dx-map-bg" }));
}

/** Greedy label placement: the first candidate box that overlaps no marker or earlier label, inside the map. */
function placeLabel(x, y, w, h, taken) {
  const candidates = [];
  for (const step of [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5]) {
    for (const [dx, anchor] of [[14, "start"], [-14, "end"], [60, "start"], [-60, "end"]]) {
      candidates.push([dx, Math.round(-h / 2 + step * (h / 2 + 3)), anchor]);
    }
  }
  let best = null;
  for (const [dx, dy, anchor] of candidates) {
    const left = anchor === "start" ? x + dx : x + dx - w;
    const box = { x1: left, y1: y + dy, x2: left + w, y2: y + dy + h };
    const inside = box.x1 >= 2 && box.x2 <= MAP_W - 2 && box.y1 >= 2 && box.y2 <= MAP_H - 2;
    // Covering a marker is worse than touching another label.
    const overlaps = taken.reduce((n, t) => n + (box.x1 < t.x2 && box.x2 > t.x1 && box.y1 < t.y2 && box.y2 > t.y1 ? (t.marker ? 3 : 1) : 0), 0);
    const score = overlaps * 10 + (inside ? 0 : 100);
    if (!best || score < best.score) best = { score, dx, dy, anchor, box };
    if (score === 0) break;
  }
  taken.push(best.box);
  return best;
}

let hospitalMarksSignature = "";
function drawHospitals() {
  // Redrawn only when a hospital changed (ambulance updates leave the hospital markers alone).
  const signature = JSON.stringify([...hospitals.values()].map((h) => [h.hospitalId, h.lat, h.lon, h.name, h.status, h.stale, h.capacity, h.capabilities]));
  if (signature === hospitalMarksSignature && projection) return;
  hospitalMarksSignature = signature;
  projection = fitProjection();
  drawScale();
  dom.hMarks.replaceChildren();
  if (!projection) return;
  const list = [...hospitals.values()].filter((h) => isNum(h.lat) && isNum(h.lon)).sort((a, b) => a.hospitalId.localeCompare(b.hospitalId));
  const taken = hospitalBoxes = list.map((h) => { const x = projection.x(h.lon), y = projection.y(h.lat); return { x1: x - 11, y1: y - 11, x2: x + 11, y2: y + 11, marker: true }; });
  for (const h of list) {
    const x = projection.x(h.lon), y = projection.y(h.lat);
    const diversion = h.status?.state === "diversion";
    const g = svg("g", {
      id: `map-hospital-${h.hospitalId}`, class: "dx-h", tabindex: 0, role: "img",
      "data-state": diversion ? "diversion" : "open", "data-stale": h.stale ? "true" : "false",
      transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`,
    });
    const c = h.capacity ?? {};
    const badges = capabilityBadges(h.capabilities);
    const statusText = diversion ? `DIVERSION${h.status?.reason ? `: ${h.status.reason}` : ""}` : "open";
    g.setAttribute("aria-label", `Hospital ${h.hospitalId} ${h.name ?? ""}, ${statusText}${h.stale ? ", capacity report stale" : ""}, resus ${frac(c.resusBaysFree, c.resusBaysTotal)} free, ED beds ${frac(c.edBedsFree, c.edBedsTotal)} free, ${badges.map((b) => b[1]).join(", ")}`);
    g.append(svg("title", {}, g.getAttribute("aria-label")));
    g.append(svg("rect", { x: -9, y: -9, width: 18, height: 18, class: "dx-h-mark", "data-state": diversion ? "diversion" : "open", "data-stale": h.stale ? "true" : "false" }));
    if (diversion) g.append(svg("path", { d: "M-6 -6L6 6M6 -6L-6 6", class: "dx-h-cross" }));
    const line1 = `${h.hospitalId}  R ${frac(c.resusBaysFree, c.resusBaysTotal)} · ED ${frac(c.edBedsFree, c.edBedsTotal)}`;
    const line2 = badges.map((b) => b[0]).join(" ");
    const line3 = [diversion ? "DIVERSION" : null, h.stale ? "stale" : null].filter(Boolean).join(" · ");
    const lines = line3 ? 3 : 2;
    const w = Math.max(line1.length * 8.6, line2.length * 8.6, line3.length * 8.6);
    const spot = placeLabel(x, y, w, lines * 15 + 4, taken);
    const tx = spot.dx, ty = spot.dy + 12;
    const label = svg("text", { x: tx, y: ty, class: "dx-h-label", "text-anchor": spot.anchor });
    label.append(svg("tspan", { class: "dx-h-id" }, h.hospitalId), svg("tspan", { dx: 6, class: "dx-h-cap" }, `R ${frac(c.resusBaysFree, c.resusBaysTotal)} · ED ${frac(c.edBedsFree, c.edBedsTotal)}`));
    g.append(label, svg("text", { x: tx, y: ty + 14, class: "dx-h-badges", "text-anchor": spot.anchor }, line2));
    if (line3) g.append(svg("text", { x: tx, y: ty + 28, class: "dx-h-flag", "text-anchor": spot.anchor }, line3));
    if (Math.abs(spot.dx) > 14 || spot.dy > 6 || spot.dy + lines * 14 < -6) {
      // Leader line from the marker to a label moved away from it.
      g.insertBefore(svg("line", { x1: 0, y1: 0, x2: spot.dx, y2: Math.min(Math.max(0, spot.dy), spot.dy + lines * 14), class: "dx-leader" }), g.firstChild.nextSibling);
    }
    g.addEventListener("click", () => focusHospitalRow(h.hospitalId));
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); focusHospitalRow(h.hospitalId); } });
    dom.hMarks.append(g);
  }
}

function focusHospitalRow(id) {
  const row = $(`hospital-row-${id}`);
  if (!row) return;
  row.scrollIntoView({ block: "nearest" });
  row.focus();
}

/** unitId -> marker view; markers are updated in place so a click or focus survives a GPS update. */
const ambulanceMarks = new Map();

function drawAmbulances() {
  dom.lines.replaceChildren();
  if (!projection) { dom.aMarks.replaceChildren(); ambulanceMarks.clear(); return; }
  const shown = [...ambulances.values()].filter((a) => isNum(a.position?.lat) && isNum(a.position?.lon)).sort((p, q) => p.unitId.localeCompare(q.unitId));
  const taken = [...hospitalBoxes, ...shown.map((a) => {
    const x = projection.x(a.position.lon), y = projection.y(a.position.lat);
    return { x1: x - 10, y1: y - 10, x2: x + 10, y2: y + 10, marker: true };
  })];
  const keep = new Set();
  for (const a of shown) {
    keep.add(a.unitId);
    const pos = a.position;
    const x = projection.x(pos.lon), y = projection.y(pos.lat);
    const dest = a.destination ? hospitals.get(a.destination.hospitalId) : null;
    if (dest && isNum(dest.lat)) {
      dom.lines.append(svg("line", {
        x1: x.toFixed(1), y1: y.toFixed(1), x2: projection.x(dest.lon).toFixed(1), y2: projection.y(dest.lat).toFixed(1),
        class: "dx-route", "data-status": a.status ?? "unknown",
      }));
    }
    let m = ambulanceMarks.get(a.unitId);
    if (!m) {
      const g = svg("g", { id: `map-ambulance-${a.unitId}`, class: "dx-a", tabindex: 0 });
      m = { g, title: svg("title"), heading: svg("path", { d: "M0 -15L4 -9H-4Z", class: "dx-a-heading" }), leader: svg("line", { class: "dx-leader" }), text: svg("text", { class: "dx-a-label" }) };
      g.append(m.title, m.leader, svg("circle", { r: 9, class: "dx-a-mark" }), m.heading, m.text);
      ambulanceMarks.set(a.unitId, m);
      dom.aMarks.append(g);
    }
    const status = a.status ?? "unknown";
    const g = m.g;
    g.setAttribute("data-status", status);
    g.setAttribute("data-selected", a.patientId && a.patientId === selectedPatientId ? "true" : "false");
    g.setAttribute("transform", `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
    if (a.patientId) { g.dataset.patient = a.patientId; g.setAttribute("role", "button"); }
    else { delete g.dataset.patient; g.setAttribute("role", "img"); }
    const label = `Ambulance ${a.unitId}, ${STATUS_LABEL[status] ?? "status unknown"}${a.patientId ? `, patient ${a.patientId}` : ""}${a.destination ? `, to ${a.destination.hospitalId} ETA ${fmtEta(a.destination.etaMinutes)}` : ""}`;
    g.setAttribute("aria-label", a.patientId ? `${label}. Press Enter for recommendations.` : label);
    setText(m.title, label);
    m.heading.style.display = isNum(pos.heading) ? "" : "none";
    if (isNum(pos.heading)) m.heading.setAttribute("transform", `rotate(${pos.heading})`);
    const text = `${a.unitId} ${STATUS_SHORT[status] ?? "?"}`;
    const spot = placeLabel(x, y, text.length * 8, 16, taken);
    const far = Math.abs(spot.dx) > 14 || spot.dy > 2 || spot.dy < -14;
    m.leader.style.display = far ? "" : "none";
    for (const [k, v] of Object.entries({ x1: 0, y1: 0, x2: spot.dx, y2: spot.dy + 8 })) m.leader.setAttribute(k, String(v));
    m.text.setAttribute("x", String(spot.dx));
    m.text.setAttribute("y", String(spot.dy + 12));
    m.text.setAttribute("text-anchor", spot.anchor);
    setText(m.text, text);
  }
  for (const [unitId, m] of ambulanceMarks) if (!keep.has(unitId)) { m.g.remove(); ambulanceMarks.delete(unitId); }
}

function ambulanceMarkTarget(event) {
  const g = event.target.closest?.(".dx-a");
  return g?.dataset.patient ? g : null;
}
dom.aMarks.addEventListener("click", (event) => { const g = ambulanceMarkTarget(event); if (g) selectPatient(g.dataset.patient); });
dom.aMarks.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" && event.key !== " ") return;
  const g = ambulanceMarkTarget(event);
  if (g) { event.preventDefault(); selectPatient(g.dataset.patient); }
});

const STATUS_SHORT = Object.freeze({
  "available": "AVL", "dispatched": "DSP", "on-scene": "SCN", "transporting": "TRN", "at-hospital": "HOSP", "out-of-service": "OOS",
});

// ---------------------------------------------------------------------------------------------
// Side panel

let hospitalsSignature = "";
function renderHospitals() {
  const signature = JSON.stringify([...hospitals.values()].map((h) => [h.hospitalId, h.name, h.status, h.stale, h.capacity, h.capabilities, h.inbound, (h.inboundUnits ?? []).map((u) => [u.unitId, u.etaMinutes])]));
  if (signature === hospitalsSignature) return;
  hospitalsSignature = signature;
  const rows = [];
  for (const h of [...hospitals.values()].sort((a, b) => a.hospitalId.localeCompare(b.hospitalId))) {
    const tr = el("tr");
    tr.id = `hospital-row-${h.hospitalId}`;
    tr.tabIndex = -1;
    const diversion = h.status?.state === "diversion";
    tr.dataset.state = diversion ? "diversion" : "open";
    tr.dataset.stale = h.stale ? "true" : "false";
    const name = el("td");
    name.append(el("strong", null, h.hospitalId), el("br"), el("span", "dx-small", h.name ?? ""));
    const status = el("td");
    status.append(el("span", "dx-state", diversion ? "DIVERSION" : "open"));
    if (diversion && h.status?.reason) status.append(el("br"), el("span", "dx-small", h.status.reason));
    if (h.stale) status.append(el("br"), el("span", "dx-stale", "stale report"));
    const caps = el("td");
    for (const [text, title] of capabilityBadges(h.capabilities)) { const b = el("abbr", "dx-badge", text); b.title = title; caps.append(b, " "); }
    const c = h.capacity ?? {};
    // Bays soft-held for high-risk inbound patients are shown next to what the hospital reported free.
    const held = h.resusBaysHeld > 0 ? ` (${h.resusBaysHeld} held)` : "";
    const resus = el("td", "dx-num", frac(c.resusBaysFree, c.resusBaysTotal) + held);
    const ed = el("td", "dx-num", frac(c.edBedsFree, c.edBedsTotal));
    const inbound = el("td", "dx-num", isNum(h.inbound) ? String(h.inbound) : "0");
    if (Array.isArray(h.inboundUnits) && h.inboundUnits.length) inbound.title = h.inboundUnits.map((u) => `${u.unitId} ${fmtEta(u.etaMinutes)}`).join(", ");
    tr.append(name, status, caps, resus, ed, inbound);
    rows.push(tr);
  }
  dom.hospitalRows.replaceChildren(...rows);
  setText(dom.hospitalCount, String(hospitals.size));
}

/** Without the ambulance endpoint, the units reporting patients stand in (no position or status). */
function unitsFromPatients() {
  const units = new Map();
  for (const p of patients.values()) {
    const unitId = unitOf(p);
    if (unitId && !units.has(unitId)) units.set(unitId, { unitId, region, position: null, status: null, patientId: p.patientId, destination: p.destination ?? null, derived: true });
  }
  return units;
}

let ambulancesSignature = "";
function renderAmbulances() {
  const rows = [];
  const source = ambulancesAvailable === false ? unitsFromPatients() : ambulances;
  const signature = JSON.stringify([...source.values()].map((a) => [a.unitId, a.status, a.patientId, a.destination?.hospitalId, a.destination?.etaMinutes]));
  if (signature === ambulancesSignature) return;
  ambulancesSignature = signature;
  for (const a of [...source.values()].sort((p, q) => p.unitId.localeCompare(q.unitId))) {
    const tr = el("tr");
    tr.id = `ambulance-row-${a.unitId}`;
    tr.dataset.status = a.status ?? "unknown";
    const unitCell = el("th");
    unitCell.scope = "row";
    const crewLink = el("a", "dx-link", a.unitId);
    crewLink.href = `/crew/${encodeURIComponent(a.unitId)}`;
    crewLink.title = `Crew view of ${a.unitId}`;
    unitCell.append(crewLink);
    tr.append(unitCell);
    const st = el("td");
    st.append(el("span", "dx-status-key", STATUS_LABEL[a.status] ?? (a.derived ? "not reported" : "unknown")));
    st.firstChild.dataset.status = a.status ?? "unknown";
    tr.append(st);
    const pt = el("td");
    if (a.patientId) {
      const b = el("button", "dx-link", a.patientId);
      b.type = "button";
      b.setAttribute("aria-label", `Recommend hospitals for patient ${a.patientId} in ${a.unitId}`);
      b.addEventListener("click", () => selectPatient(a.patientId));
      pt.append(b);
    } else pt.textContent = "—";
    tr.append(pt);
    tr.append(el("td", null, a.destination ? `${a.destination.hospitalId} · ETA ${fmtEta(a.destination.etaMinutes)}${a.derived ? " (at decision)" : ""}` : "—"));
    rows.push(tr);
  }
  dom.ambulanceRows.replaceChildren(...rows);
  setText(dom.ambulanceCount, String(source.size));
}

let patientsSignature = "";
function renderPatients() {
  const list = [...patients.values()].sort((a, b) =>
    (RISK_RANK[b.news2?.risk] ?? -1) - (RISK_RANK[a.news2?.risk] ?? -1) || a.patientId.localeCompare(b.patientId));
  const signature = JSON.stringify([selectedPatientId, list.map((p) => [p.patientId, p.news2?.risk, p.news2?.total, unitOf(p), p.context?.condition, p.destination?.hospitalId])]);
  if (signature === patientsSignature) return;
  patientsSignature = signature;
  const items = list.map((p) => {
    const li = el("li");
    const b = el("button", "dx-patient");
    b.type = "button";
    b.id = `patient-${p.patientId}`;
    b.dataset.risk = p.news2?.risk ?? "unknown";
    b.setAttribute("aria-pressed", p.patientId === selectedPatientId ? "true" : "false");
    const risk = el("span", "ed-risk", RISK_LABEL[p.news2?.risk] ?? "—");
    risk.dataset.risk = p.news2?.risk ?? "unknown";
    const main = el("span", "dx-patient-main");
    main.append(el("strong", null, p.patientId), " ", el("span", null, `NEWS2 ${isNum(p.news2?.total) ? p.news2.total : "—"}`));
    const sub = el("span", "dx-small",
      [unitOf(p), p.context?.condition ? (CONDITION_LABEL[p.context.condition] ?? p.context.condition) : "condition not recorded",
        p.destination ? `→ ${p.destination.hospitalId}` : "no destination"].filter(Boolean).join(" · "));
    main.append(el("br"), sub);
    b.append(risk, main);
    b.addEventListener("click", () => selectPatient(p.patientId));
    li.append(b);
    return li;
  });
  dom.patientList.replaceChildren(...items);
  setText(dom.patientCount, String(patients.size));
  dom.patientsEmpty.hidden = patients.size > 0;
}

// ---------------------------------------------------------------------------------------------
// Recommendation and destination

async function selectPatient(patientId) {
  selectedPatientId = patientId;
  renderPatients();
  drawAmbulances();
  const p = patients.get(patientId);
  const unitId = unitOf(p) ?? [...ambulances.values()].find((a) => a.patientId === patientId)?.unitId ?? null;
  recommendation = { patientId, unitId, answer: null };
  dom.recList.replaceChildren();
  dom.recWarning.hidden = true;
  dom.result.hidden = true;
  setText(dom.recStatus, `Ranking hospitals for ${patientId}${unitId ? ` (${unitId})` : ""}…`);
  $("recommendation").focus({ preventScroll: false });
  try {
    const answer = await fetchJson(api("/api/dispatch/recommendations"), { method: "POST", body: JSON.stringify({ patientId }) });
    if (recommendation?.patientId !== patientId) return;
    recommendation.answer = answer;
    renderRecommendation();
  } catch (error) {
    if (recommendation?.patientId !== patientId) return;
    setText(dom.recStatus, error.status === 422
      ? `No recommendation for ${patientId}: ${error.message} (the patient needs a unit with a GPS fix).`
      : `No recommendation for ${patientId}: ${error.message}`);
  }
}

function renderRecommendation() {
  const { patientId, unitId, answer } = recommendation;
  const p = patients.get(patientId);
  const computed = parseTime(answer.computedAt);
  setText(dom.recStatus, `${patientId}${unitId ? ` in ${unitId}` : ""}${p?.context?.condition ? ` · ${CONDITION_LABEL[p.context.condition] ?? p.context.condition}` : ""}${p?.news2?.risk ? ` · NEWS2 ${p.news2.total} ${p.news2.risk}` : ""}${computed ? ` · ranked ${fmtHm(computed)}` : ""}`);
  dom.recWarning.hidden = !answer.warning;
  setText(dom.recWarning, answer.warning ? `Warning: ${answer.warning}` : "");
  const items = (answer.hospitals ?? []).map((r) => {
    const li = el("li", "dx-rec");
    li.id = `rec-${r.hospitalId}`;
    li.dataset.rank = String(r.rank);
    li.dataset.capable = String(Boolean(r.capable));
    li.dataset.canTakeNow = String(Boolean(r.canTakeNow));
    const head = el("div", "dx-rec-head");
    head.append(el("span", "dx-rank", `#${r.rank}`));
    const name = el("span", "dx-rec-name");
    name.append(el("strong", null, r.hospitalId), " ", el("span", null, hospitalName(r.hospitalId)));
    head.append(name, el("span", "dx-rec-eta", `ETA ${fmtEta(r.etaMinutes)}`));
    const flags = el("div", "dx-rec-flags");
    const capable = el("span", "dx-flag", r.capable ? "✓ capable" : "✗ not capable");
    capable.dataset.ok = String(Boolean(r.capable));
    const now = el("span", "dx-flag", r.canTakeNow ? "✓ can take now" : "✗ cannot take now");
    now.dataset.ok = String(Boolean(r.canTakeNow));
    flags.append(capable, now);
    const reasons = el("ul", "dx-reasons");
    for (const reason of r.reasons ?? []) reasons.append(el("li", null, reason));
    const actions = el("div", "dx-rec-actions");
    const choose = el("button", "ack", "Choose");
    choose.type = "button";
    choose.disabled = !unitId;
    choose.title = unitId ? "" : "The patient is not in an ambulance";
    choose.setAttribute("aria-label", `Choose ${r.hospitalId} (rank ${r.rank}) for ${patientId}`);
    choose.addEventListener("click", () => choose_(r, li, choose));
    actions.append(choose);
    li.append(head, flags, reasons, actions);
    return li;
  });
  dom.recList.replaceChildren(...items);
}

/** Rank 1 is sent at once; any other rank first asks for the reason. */
function choose_(r, li, button) {
  const by = dom.user.value.trim();
  if (!by) {
    dom.user.setAttribute("aria-invalid", "true");
    showResult(`Enter your name (top right, "Dispatching as") before choosing a destination.`, "error");
    dom.user.focus();
    return;
  }
  dom.user.removeAttribute("aria-invalid");
  saveUser(by);
  if (r.rank === 1) { sendDestination(r, by, null, button); return; }
  let form = li.querySelector("form");
  if (form) { form.querySelector("input").focus(); return; }
  form = el("form", "dx-reason-form");
  const id = `reason-${r.hospitalId}`;
  const label = el("label", null, `Reason for choosing rank ${r.rank}`);
  label.htmlFor = id;
  const input = el("input");
  input.id = id;
  input.type = "text";
  input.maxLength = 200;
  input.required = true;
  const send = el("button", "ack", "Confirm");
  send.type = "submit";
  form.append(label, input, send);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!input.value.trim()) { input.setAttribute("aria-invalid", "true"); input.focus(); return; }
    input.removeAttribute("aria-invalid");
    sendDestination(r, by, input.value.trim(), send);
  });
  li.append(form);
  input.focus();
}

async function sendDestination(r, by, reason, button) {
  const { patientId, unitId } = recommendation;
  button.disabled = true;
  showResult(`Sending ${unitId} to ${r.hospitalId}…`, "pending");
  try {
    const body = { hospitalId: r.hospitalId, patientId, by };
    if (reason) body.reason = reason;
    const amb = await fetchJson(api(`/api/ambulances/${encodeURIComponent(unitId)}/destination`), { method: "PUT", body: JSON.stringify(body) });
    applyAmbulance(amb);
    const d = amb?.destination ?? {};
    const eta = parseTime(d.eta);
    showResult(`${unitId} → ${d.hospitalId ?? r.hospitalId} ${hospitalName(d.hospitalId ?? r.hospitalId)}: ETA ${fmtEta(d.etaMinutes)}${eta ? ` (${fmtHm(eta)})` : ""}, recorded by ${d.decidedBy ?? by}.`, "ok");
  } catch (error) {
    showResult(`Not sent: ${error.message}`, "error");
  } finally {
    button.disabled = false;
  }
}

function showResult(text, kind) {
  dom.result.hidden = false;
  dom.result.dataset.kind = kind;
  setText(dom.result, text);
  dom.result.setAttribute("role", kind === "error" ? "alert" : "status");
}

function readUser() { try { return window.localStorage.getItem(USER_KEY) ?? ""; } catch { return ""; } }
function saveUser(name) { try { if (name) window.localStorage.setItem(USER_KEY, name); } catch { /* storage unavailable */ } }
dom.user.value = readUser();
dom.user.addEventListener("change", () => saveUser(dom.user.value.trim()));

// ---------------------------------------------------------------------------------------------
// Applying data

function applyHospital(h) {
  if (!h || typeof h.hospitalId !== "string" || (h.region && h.region !== region)) return false;
  hospitals.set(h.hospitalId, h);
  scheduleDraw();
  return true;
}
function applyAmbulance(a) {
  if (!a || typeof a.unitId !== "string" || (a.region && a.region !== region)) return false;
  const current = ambulances.get(a.unitId);
  if (current && isNum(current.version) && isNum(a.version) && current.version >= a.version) return false;
  ambulances.set(a.unitId, a);
  scheduleDraw();
  return true;
}
function applyPatient(p) {
  if (!p || typeof p.patientId !== "string" || !isNum(p.version) || (p.region && p.region !== region)) return false;
  const current = patients.get(p.patientId);
  if (current && current.version >= p.version) return false;
  if (p.source?.kind !== "ambulance") { if (current) { patients.delete(p.patientId); scheduleDraw(); } return false; }
  patients.set(p.patientId, p);
  scheduleDraw();
  return true;
}

let drawRequested = false;
function scheduleDraw() {
  if (drawRequested) return;
  drawRequested = true;
  requestAnimationFrame(() => { drawRequested = false; draw(); });
}
function draw() {
  const active = document.activeElement;
  const activeId = active?.id;
  drawHospitals();
  drawAmbulances();
  renderHospitals();
  renderAmbulances();
  renderPatients();
  if (activeId && document.activeElement !== active) $(activeId)?.focus({ preventScroll: true });
}

async function loadSnapshot() {
  if (loadInFlight) return;
  loadInFlight = true;
  lastLoadAttemptAt = Date.now();
  try {
    const [hs, ps] = await Promise.all([fetchJson(hospitalsUrl), fetchJson(patientsUrl)]);
    hospitals.clear();
    for (const h of hs ?? []) applyHospital(h);
    for (const p of ps ?? []) applyPatient(p);
    try {
      const as = await fetchJson(ambulancesUrl);
      ambulancesAvailable = true;
      for (const a of as ?? []) applyAmbulance(a);
      dom.ambulanceNote.hidden = true;
    } catch (error) {
      if (error.status !== 404) throw error;
      ambulancesAvailable = false;
      dom.ambulanceNote.hidden = false;
      setText(dom.ambulanceNote, "Ambulance positions are not available from this service yet; patients and hospitals are shown, and recommendations still work.");
    }
    lastLoadOkAt = Date.now();
    lastLoadError = null;
  } catch (error) {
    lastLoadError = error;
    console.warn("Loading failed:", error);
  } finally {
    loadInFlight = false;
    updateNotice();
    scheduleDraw();
  }
}

function updateNotice() {
  let text = "";
  if (lastLoadError) text = `Could not load the board (${lastLoadError.message}). Retrying…`;
  else if (connectionState !== "connected" && lastLoadOkAt > 0) text = `Live updates ${connectionState}: showing data loaded at ${fmtClock(lastLoadOkAt)}, refreshed every ${POLL_WHILE_OFFLINE_MS / 1000} s.`;
  dom.notice.hidden = !text;
  setText(dom.notice, text);
}

function setConnection(state) {
  connectionState = state;
  setText(dom.connection, CONNECTION_TEXT[state]);
  dom.connection.dataset.state = state;
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
  hub.on("patientUpdated", (p) => { applyPatient(p); });
  hub.on("hospitalUpdated", (h) => { applyHospital(h); });
  hub.on("ambulanceUpdated", (a) => {
    // Pushed ambulances mean the service tracks them: the list follows them from now on.
    if (ambulancesAvailable !== true) { ambulancesAvailable = true; dom.ambulanceNote.hidden = true; }
    applyAmbulance(a);
  });
  // The region's alerts reach this page too; patient risk comes with patientUpdated.
  for (const name of ["alertRaised", "alertEscalated", "alertAcknowledged", "alertUpdated", "alertCleared"]) hub.on(name, () => {});
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
/** Joins the region's updates, then reloads so nothing pushed before joining is missed. */
async function subscribe() {
  try { await connection.invoke("WatchRegion", region); } catch (error) {
    console.warn("WatchRegion failed:", error);
    connection.stop().catch(() => {});
    return;
  }
  startAttempt = 0;
  setConnection("connected");
  loadSnapshot();
}
window.addEventListener("online", () => {
  if (connection && connection.state === "Disconnected") { window.clearTimeout(startTimer); startTimer = 0; start(); }
});

function tick() {
  setText(dom.clock, fmtClock(nowMs()));
  if (!loadInFlight && (connectionState !== "connected" || lastLoadError || ambulancesAvailable === false) && Date.now() - lastLoadAttemptAt >= POLL_WHILE_OFFLINE_MS) loadSnapshot();
}

window.emergencyDispatch = Object.freeze({
  region,
  /** hospitalId -> Hospital. */
  hospitals,
  /** unitId -> Ambulance. */
  ambulances,
  /** patientId -> PatientState (patients in ambulances). */
  patients,
  get recommendation() { return recommendation; },
  get projection() { return projection; },
  applyHospital,
  applyAmbulance,
  applyPatient,
  selectPatient,
  flush() { draw(); },
});

setConnection("disconnected");
tick();
window.setInterval(tick, 1000);
loadSnapshot();
if (window.signalR?.HubConnectionBuilder) {
  connection = createConnection();
  start();
} else {
  console.error("SignalR client not loaded (lib/signalr/signalr.min.js); showing the board over HTTP only.");
}
