using System.Runtime.InteropServices;

namespace Satama.Agent.Secrets;

/// <summary>libc calls .NET has no managed form of.</summary>
internal static class Native
{
    /// <summary>chown(2); -1 keeps the owner or group. Returns 0, or -1 with errno set.</summary>
    // DllImport rather than LibraryImport: the generated form needs unsafe code for one call on a cold path.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    public static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int owner, int group);
#pragma warning restore SYSLIB1054
}
