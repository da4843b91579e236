namespace Emergency.Dashboard.Live;

/// <summary>Configuration section <c>LivePush</c>.</summary>
public sealed class LivePushOptions
{
    public const string Section = "LivePush";

    /// <summary>
    /// Least time between two pushes for one patient. A patient's first change in a window goes out at once
    /// (leading edge); changes during the window are folded into one push at its end (trailing edge).
    /// </summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
