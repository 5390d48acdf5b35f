using System.Globalization;
using System.Net;
using Satama.Cli.Contexts;
using Satama.Cli.Output;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Core.Security;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Context;

/// <summary>
/// satama login URL --token T: checks the master and the token, then writes and selects a context.
/// Without --ca-fingerprint the CA is trusted on first use (with a warning), then pinned.
/// </summary>
internal sealed class LoginCommand(CliEnvironment environment) : AsyncCommand<LoginSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LoginSettings settings, CancellationToken cancellationToken)
    {
        var url = MasterConnection.ParseUrl(settings.Url)
            ?? throw CliException.Usage($"'{settings.Url}' is not a master URL (expected https://HOST:PORT)");
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.Token))
        {
            problems.Add("--token is empty");
        }
        var fingerprint = settings.CaFingerprint is { } given ? CaPin.Normalize(given) : null;
        if (fingerprint is not null && (fingerprint.Length != 64 || !fingerprint.All(char.IsAsciiHexDigitLower)))
        {
            problems.Add($"--ca-fingerprint '{settings.CaFingerprint}' is not a SHA-256 fingerprint (64 hex digits)");
        }
        if (settings.Name is { } contextName && (contextName.Length == 0 || contextName.Any(char.IsWhiteSpace)))
        {
            problems.Add($"--name '{contextName}' must be a non-empty word (no spaces)");
        }
        if (settings.Grid is { } wanted && Names.Check("grid", wanted) is { } gridProblem)
        {
            problems.Add(gridProblem);
        }
        if (problems.Count > 0)
        {
            throw CliException.Usage(problems);
        }

        try
        {
            if (fingerprint is null && url.Scheme == "https")
            {
                fingerprint = await TrustOnFirstUseAsync(url, cancellationToken);
            }
            using var client = MasterConnection.Create(url, settings.Token, fingerprint, environment.ConnectTimeout);
            var info = await client.InfoAsync(cancellationToken);
            var grids = await client.ListGridsAsync(cancellationToken); // needs the token: proves it works
            var grid = ChooseGrid(settings.Grid, grids);
            var name = settings.Name ?? DefaultName(url);
            Save(new CliContext { Name = name, Url = MasterErrors.Show(url), Token = settings.Token, CaFingerprint = fingerprint, Grid = grid });
            var result = new { context = name, url = MasterErrors.Show(url), master = info.Name, version = info.Version, grid, caFingerprint = fingerprint };
            new Printer(environment, settings).Print(result, w =>
                w.WriteLine($"Logged in to {result.url} (satama {info.Version}) as context '{name}', grid '{grid}'."));
            return ExitCodes.Ok;
        }
        catch (SatamaApiException e) when (e.Status == HttpStatusCode.NotFound && e.Detail is null)
        {
            // Something answers, but not the REST contract: a wrong port or another server.
            throw new CliException($"{MasterErrors.Show(url)} does not look like a Satama master (GET /v1/info answered 404)");
        }
        catch (Exception e) when (MasterErrors.Translate(e, url, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>One unverified TLS connection to read the CA fingerprint the master announces; pinned from then on.</summary>
    private async Task<string> TrustOnFirstUseAsync(Uri url, CancellationToken ct)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = environment.ConnectTimeout };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var client = new SatamaClient(new HttpClient(handler) { BaseAddress = url }, token: null);
        var info = await client.InfoAsync(ct);
        var fingerprint = CaPin.Normalize(info.CaFingerprint);
        environment.Error.WriteLine(
            $"warning: trusting on first use: {MasterErrors.Show(url)} presented CA fingerprint {fingerprint}; " +
            "compare it with the one the master printed at start");
        return fingerprint;
    }

    private static string ChooseGrid(string? wanted, IReadOnlyList<GridDto> grids)
    {
        if (wanted is not null)
        {
            return grids.Any(g => g.Name == wanted)
                ? wanted
                : throw new CliException($"grid '{wanted}' not found; grids: {(grids.Count == 0 ? "(none)" : string.Join(", ", grids.Select(g => g.Name)))}");
        }
        return grids.Any(g => g.Name == "default") || grids.Count == 0 ? "default" : grids[0].Name;
    }

    private static string DefaultName(Uri url) =>
        url.IsDefaultPort || url.Port == 7443 ? url.Host : url.Host + "-" + url.Port.ToString(CultureInfo.InvariantCulture);

    private void Save(CliContext context)
    {
        var store = new ConfigStore(environment.ConfigPath);
        var config = store.Load();
        config.Upsert(context);
        config.Current = context.Name;
        store.Save(config);
    }
}
