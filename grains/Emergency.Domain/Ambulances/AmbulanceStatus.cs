namespace Emergency.Domain.Ambulances;

public enum AmbulanceStatus : byte
{
    Available = 0,
    Dispatched = 1,
    OnScene = 2,
    Transporting = 3,
    AtHospital = 4,
    OutOfService = 5,
}

public static class AmbulanceStatusCodes
{
    /// <summary>The wire form: <c>available|dispatched|on-scene|transporting|at-hospital|out-of-service</c>.</summary>
    public static string ToCode(this AmbulanceStatus status) => status switch
    {
        AmbulanceStatus.Available => "available",
        AmbulanceStatus.Dispatched => "dispatched",
        AmbulanceStatus.OnScene => "on-scene",
        AmbulanceStatus.Transporting => "transporting",
        AmbulanceStatus.AtHospital => "at-hospital",
        AmbulanceStatus.OutOfService => "out-of-service",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(ReadOnlySpan<byte> utf8, out AmbulanceStatus status)
    {
        if (utf8.SequenceEqual("available"u8)) { status = AmbulanceStatus.Available; return true; }
        if (utf8.SequenceEqual("dispatched"u8)) { status = AmbulanceStatus.Dispatched; return true; }
        if (utf8.SequenceEqual("on-scene"u8)) { status = AmbulanceStatus.OnScene; return true; }
        if (utf8.SequenceEqual("transporting"u8)) { status = AmbulanceStatus.Transporting; return true; }
        if (utf8.SequenceEqual("at-hospital"u8)) { status = AmbulanceStatus.AtHospital; return true; }
        if (utf8.SequenceEqual("out-of-service"u8)) { status = AmbulanceStatus.OutOfService; return true; }
        status = default;
        return false;
    }
}
