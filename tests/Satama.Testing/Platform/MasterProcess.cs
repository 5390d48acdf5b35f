using System.Globalization;
using System.Net.Http.Json;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Testing.Processes;
using Xunit;

namespace Satama.Testing.Platform;

/// <summary>
/// A real `satama master start` process on a loopback port with its own data directory,
/// and a pinned, authenticated client for it. Can be restarted (gracefully or by SIGKILL)
/// on the same data directory and port.
/// </summary>
public sealed class MasterProcess : IAsyncLifetime
{
    private readonly TempDirectory _data = new("satama-e2e-master-");
    private readonly int _port = FreePort.Next();
    private SatamaProcess? _process;

    private string _host = "127.0.0.1";

    public Uri Url => new($"https://{_host}:{_port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A master listening on <paramref name="host"/> (e.g. a lab bridge's address, so simulated hosts reach it).</summary>
    public static async Task<MasterProcess> StartOnAsync(string host)
    {
        var master = new MasterProcess { _host = host };
        try
        {
            await master.InitializeAsync();
            return master;
        }
        catch
        {
            await master.DisposeAsync();
            throw;
        }
    }

    public string DataDir => _data.Path;

    public string CaFingerprint { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public SatamaClient Client { get; private set; } = null!;

    public string Output => _process?.Output ?? "";

    public int Pid => _process?.Pid ?? 0;

    public async Task InitializeAsync()
    {
        await TestImages.BusyboxAsync();
        await StartAsync();
    }

    public async Task RestartAsync(bool kill = false)
    {
        if (kill)
        {
            await _process!.KillAsync();
        }
        else
        {
            await _process!.StopAsync();
        }
        await _process.DisposeAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is not null)
        {
            await _process.StopAsync();
            await _process.DisposeAsync();
        }
        _data.Dispose();
    }

    private async Task StartAsync()
    {
        _process = SatamaProcess.Start(["master", "start", "--data", _data.Path, "--listen", Url.ToString().TrimEnd('/')]);
        var info = await Eventually.ValueAsync(ReadInfoUnverifiedAsync, i => i is not null, $"the master at {Url} to answer", TimeSpan.FromSeconds(60));
        if (CaFingerprint.Length > 0 && CaFingerprint != info!.CaFingerprint)
        {
            throw new InvalidOperationException("the CA fingerprint changed across a master restart");
        }
        CaFingerprint = info!.CaFingerprint;
        AdminToken = (await File.ReadAllTextAsync(Path.Combine(_data.Path, "admin-token"))).Trim();
        Client?.Dispose();
        Client = new SatamaClient(Url, AdminToken, CaFingerprint);
        await Client.InfoAsync();
    }

    // Only to learn the fingerprint a test then pins, like an operator reading it off the console.
    private async Task<InfoDto?> ReadInfoUnverifiedAsync()
    {
        if (_process!.HasExited)
        {
            throw new GiveUpException($"the master exited:\n{_process.Output}");
        }
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return await http.GetFromJsonAsync<InfoDto>("v1/info", SatamaClient.Json);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
