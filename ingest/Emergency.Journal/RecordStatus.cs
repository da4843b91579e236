namespace Emergency.Journal;

/// <summary>What was found where a record was expected.</summary>
internal enum RecordStatus
{
    /// <summary>A complete record whose checksum matches.</summary>
    Ok,

    /// <summary>No bytes at all: the end of the file or of the range being read.</summary>
    End,

    /// <summary>Some bytes, but fewer than the header or the length it announces (a torn write).</summary>
    Incomplete,

    /// <summary>The length field exceeds <see cref="JournalFormat.MaxPayloadBytes"/>.</summary>
    BadLength,

    /// <summary>Complete, but the checksum does not match.</summary>
    BadChecksum,
}
