namespace Emergency.Domain.Simulation;

/// <summary>Draws the simulators share: the synthetic ECG, the device simulator's physiology, the training cohort.</summary>
public static class RandomExtensions
{
    /// <summary>Standard normal deviate (Box–Muller); two uniform draws per call, so a seeded stream stays reproducible.</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // (0, 1]
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
