namespace Satama.Cli.Tests;

/// <summary>
/// Base of the command tests that run the CLI against the in-test master: starts it, logs in (a context
/// of their own), and tears both down. <see cref="Cli"/> runs commands at the fixed time given, if any.
/// </summary>
public abstract class StubbedCliTests(DateTimeOffset? now = null) : IAsyncLifetime
{
    protected CliRun Cli { get; } = now is { } at ? new() { Time = new FixedTime(at) } : new();

    protected StubMaster Stub { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Stub = await StubMaster.StartAsync();
        var login = await Cli.RunAsync("login", Stub.Url.ToString(), "--token", StubMaster.Token, "--ca-fingerprint", Stub.CaFingerprint);
        Assert.Equal(0, login.ExitCode);
    }

    public async Task DisposeAsync()
    {
        await Stub.DisposeAsync();
        Cli.Dispose();
    }
}
