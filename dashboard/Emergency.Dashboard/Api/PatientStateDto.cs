using Emergency.Domain.Devices;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Emergency.Grains.Patients;

namespace Emergency.Dashboard.Api;

/// <summary>Patient state as the contract shows it (camelCase JSON), for the API and the hub alike.</summary>
public sealed record PatientStateDto(
    string PatientId,
    string Region,
    long Version,
    SourceDto Source,
    DateTimeOffset UpdatedAt,
    VitalsDto Vitals,
    News2Dto News2,
    QsofaDto? Qsofa,
    ShockIndexDto? ShockIndex,
    IReadOnlyDictionary<string, string> Flags,
    PatientContextDto? Context,
    AlertDto? Alert,
    IReadOnlyList<AlertDto> Alerts,
    DestinationDto? Destination,
    EdSeenDto? EdSeen,
    RiskDto? Risk)
{
    public static PatientStateDto From(PatientSnapshot s) => new(
        s.PatientId,
        s.Region,
        s.Version,
        new SourceDto(s.Source.Kind.ToCode(), s.Source.Id),
        s.UpdatedAt,
        VitalsDto.From(s.Vitals, s.VitalsAt),
        News2Dto.From(s.News2, s.Applicability),
        s.Qsofa is { } q ? new QsofaDto(q.Points, q.Positive, q.Complete) : null,
        s.ShockIndex is { } si ? new ShockIndexDto(Math.Round(si.Value, 2), si.Band.ToCode()) : null,
        FlagsOf(s.Flags),
        s.Context is { } c ? PatientContextDto.From(c) : null,
        s.Alert is { } alert ? AlertDto.From(alert) : null,
        s.OpenAlerts.IsDefault ? [] : s.OpenAlerts.Select(AlertDto.From).ToList(),
        s.Destination is { } d ? DestinationDto.From(d) : null,
        s.EdSeen is { } seen ? new EdSeenDto(seen.By, seen.At, seen.HospitalId) : null,
        s.Risk is { } risk ? RiskDto.From(risk) : null);

    /// <summary>Only the shown values that are not scored yet: <c>pending</c> confirmation, or an <c>artefact</c>.</summary>
    private static Dictionary<string, string> FlagsOf(ReadingFlags flags)
    {
        var result = new Dictionary<string, string>();
        void Add(string name, ReadingStatus status)
        {
            if (status is ReadingStatus.Pending or ReadingStatus.Artefact) result[name] = status.ToCode();
        }
        Add("hr", flags.Hr);
        Add("rr", flags.Rr);
        Add("spo2", flags.Spo2);
        Add("sbp", flags.Sbp);
        Add("temp", flags.Temp);
        return result;
    }
}

/// <summary>The destination ED's "seen" confirmation: who, when (service time), which hospital.</summary>
public sealed record EdSeenDto(string By, DateTimeOffset At, string HospitalId);

public sealed record QsofaDto(int Points, bool Positive, bool Complete);

public sealed record ShockIndexDto(double Value, string Band);

public sealed record PatientContextDto(
    int? AgeYears, string? Sex, bool? Pregnant, bool? HypercapnicRespiratoryFailure, string? Condition,
    bool? LvoSuspected, IReadOnlyList<string> TraumaRedCriteria)
{
    public static PatientContextDto From(PatientContext c) => new(
        c.AgeYears, c.Sex, c.Pregnant, c.HypercapnicRespiratoryFailure, c.Condition?.ToCode(), c.LvoSuspected,
        c.TraumaRedCriteria.IsDefault ? [] : [.. c.TraumaRedCriteria]);
}

public sealed record SourceDto(string Kind, string Id);

public sealed record VitalsDto(
    double? Hr, double? Rr, double? Spo2, double? Sbp, double? Dbp, double? Temp,
    string? Acvpu, bool? O2, int? Spo2Scale, DateTimeOffset? Ts)
{
    public static VitalsDto From(VitalSigns v, DateTimeOffset? ts) => new(
        v.Hr, v.Rr, v.Spo2, v.Sbp, v.Dbp, v.Temp,
        v.Acvpu is { } a ? a.ToCode().ToString() : null,
        v.O2,
        v.Spo2Scale is { } s ? (int)s : null,
        ts);
}

public sealed record News2Dto(int Total, string Risk, bool Complete, News2ParametersDto Parameters, bool Applicable, string? NotApplicableReason)
{
    public static News2Dto From(News2Result r, News2ApplicabilityResult? applicability) => new(
        r.Total, r.Risk.ToCode(), r.Complete,
        new News2ParametersDto(r.Rr, r.Spo2, r.O2, r.Sbp, r.Hr, r.Acvpu, r.Temp),
        applicability?.Applicable ?? true, applicability?.Reason);
}

public sealed record News2ParametersDto(int? Rr, int? Spo2, int? O2, int? Sbp, int? Hr, int? Acvpu, int? Temp);
