namespace Emergency.DeviceSim.Fleet;

/// <summary>Hands out unique patient ids of the form <c>P-7F3A2</c> (five hex digits) from the caller's random stream.</summary>
internal sealed class PatientIdSource
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public string Next(Random random)
    {
        lock (_lock)
        {
            while (true)
            {
                var id = $"P-{random.Next(1 << 20):X5}";
                if (_used.Add(id))
                {
                    return id;
                }
            }
        }
    }
}
