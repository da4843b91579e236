using System.Runtime.InteropServices;

namespace Emergency.History.Tests.Infrastructure;

/// <summary>POSIX signals for a child process (Process.Kill only sends SIGKILL).</summary>
internal static class Signals
{
    // Linux numbers (x86-64 and arm64 agree on these).
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public static void Send(int pid, int signal)
    {
        if (SysKill(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {errno}.");
        }
    }
}
