using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NewsWatch.Benchmarks;

/// <summary>
/// One line that says which machine a figure came from: the CPU's model name, the vector widths it accelerates, the
/// cores and the load. The matcher's figures differ by CPU (an AVX-512 compress to memory, for one, is microcoded on
/// AMD Zen 4 and cheap on Intel), so a figure without its CPU cannot be compared with another.
/// </summary>
internal static class Machine
{
    /// <summary>For example "AMD EPYC, x64, Vector512, 2 cores, load 0.31".</summary>
    public static string Describe()
    {
        var vectors = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : "Vector128";
        return $"{ModelName()}, {RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}, {vectors}, {Environment.ProcessorCount} cores, load {LoadAverage()}";
    }

    /// <summary>The first number of /proc/loadavg, or "?" where there is none.</summary>
    public static string LoadAverage() => ReadOr("/proc/loadavg", text => text.Split(' ')[0]);

    private static string ModelName() => ReadOr("/proc/cpuinfo", text =>
        text.Split('\n').Where(l => l.StartsWith("model name", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault() ?? "?");

    private static string ReadOr(string path, Func<string, string> read)
    {
        try
        {
            return read(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
