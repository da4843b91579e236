using System.Globalization;

namespace Emergency.Journal;

/// <summary>Naming and listing of segment files (<c>{base position, 20 digits}.seg</c>).</summary>
internal static class SegmentFiles
{
    public static string PathFor(string directory, long basePosition) =>
        Path.Combine(directory, basePosition.ToString("D20", CultureInfo.InvariantCulture) + JournalFormat.SegmentExtension);

    public static bool TryParseBase(string fileName, out long basePosition)
    {
        basePosition = 0;
        if (fileName.Length != JournalFormat.SegmentNameDigits + JournalFormat.SegmentExtension.Length
            || !fileName.EndsWith(JournalFormat.SegmentExtension, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(0, JournalFormat.SegmentNameDigits);
        foreach (char c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out basePosition);
    }

    /// <summary>The segments in <paramref name="directory"/>, oldest first. Other files are ignored.</summary>
    public static List<SegmentInfo> List(string directory)
    {
        var segments = new List<SegmentInfo>();
        if (!Directory.Exists(directory))
        {
            return segments;
        }

        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*" + JournalFormat.SegmentExtension))
        {
            if (TryParseBase(file.Name, out long basePosition))
            {
                segments.Add(new SegmentInfo(basePosition, file.FullName, file.Length, file.LastWriteTimeUtc));
            }
        }

        segments.Sort(static (a, b) => a.BasePosition.CompareTo(b.BasePosition));
        return segments;
    }
}
