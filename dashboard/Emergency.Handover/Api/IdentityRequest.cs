using System.Globalization;

namespace Emergency.Handover.Api;

/// <summary>
/// Body of <c>PUT /api/patients/{id}/identity</c>:
/// <c>{"hospitalId":"H-03","mrn":"MRN-0042","mrnSystem":null,"family":"Li","given":"Wei","birthDate":"1958-04-01","by":"registrar.zhou"}</c>.
/// </summary>
public sealed record IdentityRequest(string? HospitalId, string? Mrn, string? MrnSystem, string? Family, string? Given, string? BirthDate, string? By)
{
    /// <summary>Every problem, each naming its field; empty when valid.</summary>
    public IReadOnlyList<string> Validate(DateTimeOffset now)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(HospitalId) || !WireIds.IsValid(HospitalId)) errors.Add("hospitalId: required, 1–64 characters of A-Z a-z 0-9 - _ .");
        if (string.IsNullOrWhiteSpace(Mrn) || Mrn.Length > 64) errors.Add("mrn: required, 1–64 characters");
        if (MrnSystem is not null && !Uri.TryCreate(MrnSystem, UriKind.Absolute, out _)) errors.Add("mrnSystem: must be an absolute URI");
        if (Family is { Length: > 100 }) errors.Add("family: at most 100 characters");
        if (Given is { Length: > 100 }) errors.Add("given: at most 100 characters");
        if (BirthDate is not null)
        {
            if (!DateOnly.TryParseExact(BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
                errors.Add($"birthDate: yyyy-MM-dd (was \"{BirthDate}\")");
            else if (born > DateOnly.FromDateTime(now.UtcDateTime)) errors.Add($"birthDate: must not be in the future (was {BirthDate})");
        }
        if (string.IsNullOrWhiteSpace(By) || By.Trim().Length > 100) errors.Add("by: who links the identity, 1–100 characters");
        return errors;
    }
}

/// <summary>Body of <c>PUT /api/patients/{id}/transfer-of-care</c>: <c>{"by":"dr.chen"}</c>.</summary>
public sealed record TransferOfCareRequest(string? By);
