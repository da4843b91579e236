using Emergency.Domain.Devices;
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
    object? Alert,
    object? Destination)
{
    public static PatientStateDto From(PatientSnapshot s) => new(
        s.PatientId,
        s.Region,
        s.Version,
        new SourceDto(s.Source.Kind.ToCode(), s.Source.Id),
        s.UpdatedAt,
        VitalsDto.From(s.Vitals, s.VitalsAt),
        News2Dto.From(s.News2),
        Alert: null,
        Destination: null);
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

public sealed record News2Dto(int Total, string Risk, bool Complete, News2ParametersDto Parameters)
{
    public static News2Dto From(News2Result r) => new(
        r.Total, r.Risk.ToCode(), r.Complete,
        new News2ParametersDto(r.Rr, r.Spo2, r.O2, r.Sbp, r.Hr, r.Acvpu, r.Temp));
}

public sealed record News2ParametersDto(int? Rr, int? Spo2, int? O2, int? Sbp, int? Hr, int? Acvpu, int? Temp);
