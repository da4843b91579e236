namespace Emergency.Domain.Vitals;

/// <summary>
/// The physiologically possible range of each vital sign (inclusive). A frame carrying a value outside is refused
/// whole by ingest; the simulator never sends one. One definition for both, as the contract has one.
/// </summary>
public static class VitalRanges
{
    public const double HrMin = 0, HrMax = 350;
    public const double RrMin = 0, RrMax = 120;
    public const double Spo2Min = 0, Spo2Max = 100;
    public const double SbpMin = 0, SbpMax = 350;
    public const double DbpMin = 0, DbpMax = 300;
    public const double TempMin = 25, TempMax = 45;
}
