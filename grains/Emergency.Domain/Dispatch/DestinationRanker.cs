using System.Globalization;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// Ranks hospitals for a patient: which one can treat this patient soonest. Deterministic (same inputs, same
/// order and wording) and explainable (every hospital carries plain-language reasons).
/// </summary>
/// <remarks>
/// <para>Order, each step deciding only between hospitals equal on the steps before:</para>
/// <list type="number">
/// <item><b>In reach</b> (ETA ≤ <see cref="RankingOptions.MaxEtaMinutes"/>) before out of reach (longer, or no route).</item>
/// <item><b>Fewer unmet requirements</b> (see <see cref="CareRequirements"/>): capable hospitals first; among the
/// rest, the one that meets more of the patient's needs first. Capability outranks availability: a PCI centre on
/// diversion still ranks above a hospital that cannot do PCI at all (the dispatcher rings ahead; many regions exempt
/// time-critical patients from diversion).</item>
/// <item><b>Can take now</b> before cannot: not on diversion and, when the patient needs one (major trauma, NEWS2 at or
/// above <see cref="RankingOptions.ResusBayFromRisk"/>), a resus bay confirmed free. Hospitals that cannot take the
/// patient drop below those that can, but stay listed, so when none can they still come out in order.</item>
/// <item><b>Preference within allowance</b>: for a suspected LVO, a thrombectomy-capable centre whose ETA is at most
/// <see cref="RankingOptions.LvoThrombectomyExtraMinutes"/> beyond the nearest suitable stroke centre; for other
/// injury, a trauma centre within <see cref="RankingOptions.TraumaCentreExtraMinutes"/> of the nearest suitable
/// hospital. "Nearest suitable" is the nearest capable hospital that is in reach and can take the patient now (else
/// in reach, else any).</item>
/// <item><b>Shortest ETA.</b> ETAs within <see cref="RankingOptions.EtaTieMinutes"/> of the first of a run are a
/// tie, broken by more free resus bays, then more free ED beds (stale capacity counts as less than none), then
/// hospital id (ordinal) for determinism.</item>
/// </list>
/// <para>
/// <b>Stale capacity</b> (older than <see cref="RankingOptions.CapacityMaxAge"/>) is treated as unknown, not as free:
/// it cannot confirm a free resus bay, so a patient who needs one cannot be "taken now" there, and it loses capacity
/// tie-breaks. It is explained ("Capacity 75 min old: not trusted (last reported 1 resus bay free)"). The diversion
/// status of a stale report is still honoured (a diversion stands until lifted or its <c>until</c> passes).
/// </para>
/// <para>A diversion whose <c>until</c> has passed has lapsed and no longer counts.</para>
/// <para>The <see cref="DestinationRecommendation.Warning"/> is set when no capable hospital is in reach, or when
/// every capable hospital in reach cannot take the patient now.</para>
/// <para>Thread-safe; options are copied at construction.</para>
/// </remarks>
public sealed class DestinationRanker
{
    private const double Epsilon = 1e-9;

    private readonly IEtaEstimator _eta;
    private readonly RankingOptions _options;

    /// <param name="eta">Travel-time estimate, e.g. <see cref="EtaModel"/>.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public DestinationRanker(IEtaEstimator eta, RankingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(eta);
        options ??= new RankingOptions();
        RequireNonNegative(options.MaxEtaMinutes, nameof(RankingOptions.MaxEtaMinutes));
        RequireNonNegative(options.LvoThrombectomyExtraMinutes, nameof(RankingOptions.LvoThrombectomyExtraMinutes));
        RequireNonNegative(options.TraumaCentreExtraMinutes, nameof(RankingOptions.TraumaCentreExtraMinutes));
        RequireNonNegative(options.EtaTieMinutes, nameof(RankingOptions.EtaTieMinutes));
        if (options.CapacityMaxAge < TimeSpan.Zero)
        {
            throw new ArgumentException($"CapacityMaxAge must not be negative, not {options.CapacityMaxAge}", nameof(options));
        }

        if (options.PaediatricAgeBelow < 0)
        {
            throw new ArgumentException($"PaediatricAgeBelow must not be negative, not {options.PaediatricAgeBelow}", nameof(options));
        }

        if (!Enum.IsDefined(options.ResusBayFromRisk))
        {
            throw new ArgumentException($"ResusBayFromRisk is not a NEWS2 risk: {options.ResusBayFromRisk}", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.TimeZone, "options.TimeZone");

        _eta = eta;
        _options = new RankingOptions
        {
            MaxEtaMinutes = options.MaxEtaMinutes,
            LvoThrombectomyExtraMinutes = options.LvoThrombectomyExtraMinutes,
            TraumaCentreExtraMinutes = options.TraumaCentreExtraMinutes,
            EtaTieMinutes = options.EtaTieMinutes,
            CapacityMaxAge = options.CapacityMaxAge,
            PaediatricAgeBelow = options.PaediatricAgeBelow,
            ResusBayFromRisk = options.ResusBayFromRisk,
            TimeZone = options.TimeZone,
        };
    }

    /// <summary>Ranks <paramref name="hospitals"/> for <paramref name="needs"/>, with ETAs from the estimator, departing at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The patient's position is invalid, or the needs are inconsistent.</exception>
    /// <exception cref="ArgumentException">Two hospitals share an id.</exception>
    public DestinationRecommendation Rank(PatientNeeds needs, IEnumerable<Hospital> hospitals, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(hospitals);
        RequireValidPosition(needs);
        var candidates = hospitals.Select(h => new HospitalEta(h, _eta.Estimate(needs.Position, h.Position, now))).ToList();
        return Rank(needs, candidates, now);
    }

    /// <summary>Ranks hospitals whose ETAs are already known (e.g. from a routing engine's matrix).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The patient's position is invalid, the needs are inconsistent, or an ETA is negative.</exception>
    /// <exception cref="ArgumentException">Two hospitals share an id.</exception>
    public DestinationRecommendation Rank(PatientNeeds needs, IEnumerable<HospitalEta> candidates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(candidates);
        RequireValidPosition(needs);
        var requirements = CareRequirements.For(needs, _options);

        var rows = new List<Row>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var hospital = candidate.Hospital ?? throw new ArgumentException("a candidate has no hospital", nameof(candidates));
            if (!seen.Add(hospital.HospitalId))
            {
                throw new ArgumentException($"hospital {hospital.HospitalId} is listed twice", nameof(candidates));
            }

            if (candidate.Eta < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(candidates), candidate.Eta, $"ETA to {hospital.HospitalId} is negative");
            }

            rows.Add(Assess(hospital, candidate.Eta?.TotalMinutes, requirements, now));
        }

        double? reference = NearestSuitableEta(rows);
        foreach (var row in rows)
        {
            row.PreferenceMisses = CountPreferenceMisses(row, requirements, reference);
        }

        rows.Sort(CompareClassThenEta);
        BreakTies(rows);

        var ranked = new HospitalRecommendation[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            ranked[i] = new HospitalRecommendation(
                row.Hospital.HospitalId,
                Rank: i + 1,
                row.EtaMinutes is { } eta ? Math.Round(eta, 1, MidpointRounding.AwayFromZero) : null,
                row.Capable,
                row.CanTakeNow,
                Explain(row, requirements, reference, now));
        }

        return new DestinationRecommendation(needs.PatientId, now, ranked, Warn(rows, requirements));
    }

    private Row Assess(Hospital hospital, double? etaMinutes, CareRequirements req, DateTimeOffset now)
    {
        var caps = hospital.Capabilities;
        int unmet = 0;
        if (req.Pci && !caps.Pci24x7) unmet++;
        if (req.StrokeCentre && caps.Stroke == StrokeCapability.None) unmet++;
        if (req.MajorTraumaCentre && !caps.TraumaLevel.IsMajorTraumaCentre()) unmet++;
        if (req.Paediatric && !caps.Paediatric) unmet++;
        if (req.Obstetric && !caps.Obstetric) unmet++;

        bool stale = Staleness.IsStale(hospital.UpdatedAt, now, _options.CapacityMaxAge);
        bool diverted = hospital.Status.IsDiversionAt(now);
        bool resusOk = !req.ResusBay || (!stale && hospital.Capacity.ResusBaysFree > 0);

        return new Row(hospital)
        {
            EtaMinutes = etaMinutes,
            InReach = etaMinutes is { } eta && eta <= _options.MaxEtaMinutes + Epsilon,
            Unmet = unmet,
            Stale = stale,
            Diverted = diverted,
            CanTakeNow = !diverted && resusOk,
            ResusFreeKnown = stale ? -1 : hospital.Capacity.ResusBaysFree,
            EdFreeKnown = stale ? -1 : hospital.Capacity.EdBedsFree,
        };
    }

    // The ETA preferences are measured against: nearest capable in reach and able to take now, else in reach, else any.
    private static double? NearestSuitableEta(List<Row> rows)
    {
        static double? Min(IEnumerable<Row> set)
        {
            double? min = null;
            foreach (var row in set)
            {
                if (row.EtaMinutes is { } eta && (min is null || eta < min))
                {
                    min = eta;
                }
            }

            return min;
        }

        var capable = rows.Where(r => r.Capable).ToList();
        return Min(capable.Where(r => r.InReach && r.CanTakeNow))
            ?? Min(capable.Where(r => r.InReach))
            ?? Min(capable);
    }

    private int CountPreferenceMisses(Row row, CareRequirements req, double? reference)
    {
        int misses = 0;
        var caps = row.Hospital.Capabilities;
        if (req.ThrombectomyPreferred
            && !WithinAllowance(caps.Stroke == StrokeCapability.Thrombectomy, row.EtaMinutes, reference, _options.LvoThrombectomyExtraMinutes))
        {
            misses++;
        }

        if (req.TraumaCentrePreferred
            && !WithinAllowance(caps.TraumaLevel != TraumaLevel.None, row.EtaMinutes, reference, _options.TraumaCentreExtraMinutes))
        {
            misses++;
        }

        return misses;
    }

    private static bool WithinAllowance(bool preferred, double? eta, double? reference, double allowance) =>
        preferred && eta is { } e && (reference is not { } r || e <= r + allowance + Epsilon);

    private static int CompareClassThenEta(Row a, Row b)
    {
        int c = b.InReach.CompareTo(a.InReach);
        if (c == 0) c = a.Unmet.CompareTo(b.Unmet);
        if (c == 0) c = b.CanTakeNow.CompareTo(a.CanTakeNow);
        if (c == 0) c = a.PreferenceMisses.CompareTo(b.PreferenceMisses);
        if (c == 0) c = (a.EtaMinutes ?? double.PositiveInfinity).CompareTo(b.EtaMinutes ?? double.PositiveInfinity);
        if (c == 0) c = string.CompareOrdinal(a.Hospital.HospitalId, b.Hospital.HospitalId);
        return c;
    }

    private static bool SameClass(Row a, Row b) =>
        a.InReach == b.InReach && a.Unmet == b.Unmet && a.CanTakeNow == b.CanTakeNow && a.PreferenceMisses == b.PreferenceMisses;

    // Runs of ETAs within the tie tolerance of the run's first (fastest) hospital, inside one class, are re-ordered by
    // free capacity. Anchoring at the first keeps the runs well defined (ties are not transitive).
    private void BreakTies(List<Row> rows)
    {
        int start = 0;
        while (start < rows.Count)
        {
            var leader = rows[start];
            int end = start + 1;
            while (end < rows.Count && SameClass(leader, rows[end]) && IsTie(leader.EtaMinutes, rows[end].EtaMinutes))
            {
                end++;
            }

            if (end - start > 1)
            {
                rows.Sort(start, end - start, Comparer<Row>.Create(CompareCapacityThenId));
                if (leader.EtaMinutes is not null)
                {
                    for (int i = start; i < end; i++)
                    {
                        rows[i].TiedWith = rows.GetRange(start, end - start)
                            .Where(r => r != rows[i])
                            .Select(r => r.Hospital.HospitalId)
                            .ToList();
                    }
                }
            }

            start = end;
        }
    }

    private bool IsTie(double? leader, double? other) =>
        (leader, other) switch
        {
            (null, null) => true,
            ({ } a, { } b) => b - a <= _options.EtaTieMinutes + Epsilon,
            _ => false,
        };

    private static int CompareCapacityThenId(Row a, Row b)
    {
        int c = b.ResusFreeKnown.CompareTo(a.ResusFreeKnown);
        if (c == 0) c = b.EdFreeKnown.CompareTo(a.EdFreeKnown);
        if (c == 0) c = string.CompareOrdinal(a.Hospital.HospitalId, b.Hospital.HospitalId);
        return c;
    }

    private List<string> Explain(Row row, CareRequirements req, double? reference, DateTimeOffset now)
    {
        var reasons = new List<string>();
        var h = row.Hospital;
        var caps = h.Capabilities;
        var cap = h.Capacity;

        // Capability, in a fixed order.
        if (req.Pci)
        {
            reasons.Add(caps.Pci24x7 ? "PCI available 24/7 (STEMI: FMC-to-device ≤ 90 min)" : "Not PCI-capable");
        }

        if (req.StrokeCentre)
        {
            reasons.Add(StrokeReason(row, req, reference));
        }

        if (req.MajorTraumaCentre)
        {
            reasons.Add(caps.TraumaLevel.IsMajorTraumaCentre()
                ? $"{caps.TraumaLevel.ToLabel()} trauma centre (major trauma: {req.MajorTraumaBasis})"
                : caps.TraumaLevel == TraumaLevel.None
                    ? "Not a trauma centre: major trauma needs Level I or II"
                    : $"{caps.TraumaLevel.ToLabel()} trauma centre: major trauma needs Level I or II");
        }

        if (req.TraumaCentrePreferred)
        {
            reasons.Add(caps.TraumaLevel == TraumaLevel.None
                ? "Not a trauma centre"
                : PreferredReason($"{caps.TraumaLevel.ToLabel()} trauma centre", "preferred for injury", "the nearest suitable hospital",
                    row.EtaMinutes, reference, _options.TraumaCentreExtraMinutes));
        }

        if (req.Paediatric)
        {
            reasons.Add(caps.Paediatric ? "Paediatric emergency care" : "No paediatric emergency care");
        }

        if (req.Obstetric)
        {
            reasons.Add(caps.Obstetric ? "Obstetric unit" : "No obstetric unit");
        }
        else if (req.PregnancyNoted)
        {
            reasons.Add(caps.Obstetric ? "Obstetric unit on site (patient pregnant)" : "No obstetric unit (patient pregnant)");
        }

        // Availability.
        if (row.Diverted)
        {
            string why = string.IsNullOrWhiteSpace(h.Status.Reason) ? "On diversion" : $"On diversion: {h.Status.Reason.Trim()}";
            reasons.Add(h.Status.Until is { } until ? $"{why} until {FormatTime(until, now)}" : why);
        }
        else if (h.Status.HasLapsedAt(now))
        {
            reasons.Add($"Diversion ended {FormatTime(h.Status.Until!.Value, now)}; status not yet updated");
        }

        if (row.Stale)
        {
            int minutes = (int)Staleness.Age(h.UpdatedAt, now).TotalMinutes;
            reasons.Add(Invariant($"Capacity {minutes} min old: not trusted (last reported {ResusPhrase(cap).ToLowerInvariant()})"));
        }
        else
        {
            reasons.Add(ResusPhrase(cap));
            if (cap.EdBedsTotal > 0 && cap.EdBedsFree == 0)
            {
                reasons.Add("No ED bed free");
            }

            if (req.ResusBay && cap.IcuBedsFree == 0)
            {
                reasons.Add("No ICU bed free");
            }

            if (req.MajorTraumaCentre && !cap.OrAvailable)
            {
                reasons.Add("No operating theatre available now");
            }
        }

        // Reach.
        if (row.EtaMinutes is not { } eta)
        {
            reasons.Add("No route known");
        }
        else if (!row.InReach)
        {
            reasons.Add(Invariant($"ETA {Minutes(eta)} min exceeds the {Minutes(_options.MaxEtaMinutes)} min limit"));
        }

        // Ties.
        if (row.TiedWith is { Count: > 0 } tied)
        {
            reasons.Add(Invariant($"ETA within {Minutes(_options.EtaTieMinutes)} min of {string.Join(", ", tied)}: ordered by free resus bays, then ED beds"));
        }

        return reasons;
    }

    private string StrokeReason(Row row, CareRequirements req, double? reference)
    {
        var stroke = row.Hospital.Capabilities.Stroke;
        if (!req.ThrombectomyPreferred)
        {
            return stroke switch
            {
                StrokeCapability.Thrombectomy => "Thrombectomy-capable stroke centre",
                StrokeCapability.Primary => "Primary stroke centre (thrombolysis)",
                _ => "Not a stroke centre",
            };
        }

        return stroke switch
        {
            StrokeCapability.Thrombectomy => PreferredReason("Thrombectomy-capable", "suspected LVO", "the nearest stroke centre",
                row.EtaMinutes, reference, _options.LvoThrombectomyExtraMinutes),
            StrokeCapability.Primary => "Primary stroke centre: thrombolysis, no thrombectomy",
            _ => "Not a stroke centre",
        };
    }

    private static string PreferredReason(string what, string why, string nearest, double? eta, double? reference, double allowance)
    {
        if (eta is not { } e || reference is not { } r)
        {
            return $"{what} ({why})";
        }

        double extra = e - r;
        if (extra <= 0.05)
        {
            return $"{what} ({why})";
        }

        return extra <= allowance + Epsilon
            ? Invariant($"{what} ({why}): {Minutes(extra)} min beyond {nearest}, within the {Minutes(allowance)} min allowance")
            : Invariant($"{what}, but {Minutes(extra)} min beyond {nearest} (allowance {Minutes(allowance)} min)");
    }

    private static string ResusPhrase(HospitalCapacity cap) => cap switch
    {
        { ResusBaysTotal: 0 } => "No resus bays",
        { ResusBaysFree: <= 0 } => "No resus bay free",
        { ResusBaysFree: 1 } => "1 resus bay free",
        _ => Invariant($"{cap.ResusBaysFree} resus bays free"),
    };

    private string? Warn(List<Row> rows, CareRequirements req)
    {
        if (rows.Count == 0)
        {
            return "No hospitals to rank.";
        }

        string max = Minutes(_options.MaxEtaMinutes);
        if (!rows.Any(r => r.Capable && r.InReach))
        {
            if (req.Count == 0)
            {
                return $"No hospital within {max} min.";
            }

            string warning = $"No hospital within {max} min offers {string.Join(" and ", req.Labels)}; "
                + "hospitals in reach that meet the most needs are listed first.";
            if (req.Pci)
            {
                warning += " ESC 2023: when primary PCI cannot be delivered within 120 min of diagnosis, fibrinolysis is advised.";
            }

            return warning;
        }

        if (!rows.Any(r => r.Capable && r.InReach && r.CanTakeNow))
        {
            var why = new List<string>();
            var capableInReach = rows.Where(r => r.Capable && r.InReach).ToList();
            if (capableInReach.Any(r => r.Diverted)) why.Add("on diversion");
            if (req.ResusBay && capableInReach.Any(r => !r.Diverted && !r.Stale)) why.Add("no free resus bay");
            if (req.ResusBay && capableInReach.Any(r => !r.Diverted && r.Stale)) why.Add("capacity not current");
            string needsResus = req.ResusBay ? $" (needs a resus bay: {req.ResusBayBasis})" : "";
            return $"No capable hospital within {max} min can take the patient now{needsResus}: {string.Join(", ", why)}. "
                + "Ring ahead to the receiving hospital.";
        }

        return null;
    }

    private string FormatTime(DateTimeOffset at, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, _options.TimeZone);
        var today = TimeZoneInfo.ConvertTime(now, _options.TimeZone);
        return local.Date == today.Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    private static string Minutes(double minutes) => minutes.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void RequireNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"{name} must be a finite number of at least 0, not {value}", "options");
        }
    }

    private static void RequireValidPosition(PatientNeeds needs)
    {
        if (!needs.Position.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(needs), needs.Position, "the patient's position must have lat -90..90 and lon -180..180");
        }
    }

    private sealed class Row(Hospital hospital)
    {
        public Hospital Hospital { get; } = hospital;
        public double? EtaMinutes { get; init; }
        public bool InReach { get; init; }
        public int Unmet { get; init; }
        public bool Capable => Unmet == 0;
        public bool Stale { get; init; }
        public bool Diverted { get; init; }
        public bool CanTakeNow { get; init; }
        public int ResusFreeKnown { get; init; }
        public int EdFreeKnown { get; init; }
        public int PreferenceMisses { get; set; }
        public List<string>? TiedWith { get; set; }
    }
}
