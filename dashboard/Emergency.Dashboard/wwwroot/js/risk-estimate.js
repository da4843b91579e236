// The learned deterioration-risk estimate in one line, always with what the model is:
// "Predicted deterioration 41 % in 30 min (hr_slope_15m, sbp, news2) · simulated-data model, not for clinical use".
// Empty when the patient has no estimate (risk off or not scored yet).
export function riskEstimateText(s) {
  const r = s?.risk;
  if (!r || typeof r.probability !== "number") return "";
  const factors = Array.isArray(r.topFactors) && r.topFactors.length ? ` (${r.topFactors.map((f) => f.feature).join(", ")})` : "";
  return `Predicted deterioration ${Math.round(r.probability * 100)} % in 30 min${factors} · ${r.label ?? "model not validated for clinical use"}`;
}
