namespace Emergency.Domain.Ecg.Analysis;

/// <summary>A second-order IIR section (RBJ cookbook, bilinear transform), direct form I.</summary>
internal sealed class Biquad
{
    private readonly double _b0, _b1, _b2, _a1, _a2;
    private double _x1, _x2, _y1, _y2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        (_b0, _b1, _b2, _a1, _a2) = (b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    public static Biquad LowPass(double cutoffHz, double sampleRateHz, double q = 0.7071)
    {
        var w = 2 * Math.PI * cutoffHz / sampleRateHz;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        return new((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad HighPass(double cutoffHz, double sampleRateHz, double q = 0.7071)
    {
        var w = 2 * Math.PI * cutoffHz / sampleRateHz;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        return new((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public double Next(double x)
    {
        var y = (_b0 * x) + (_b1 * _x1) + (_b2 * _x2) - (_a1 * _y1) - (_a2 * _y2);
        (_x2, _x1, _y2, _y1) = (_x1, x, _y1, y);
        return y;
    }
}
