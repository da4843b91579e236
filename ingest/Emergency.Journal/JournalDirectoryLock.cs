using Microsoft.Win32.SafeHandles;

namespace Emergency.Journal;

/// <summary>
/// Exclusive lock on a journal directory (<c>journal.lock</c>, held open with no sharing, which .NET turns into an
/// advisory <c>flock</c> on Unix). Two writers appending to the same segment would destroy each other's records.
/// </summary>
internal sealed class JournalDirectoryLock : IDisposable
{
    public const string FileName = "journal.lock";

    private readonly SafeFileHandle _handle;

    private JournalDirectoryLock(SafeFileHandle handle) => _handle = handle;

    public static JournalDirectoryLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        try
        {
            return new JournalDirectoryLock(File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new IOException($"The journal in '{directory}' is already open elsewhere ({path} is locked).", ex);
        }
    }

    public void Dispose() => _handle.Dispose();
}
