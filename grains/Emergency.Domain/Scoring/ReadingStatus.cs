namespace Emergency.Domain.Scoring;

/// <summary>What <see cref="ArtefactFilter"/> made of one reading of one parameter.</summary>
public enum ReadingStatus : byte
{
    /// <summary>The frame carried no value for the parameter.</summary>
    Absent = 0,

    /// <summary>The reading is what is scored.</summary>
    Confirmed = 1,

    /// <summary>
    /// The reading moved the parameter to another NEWS2 band and has not held long enough yet; the previous confirmed
    /// value is scored meanwhile.
    /// </summary>
    Pending = 2,

    /// <summary>
    /// The reading looks like an artefact (SpO2 probe off, or an implausible jump): not scored, kept visible. A jump
    /// that holds for the whole confirmation delay is confirmed like any other change; a probe-off reading never is.
    /// </summary>
    Artefact = 3,

    /// <summary>Measured before the parameter's latest reading (a late frame): history only, not filtered.</summary>
    Late = 4,
}

public static class ReadingStatusCodes
{
    /// <summary>Wire code: <c>absent</c>, <c>confirmed</c>, <c>pending</c>, <c>artefact</c> or <c>late</c>.</summary>
    public static string ToCode(this ReadingStatus status) => status switch
    {
        ReadingStatus.Absent => "absent",
        ReadingStatus.Confirmed => "confirmed",
        ReadingStatus.Pending => "pending",
        ReadingStatus.Artefact => "artefact",
        ReadingStatus.Late => "late",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? code, out ReadingStatus status)
    {
        switch (code)
        {
            case "absent": status = ReadingStatus.Absent; return true;
            case "confirmed": status = ReadingStatus.Confirmed; return true;
            case "pending": status = ReadingStatus.Pending; return true;
            case "artefact": status = ReadingStatus.Artefact; return true;
            case "late": status = ReadingStatus.Late; return true;
            default: status = default; return false;
        }
    }
}
