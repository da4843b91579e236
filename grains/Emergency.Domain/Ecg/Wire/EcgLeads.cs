namespace Emergency.Domain.Ecg.Wire;

/// <summary>Names and order of the twelve leads (the order of the standard 12-lead print-out).</summary>
public static class EcgLeads
{
    public static IReadOnlyList<EcgLead> Standard12 { get; } =
        [EcgLead.I, EcgLead.II, EcgLead.III, EcgLead.aVR, EcgLead.aVL, EcgLead.aVF,
         EcgLead.V1, EcgLead.V2, EcgLead.V3, EcgLead.V4, EcgLead.V5, EcgLead.V6];

    public static bool IsDefined(byte code) => code <= (byte)EcgLead.V6;

    public static string Name(EcgLead lead) => lead.ToString();

    /// <summary>Parses a lead name as written on the chart (case-insensitive: "avf", "V2").</summary>
    public static bool TryParse(string name, out EcgLead lead)
    {
        foreach (var candidate in Standard12)
        {
            if (string.Equals(candidate.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                lead = candidate;
                return true;
            }
        }
        lead = default;
        return false;
    }
}
