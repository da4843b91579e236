namespace Emergency.Risk.Training.Training;

/// <summary>What <c>train</c> does; every field has a command-line flag (see <see cref="TrainingCli"/>).</summary>
public sealed record TrainOptions
{
    /// <summary>A training-data CSV; when null a simulated cohort of <see cref="Patients"/> is generated from <see cref="Seed"/>.</summary>
    public string? DataFile { get; init; }
    public int Patients { get; init; } = 10_000;
    public int Seed { get; init; } = 42;
    public required string OutputDirectory { get; init; }
    public double TestFraction { get; init; } = 0.25;
    public double ValidationFraction { get; init; } = 0.10;
    public int Trees { get; init; } = 200;
    public int Leaves { get; init; } = 24;
    public int MinRowsPerLeaf { get; init; } = 50;
    public double LearningRate { get; init; } = 0.1;
    public TimeSpan TrainStep { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan EvaluationStep { get; init; } = TimeSpan.FromMinutes(1);
    public int BootstrapResamples { get; init; } = 200;
    public string? ModelVersion { get; init; }

    /// <summary>What the data is, for the manifest; defaulted from the source.</summary>
    public string? TrainedOn { get; init; }
}
