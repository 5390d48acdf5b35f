using System.Globalization;
using System.Runtime.InteropServices;

namespace Satama.Cli.Hosting;

/// <summary>The pid file of `up` and the process it names.</summary>
internal static partial class UpProcess
{
    private const int SigTerm = 15;

    /// <summary>The pid of the `up` running on this data dir, or null (stale files are removed).</summary>
    public static int? Running(UpPaths paths)
    {
        if (!File.Exists(paths.PidFile))
        {
            return null;
        }
        if (int.TryParse(File.ReadAllText(paths.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && IsSatama(pid))
        {
            return pid;
        }
        Clear(paths);
        return null;
    }

    public static void WritePid(UpPaths paths) =>
        File.WriteAllText(paths.PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");

    /// <summary>Removes pid and state files if they are this process's.</summary>
    public static void ClearOwn(UpPaths paths)
    {
        if (File.Exists(paths.PidFile) && File.ReadAllText(paths.PidFile).Trim() == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            Clear(paths);
        }
    }

    public static void Clear(UpPaths paths)
    {
        File.Delete(paths.PidFile);
        File.Delete(paths.StateFile);
    }

    /// <summary>
    /// Alive and a satama process: a pid file left by a crash may name a pid the kernel has
    /// since given to something else, which must never be signalled.
    /// </summary>
    public static bool IsSatama(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return cmdline.Contains("satama", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
