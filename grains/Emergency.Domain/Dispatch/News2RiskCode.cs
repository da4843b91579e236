using Emergency.Domain.Scoring;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// Parses the NEWS2 risk wire code of a recommendation request (<c>"news2Risk": "high"</c>), the inverse of
/// <see cref="News2RiskCodes.ToCode"/>. Kept here so that the scoring code is left as it is; it belongs next to
/// <see cref="News2RiskCodes"/> when that file is next touched.
/// </summary>
public static class News2RiskCode
{
    /// <summary>Codes for error messages.</summary>
    public const string Codes = "low|low-medium|medium|high";

    /// <summary>Parses <c>low|low-medium|medium|high</c> (exact, lower case).</summary>
    public static bool TryParse(string? code, out News2Risk risk)
    {
        switch (code)
        {
            case "low": risk = News2Risk.Low; return true;
            case "low-medium": risk = News2Risk.LowMedium; return true;
            case "medium": risk = News2Risk.Medium; return true;
            case "high": risk = News2Risk.High; return true;
            default: risk = default; return false;
        }
    }
}
