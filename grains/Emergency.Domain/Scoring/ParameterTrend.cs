namespace Emergency.Domain.Scoring;

/// <summary>A vital sign compared between the start and the end of a window.</summary>
/// <param name="Start">Median of the readings in the window's start segment.</param>
/// <param name="End">Median of the readings in the window's end segment.</param>
/// <param name="StartSamples">Readings in the start segment.</param>
/// <param name="EndSamples">Readings in the end segment.</param>
[GenerateSerializer, Immutable, Alias("Emergency.ParameterTrend")]
public readonly record struct ParameterTrend(
    [property: Id(0)] double Start,
    [property: Id(1)] double End,
    [property: Id(2)] int StartSamples,
    [property: Id(3)] int EndSamples)
{
    /// <summary><see cref="End"/> minus <see cref="Start"/>: negative when the value fell.</summary>
    public double Change => End - Start;
}
