namespace Emergency.Domain.Scoring;

/// <summary>Shock index band; see <see cref="ShockIndex"/> for the thresholds and their sources.</summary>
public enum ShockIndexBand : byte
{
    /// <summary>Below 0.9.</summary>
    Normal = 0,

    /// <summary>0.9 to below 1.0.</summary>
    Elevated = 1,

    /// <summary>1.0 to below 1.4.</summary>
    High = 2,

    /// <summary>1.4 or more.</summary>
    Severe = 3,
}

public static class ShockIndexBandCodes
{
    /// <summary>Wire code: <c>normal</c>, <c>elevated</c>, <c>high</c> or <c>severe</c>.</summary>
    public static string ToCode(this ShockIndexBand band) => band switch
    {
        ShockIndexBand.Normal => "normal",
        ShockIndexBand.Elevated => "elevated",
        ShockIndexBand.High => "high",
        ShockIndexBand.Severe => "severe",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, null),
    };

    public static bool TryParse(string? code, out ShockIndexBand band)
    {
        switch (code)
        {
            case "normal": band = ShockIndexBand.Normal; return true;
            case "elevated": band = ShockIndexBand.Elevated; return true;
            case "high": band = ShockIndexBand.High; return true;
            case "severe": band = ShockIndexBand.Severe; return true;
            default: band = default; return false;
        }
    }
}
