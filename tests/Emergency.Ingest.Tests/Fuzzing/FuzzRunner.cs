using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Emergency.Ingest.Tests.Fuzzing;

/// <summary>
/// Runs one fuzz target: draws inputs from a CsCheck generator with a PCG stream seeded from
/// <see cref="FuzzSettings.Seed"/> and the target's name, checks each, and prints how many ran and the seed that
/// replays them. A failure names the input's index and the seed, and shows the input.
/// </summary>
internal static class FuzzRunner
{
    public static long Run<T>(ITestOutputHelper output, string target, Gen<T> gen, int defaultInputs, Action<T> check, Func<T, string> show)
    {
        long inputs = FuzzSettings.Inputs(defaultInputs);
        var pcg = new PCG(Stream(target), FuzzSettings.Seed);
        for (long i = 0; i < inputs; i++)
        {
            T input = gen.Generate(pcg, null, out _);
            try
            {
                check(input);
            }
            catch (Exception e)
            {
                throw new XunitException(
                    $"{target}: input {i} with {FuzzSettings.SeedVariable}={FuzzSettings.Seed} failed: {e.GetType().Name}: {e.Message}\ninput: {show(input)}");
            }
        }

        output.WriteLine($"fuzz {target}: {inputs:N0} inputs, {FuzzSettings.SeedVariable}={FuzzSettings.Seed}, {FuzzSettings.ScaleVariable}={FuzzSettings.Scale}");
        return inputs;
    }

    /// <summary>A stream per target, so that targets do not draw the same inputs and adding one leaves the others alone.</summary>
    private static uint Stream(string target)
    {
        uint hash = 2166136261;
        foreach (char c in target)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash & 0x3FFF_FFFF;
    }
}
