namespace Satama.Testing.Processes;

/// <summary>Finds the built satama.dll of this checkout, in the test's own build configuration.</summary>
public static class SatamaBinary
{
    private static readonly Lazy<string> s_dll = new(Find);

    public static string DllPath => s_dll.Value;

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SATAMA_CLI_DLL");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }
        var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoRoot, "src", "Satama.Cli", "bin", configuration, "net10.0", "satama.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"satama.dll is not built at {dll}: run 'dotnet build -c {configuration}' first");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Satama.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no Satama.slnx above {AppContext.BaseDirectory}");
    }
}
