using System.Runtime.InteropServices;

namespace Emergency.Journal;

/// <summary>
/// fsync of a directory, so that a file just created, renamed or deleted in it survives a power loss (POSIX makes
/// the directory entry durable only through the directory). .NET cannot open a directory as a file handle, hence
/// the three libc calls. On Windows this does nothing: NTFS journals its metadata and a directory can only be
/// flushed through a handle opened with backup semantics.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;
    private const int InvalidArgument = 22; // EINVAL on Linux and macOS

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw Failure("open", directory, Marshal.GetLastPInvokeError());
        }

        try
        {
            if (FSync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                // Some file systems cannot sync a directory at all; their entries are as durable as they get.
                if (errno != InvalidArgument)
                {
                    throw Failure("fsync", directory, errno);
                }
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory, int errno) =>
        new($"{call} of directory '{directory}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FSync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
