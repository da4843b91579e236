namespace Emergency.Domain.Risk;

/// <summary>
/// The named inputs of the deterioration-risk model, in their fixed order. The order is part of the model: a model
/// trained on one <see cref="Version"/> is refused by code that builds another. Change the list only together with a
/// new version string and a retrained model.
/// </summary>
public static class RiskFeatures
{
    /// <summary>Feature-set version, written into every model manifest.</summary>
    public const string Version = "risk-features-v1";

    /// <summary>The parameters that get the per-parameter group (current, slopes, variability, time since last).</summary>
    public const int ParameterCount = 5;

    /// <summary>Features per parameter: value, slope over 5 min, slope over 15 min, SD over 15 min, seconds since the last reading.</summary>
    public const int PerParameter = 5;

    public const int Acvpu = ParameterCount * PerParameter;
    public const int OnOxygen = Acvpu + 1;
    public const int News2 = Acvpu + 2;
    public const int News2Change15 = Acvpu + 3;
    public const int ShockIndex = Acvpu + 4;
    public const int AgeYears = Acvpu + 5;
    public const int Scale2 = Acvpu + 6;

    /// <summary>How many features a row has.</summary>
    public const int Count = Scale2 + 1;

    /// <summary>Feature names in model order.</summary>
    public static readonly IReadOnlyList<string> Names = BuildNames();

    private static string[] BuildNames()
    {
        string[] parameters = ["hr", "rr", "spo2", "sbp", "temp"];
        var names = new List<string>(Count);
        foreach (var p in parameters)
        {
            names.Add(p);
            names.Add($"{p}_slope_5m");
            names.Add($"{p}_slope_15m");
            names.Add($"{p}_sd_15m");
            names.Add($"{p}_seconds_since_last");
        }
        names.AddRange(["acvpu", "on_oxygen", "news2", "news2_change_15m", "shock_index", "age_years", "spo2_scale2"]);
        return [.. names];
    }
}
