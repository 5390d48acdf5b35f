namespace Satama.Testing;

/// <summary>
/// Images for tests, built locally from the machine's busybox-static (no registry can be
/// reached here). Built once per engine and process; later calls reuse the image.
/// </summary>
public static class TestImages
{
    /// <summary>A scratch image with busybox and its applets: sh, httpd, sleep, wget, nc.</summary>
    public const string Busybox = "satama-test/busybox:latest";

    /// <summary>The command that makes <see cref="Busybox"/> a web server on port 8080, serving /www.</summary>
    public static readonly IReadOnlyList<string> HttpdCommand = ["httpd", "-f", "-p", "8080", "-h", "/www"];

    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static readonly HashSet<string> s_built = [];

    /// <param name="dockerHost">A DOCKER_HOST value; null for the default engine.</param>
    public static async Task<string> BusyboxAsync(string? dockerHost = null)
    {
        await s_gate.WaitAsync();
        try
        {
            var key = dockerHost ?? "";
            if (s_built.Contains(key))
            {
                return Busybox;
            }
            var env = dockerHost is null ? null : new Dictionary<string, string> { ["DOCKER_HOST"] = dockerHost };
            var inspect = await Shell.RunAsync("docker", ["image", "inspect", Busybox], env: env);
            if (inspect.ExitCode != 0)
            {
                await BuildAsync(env);
            }
            s_built.Add(key);
            return Busybox;
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static async Task BuildAsync(IDictionary<string, string>? env)
    {
        var busybox = new[] { "/bin/busybox", "/usr/bin/busybox" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("busybox is not installed: apt-get install busybox-static");
        var dir = Directory.CreateTempSubdirectory("satama-img-");
        try
        {
            File.Copy(busybox, Path.Combine(dir.FullName, "busybox"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                RUN ["/bin/mkdir", "-p", "/tmp", "/www"]
                RUN ["/bin/sh", "-c", "echo hello from satama > /www/index.html"]
                CMD ["/bin/sh"]
                """);
            (await Shell.RunAsync("docker", ["build", "-q", "-t", Busybox, dir.FullName], env: env, timeout: TimeSpan.FromMinutes(3)))
                .EnsureSuccess("docker build of the test image");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
