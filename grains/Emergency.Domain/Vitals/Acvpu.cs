namespace Emergency.Domain.Vitals;

/// <summary>Level of consciousness on the ACVPU scale. <c>C</c> is new confusion.</summary>
public enum Acvpu : byte
{
    Alert = 0,
    NewConfusion = 1,
    Voice = 2,
    Pain = 3,
    Unresponsive = 4,
}

public static class AcvpuCodes
{
    /// <summary>The one-letter code used on the wire (<c>A C V P U</c>).</summary>
    public static char ToCode(this Acvpu value) => value switch
    {
        Acvpu.Alert => 'A',
        Acvpu.NewConfusion => 'C',
        Acvpu.Voice => 'V',
        Acvpu.Pain => 'P',
        Acvpu.Unresponsive => 'U',
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static bool TryParse(char code, out Acvpu value)
    {
        switch (code)
        {
            case 'A': value = Acvpu.Alert; return true;
            case 'C': value = Acvpu.NewConfusion; return true;
            case 'V': value = Acvpu.Voice; return true;
            case 'P': value = Acvpu.Pain; return true;
            case 'U': value = Acvpu.Unresponsive; return true;
            default: value = default; return false;
        }
    }
}
