// Live ECG strip for one patient: the WatchEcg hub stream drawn on a canvas at the paper standard
// (25 mm/s, 10 mm/mV, 1 mm and 5 mm grid), one lead chosen by a selector, ST per lead from the live analysis,
// and a printable 12-lead snapshot (3×4 + a lead II rhythm strip) of the last 10 s.
// Missing blocks (lost in transport, or dropped because this viewer was slow) break the line: never joined.

const LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];
const PX_PER_MM = 4;               // screen scale of the strip
const MM_PER_S = 25;
const MM_PER_MV = 10;
const STRIP_SECONDS = 6;
const STRIP_MV = 3;                // height: ±1.5 mV

/** Attaches a strip to `container`; `getConnection()` gives the page's hub connection (or null). */
export function attachEcgStrip(container, getConnection, patientId) {
  const root = document.createElement("div");
  root.className = "ecg-strip";
  root.hidden = true; // until the first block: most patients have no ECG
  const bar = document.createElement("div");
  bar.className = "ecg-bar";
  const label = document.createElement("span");
  label.className = "ecg-label";
  label.textContent = "ECG";
  const select = document.createElement("select");
  select.className = "ecg-lead";
  select.setAttribute("aria-label", "ECG lead");
  for (const lead of LEADS) select.append(new Option(lead, lead, lead === "II", lead === "II"));
  const rate = document.createElement("span");
  rate.className = "ecg-rate";
  const flag = document.createElement("span");
  flag.className = "ecg-flag";
  const snapshot = document.createElement("button");
  snapshot.type = "button";
  snapshot.className = "ecg-snapshot-button";
  snapshot.textContent = "12-lead";
  bar.append(label, select, rate, flag, snapshot);
  const canvas = document.createElement("canvas");
  canvas.className = "ecg-canvas";
  canvas.width = STRIP_SECONDS * MM_PER_S * PX_PER_MM;
  canvas.height = STRIP_MV * MM_PER_MV * PX_PER_MM;
  canvas.dataset.drawnSamples = "0";
  const st = document.createElement("div");
  st.className = "ecg-st";
  root.append(bar, canvas, st);
  container.append(root);

  /** Per lead: [{start, rate, samples (µV)}], newest last; null entries mark a gap. */
  const blocks = [];
  let lastSeq = null;
  let findings = null;
  let subscription = null;
  let dirty = false;
  let timer = null;

  function onBlock(b) {
    if (b.droppedBefore > 0 || (lastSeq !== null && b.seq !== lastSeq + 1)) blocks.push(null);
    lastSeq = b.seq;
    blocks.push(b);
    if (b.findings) findings = b.findings;
    const cutoff = b.start - (STRIP_SECONDS + 10) * 1000; // keep 10 s more for the snapshot
    while (blocks.length && (blocks[0] === null || blocks[0].start < cutoff)) blocks.shift();
    root.hidden = false;
    dirty = true;
  }

  function subscribe() {
    if (!root.isConnected && timer !== null) {
      // The card or view is gone: stop watching, so the service stops sending to nobody.
      subscription?.dispose();
      subscription = null;
      clearInterval(timer);
      return;
    }
    const connection = getConnection();
    if (subscription || !connection || connection.state !== "Connected") return;
    subscription = connection.stream("WatchEcg", patientId).subscribe({
      next: onBlock,
      complete: () => { subscription = null; },
      error: () => { subscription = null; },
    });
  }

  function draw() {
    if (dirty) {
      dirty = false;
      drawStrip(canvas, blocks, select.value, STRIP_SECONDS);
      recordLag(canvas);
      renderFindings();
    }
    requestAnimationFrame(draw);
  }

  function renderFindings() {
    if (!findings) return;
    rate.textContent = findings.heartRate ? `QRS ${Math.round(findings.heartRate)}/min` : "no QRS";
    const flags = [];
    if (findings.heartRateDisagrees) flags.push("HR differs from monitor: artefact or lead off?");
    if (findings.leadsOff.length) flags.push(`lead off: ${findings.leadsOff.join(", ")}`);
    if (findings.possibleStemi) flags.push(`possible STEMI — confirm (${findings.stemiLeads.join(", ")})`);
    flag.textContent = flags.join(" · ");
    flag.classList.toggle("ecg-flag-stemi", findings.possibleStemi);
    st.textContent = "ST " + LEADS.filter((l) => l in findings.stMillivolts)
      .map((l) => `${l} ${(findings.stMillivolts[l] * 10).toFixed(1)}`).join("  ") + " mm";
  }

  select.addEventListener("change", () => { dirty = true; });
  snapshot.addEventListener("click", () => openSnapshot(patientId, blocks, findings));
  subscribe();
  timer = setInterval(subscribe, 2000); // after a reconnect, or when the stream ended
  requestAnimationFrame(draw);
  return { root, canvas };
}

// Sample time of the newest drawn sample → the moment it is on screen, per drawn block (for the lag figures).
const lagLog = (window.emergencyEcg ??= { lags: [] });
function recordLag(canvas) {
  const lag = Number(canvas.dataset.drawnAt) - Number(canvas.dataset.lastSampleTime);
  if (Number.isFinite(lag)) {
    lagLog.lags.push(lag);
    if (lagLog.lags.length > 5000) lagLog.lags.shift();
  }
}

/** The standard paper grid: 1 mm light lines, 5 mm darker. */
function drawGrid(ctx, width, height, pxPerMm) {
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  for (let mm = 0, x = 0; x <= width; mm++, x = mm * pxPerMm) {
    ctx.strokeStyle = mm % 5 === 0 ? "#f0a0a0" : "#fbe0e0";
    ctx.beginPath(); ctx.moveTo(x + 0.5, 0); ctx.lineTo(x + 0.5, height); ctx.stroke();
  }
  for (let mm = 0, y = 0; y <= height; mm++, y = mm * pxPerMm) {
    ctx.strokeStyle = mm % 5 === 0 ? "#f0a0a0" : "#fbe0e0";
    ctx.beginPath(); ctx.moveTo(0, y + 0.5); ctx.lineTo(width, y + 0.5); ctx.stroke();
  }
}

/** Draws the last `seconds` of one lead into `canvas` (its own grid), breaking the line at gaps. */
function drawStrip(canvas, blocks, lead, seconds, pxPerMm = PX_PER_MM, endAt = null) {
  const ctx = canvas.getContext("2d");
  drawGrid(ctx, canvas.width, canvas.height, pxPerMm);
  const real = blocks.filter((b) => b);
  if (!real.length) return;
  const last = real[real.length - 1];
  const end = endAt ?? last.start + (last.samplesMicrovolts[0].length * 1000) / last.sampleRateHz;
  const from = end - seconds * 1000;
  const mid = canvas.height / 2;
  ctx.strokeStyle = "#111";
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  let pen = false;
  let drawn = 0;
  for (const b of blocks) {
    if (!b) { pen = false; continue; }
    const index = b.leads.indexOf(lead);
    if (index < 0) { pen = false; continue; }
    const samples = b.samplesMicrovolts[index];
    for (let i = 0; i < samples.length; i++) {
      const t = b.start + (i * 1000) / b.sampleRateHz;
      if (t < from || t > end) continue;
      const x = ((t - from) / 1000) * MM_PER_S * pxPerMm;
      const y = mid - (samples[i] / 1000) * MM_PER_MV * pxPerMm;
      if (pen) ctx.lineTo(x, y); else { ctx.moveTo(x, y); pen = true; }
      drawn++;
    }
  }
  ctx.stroke();
  canvas.dataset.drawnSamples = String(drawn);
  canvas.dataset.lastSeq = String(last.seq);
  canvas.dataset.drawnAt = String(Date.now());
  canvas.dataset.lastSampleTime = String(end);
}

/** A printable 12-lead: 3 rows × 4 columns of 2.5 s (I II III / aVR aVL aVF / V1–V3 / V4–V6) and a 10 s lead II rhythm strip. */
function openSnapshot(patientId, blocks, findings) {
  const layout = [["I", "aVR", "V1", "V4"], ["II", "aVL", "V2", "V5"], ["III", "aVF", "V3", "V6"]];
  const sheet = document.createElement("section");
  sheet.className = "ecg-snapshot";
  sheet.setAttribute("aria-label", "12-lead ECG snapshot");
  const title = document.createElement("h2");
  const real = blocks.filter((b) => b);
  const last = real[real.length - 1];
  const end = last ? last.start + (last.samplesMicrovolts[0].length * 1000) / last.sampleRateHz : Date.now();
  title.textContent = `Patient ${patientId} — 12-lead ECG ${new Date(end - 10000).toISOString()} – ${new Date(end).toISOString()}, 25 mm/s, 10 mm/mV`;
  sheet.append(title);
  const grid = document.createElement("div");
  grid.className = "ecg-snapshot-grid";
  const pxPerMm = 3;
  for (const row of layout) {
    for (let c = 0; c < 4; c++) {
      const lead = row[c];
      const cell = document.createElement("figure");
      const canvas = document.createElement("canvas");
      canvas.width = 2.5 * MM_PER_S * pxPerMm;
      canvas.height = STRIP_MV * MM_PER_MV * pxPerMm;
      // Each column shows its own 2.5 s of the 10 s, as on paper.
      drawStrip(canvas, blocks, lead, 2.5, pxPerMm, end - (3 - c) * 2500);
      const caption = document.createElement("figcaption");
      const stValue = findings?.stMillivolts?.[lead];
      caption.textContent = stValue === undefined ? lead : `${lead}  ST ${(stValue * 10).toFixed(1)} mm`;
      cell.append(caption, canvas);
      grid.append(cell);
    }
  }
  const rhythm = document.createElement("figure");
  rhythm.className = "ecg-rhythm";
  const rhythmCanvas = document.createElement("canvas");
  rhythmCanvas.width = 10 * MM_PER_S * pxPerMm;
  rhythmCanvas.height = STRIP_MV * MM_PER_MV * pxPerMm;
  drawStrip(rhythmCanvas, blocks, "II", 10, pxPerMm, end);
  const rhythmCaption = document.createElement("figcaption");
  rhythmCaption.textContent = "II (rhythm)";
  rhythm.append(rhythmCaption, rhythmCanvas);
  const actions = document.createElement("div");
  const print = document.createElement("button");
  print.type = "button";
  print.textContent = "Print";
  print.addEventListener("click", () => window.print());
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Close";
  close.addEventListener("click", () => sheet.remove());
  actions.className = "ecg-snapshot-actions";
  actions.append(print, close);
  sheet.append(grid, rhythm, actions);
  document.querySelectorAll(".ecg-snapshot").forEach((s) => s.remove());
  document.body.append(sheet);
}
