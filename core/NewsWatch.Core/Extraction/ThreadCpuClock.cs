using System.Runtime.InteropServices;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// The CPU time of one thread, readable from any thread (Linux: pthread_getcpuclockid + clock_gettime). A page's
/// time budget counts the CPU its extraction uses, so a machine busy with other work does not make a normal page
/// "too complex". Null where the platform gives no such clock; callers then count wall-clock time.
/// </summary>
internal sealed partial class ThreadCpuClock
{
    private readonly int _clockId;

    private ThreadCpuClock(int clockId) => _clockId = clockId;

    /// <summary>The clock of the calling thread, or null when unavailable.</summary>
    public static ThreadCpuClock? ForCurrentThread()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        try
        {
            return pthread_getcpuclockid(pthread_self(), out var id) == 0 && clock_gettime(id, out _) == 0 ? new ThreadCpuClock(id) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The thread's CPU time so far; null if the clock can no longer be read (the thread ended).</summary>
    public TimeSpan? Now() =>
        clock_gettime(_clockId, out var ts) == 0 ? TimeSpan.FromTicks((ts.Seconds * 1_000_000_000 + ts.Nanoseconds) / 100) : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054, CA5392 // Plain blittable calls into libc.
    [DllImport("libc", ExactSpelling = true)]
    private static extern nint pthread_self();

    [DllImport("libc", ExactSpelling = true)]
    private static extern int pthread_getcpuclockid(nint thread, out int clockId);

    [DllImport("libc", ExactSpelling = true)]
    private static extern int clock_gettime(int clockId, out Timespec time);
#pragma warning restore SYSLIB1054, CA5392
}
