namespace Emergency.Domain.Vitals;

/// <summary>The parameters a vitals frame may carry, each tracked with its own measurement time.</summary>
public enum VitalParameter : byte
{
    Hr = 0,
    Rr = 1,
    Spo2 = 2,
    Sbp = 3,
    Dbp = 4,
    Temp = 5,
    Acvpu = 6,
    O2 = 7,
    Spo2Scale = 8,
}
