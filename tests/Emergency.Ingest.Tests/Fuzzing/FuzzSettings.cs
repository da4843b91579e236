using System.Globalization;

namespace Emergency.Ingest.Tests.Fuzzing;

/// <summary>
/// How much and from where the fuzz tests run. Defaults keep a CI run well under a minute while passing a million
/// inputs in total; <c>EMERGENCY_FUZZ_SEED</c> (an unsigned integer) replays or varies a run and
/// <c>EMERGENCY_FUZZ_SCALE</c> (a positive integer) multiplies every target's input count for longer runs.
/// </summary>
internal static class FuzzSettings
{
    public const string SeedVariable = "EMERGENCY_FUZZ_SEED";
    public const string ScaleVariable = "EMERGENCY_FUZZ_SCALE";

    /// <summary>The default seed: a fixed one, so that a plain run is reproducible.</summary>
    public const ulong DefaultSeed = 20261202;

    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;

    public static int Scale { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? scale
            : 1;

    /// <summary>Inputs for one target: its default share of the million times <see cref="Scale"/>.</summary>
    public static long Inputs(int defaultCount) => (long)defaultCount * Scale;
}
