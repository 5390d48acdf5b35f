namespace Satama.Master.Tls;

/// <summary>Writes files only the owner may read (mode 0600): keys and the admin token.</summary>
internal static class PrivateFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        {
            stream.Write(bytes);
        }
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only when the file is new; an existing file keeps its mode otherwise.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Creates an empty owner-only file if missing, and makes an existing one owner-only.</summary>
    public static void Ensure(string path)
    {
        if (!File.Exists(path))
        {
            WriteAllBytes(path, []);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
