namespace Emergency.History;

/// <summary>Aggregate of one numeric parameter over one time bucket.</summary>
/// <param name="Mean">Arithmetic mean of the values.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Count">Number of points that carried the parameter (always at least 1).</param>
public readonly record struct ParameterStats(double Mean, double Min, double Max, long Count);
