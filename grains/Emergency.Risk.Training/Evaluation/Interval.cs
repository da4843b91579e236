using System.Globalization;

namespace Emergency.Risk.Training.Evaluation;

/// <summary>A point estimate with a bootstrap 95 % interval.</summary>
public readonly record struct Interval(double Value, double Low, double High)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value:0.000} ({Low:0.000}–{High:0.000})");
}
