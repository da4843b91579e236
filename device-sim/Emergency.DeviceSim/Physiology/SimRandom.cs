namespace Emergency.DeviceSim.Physiology;

/// <summary>Deterministic random helpers on top of a seeded <see cref="Random"/> (the normal deviate is the shared
/// <see cref="Emergency.Domain.Simulation.RandomExtensions.NextGaussian"/>).</summary>
internal static class SimRandom
{
    /// <summary>Uniform in [-amplitude, +amplitude].</summary>
    public static double NextSymmetric(this Random random, double amplitude) =>
        (random.NextDouble() * 2.0 - 1.0) * amplitude;

    /// <summary>Triangular in [-amplitude, +amplitude], peaked at zero: small errors are more likely than large ones.</summary>
    public static double NextTriangular(this Random random, double amplitude) =>
        (random.NextDouble() - random.NextDouble()) * amplitude;

    public static double NextRange(this Random random, double min, double max) =>
        min + random.NextDouble() * (max - min);

    /// <summary>
    /// Derives an independent seed from a parent seed and a stream number (SplitMix64 finaliser),
    /// so each device and each patient gets its own reproducible stream.
    /// </summary>
    public static int DeriveSeed(int seed, long stream, long salt = 0)
    {
        unchecked
        {
            var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL + (ulong)salt * 0x94D049BB133111EBUL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFF_FFFF);
        }
    }
}
