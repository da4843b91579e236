namespace Emergency.Domain.Dispatch;

/// <summary>A region file could not be read or is invalid; <see cref="Errors"/> lists every problem found.</summary>
public sealed class RegionFileException : Exception
{
    public RegionFileException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public RegionFileException(IReadOnlyList<string> errors, Exception inner)
        : base(string.Join(Environment.NewLine, errors), inner)
    {
        Errors = errors;
    }

    /// <summary>Each problem on its own, e.g. <c>sh.demo.json: hospitals[3] (H-04): lat 95 outside -90..90</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}
