namespace Emergency.Journal;

/// <summary>One segment file as found in a directory listing (length and time as of the listing).</summary>
internal readonly record struct SegmentInfo(long BasePosition, string Path, long Length, DateTime LastWriteTimeUtc);
