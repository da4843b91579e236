namespace Emergency.Domain.Vitals;

/// <summary>NEWS2 SpO2 scale. Scale 2 is for confirmed hypercapnic respiratory failure (target 88–92 %).</summary>
public enum Spo2Scale : byte
{
    Scale1 = 1,
    Scale2 = 2,
}
