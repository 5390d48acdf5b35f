namespace Satama.Cli.Hosting;

/// <summary>The layout of the data dir of `satama up`.</summary>
internal sealed record UpPaths(string Root)
{
    public string Master => Path.Combine(Root, "master");
    public string Agent => Path.Combine(Root, "agent");

    /// <summary>Pid of the running `up` (foreground or detached); `down` signals it.</summary>
    public string PidFile => Path.Combine(Root, "satama.pid");

    /// <summary>What the running `up` serves (url, fingerprint), for a second `up` and a detaching parent.</summary>
    public string StateFile => Path.Combine(Root, "satama.json");

    /// <summary>Output of a detached `up`.</summary>
    public string LogFile => Path.Combine(Root, "satama.log");

    public string DockerLog => Path.Combine(Root, "dockerd.log");

    public string DockerInstallLog => Path.Combine(Root, "docker-install.log");

    public static UpPaths For(string? data, CliEnvironment environment) =>
        new(Path.GetFullPath(string.IsNullOrWhiteSpace(data) ? environment.DefaultDataDir() : data));
}
