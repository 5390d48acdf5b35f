using System.Net;
using Satama.Agent;
using Satama.Cli.Commands;
using Satama.Cli.Contexts;
using Satama.Cli.Output;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master;
using Spectre.Console.Cli;

namespace Satama.Cli.Hosting;

/// <summary>
/// satama up: the whole platform on one machine in this process — Docker Engine ensured, a
/// master (DATA/master), grid "default", an agent for this host (DATA/agent), and the CLI
/// context "local". Runs until Ctrl-C/SIGTERM (or in the background with --detach).
/// </summary>
internal sealed class UpCommand(CliEnvironment environment) : AsyncCommand<UpSettings>
{
    public const string ContextName = "local";
    public const string GridName = "default";

    public override async Task<int> ExecuteAsync(CommandContext context, UpSettings settings, CancellationToken cancellationToken)
    {
        var paths = UpPaths.For(settings.Data, environment);
        var printer = new Printer(environment, settings);
        Directory.CreateDirectory(paths.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (UpProcess.Running(paths) is { } pid)
        {
            var running = UpState.Read(paths);
            if (running is null)
            {
                environment.Error.WriteLine($"Satama is already running on {paths.Root} (pid {pid}), still starting.");
            }
            else
            {
                UpSummary.Print(printer, running, $"Satama is already running on {paths.Root} (pid {pid}).");
            }
            return ExitCodes.Ok;
        }
        // Before detaching, so an install's progress (or failure) is seen in this terminal.
        if (string.IsNullOrEmpty(environment.GetVariable("DOCKER_HOST")))
        {
            await new DockerEngine(environment.Error, paths).EnsureRunningAsync(cancellationToken);
        }
        return settings.Detach
            ? await new UpDetacher(environment, paths).RunAsync(settings, printer, cancellationToken)
            : await RunForegroundAsync(settings, paths, printer, cancellationToken);
    }

    private async Task<int> RunForegroundAsync(UpSettings settings, UpPaths paths, Printer printer, CancellationToken ct)
    {
        UpProcess.WritePid(paths);
        try
        {
            var level = HostLifetime.ParseLevel(settings.LogLevel)!.Value;
            environment.Error.WriteLine($"Starting master ({paths.Master})…");
            var listen = ListenAddress.Normalize(settings.Listen)!;
            await using var master = await StartFailure.GuardAsync($"the master on {listen}", () => MasterServer.StartAsync(new MasterOptions
            {
                DataDir = paths.Master,
                Listen = [listen],
                MinimumLogLevel = level,
            }, ct));
            var url = ListenAddress.Local(master.Url);
            var grid = await EnsureGridAsync(url, master, ct);
            var node = NodeNames.FromHostName();
            environment.Error.WriteLine($"Starting agent for node {node} ({paths.Agent})…");
            await using var agent = await StartFailure.GuardAsync($"the agent ({paths.Agent})", () => AgentRunner.StartAsync(new AgentOptions
            {
                MasterUrl = url,
                GridToken = grid.Token,
                CaFingerprint = master.CaFingerprint,
                NodeName = node,
                DockerHost = DockerHost(),
                DataDir = paths.Agent,
                MinimumLogLevel = level,
            }, ct));

            var shown = MasterErrors.Show(url);
            SaveContext(new CliContext { Name = ContextName, Url = shown, Token = master.AdminToken, CaFingerprint = master.CaFingerprint, Grid = GridName });
            var state = new UpState(Environment.ProcessId, shown, master.CaFingerprint, master.AdminTokenPath, GridName, node);
            state.Write(paths);
            UpSummary.Print(printer, state);
            environment.Error.WriteLine("Press Ctrl-C to stop (containers keep running).");

            var failure = await HostLifetime.WaitAsync(ct, ("the agent", agent.Completion), ("the master", master.Completion));
            environment.Error.WriteLine("Stopping agent and master…");
            using var stopping = new CancellationTokenSource(HostLifetime.StopTimeout);
            await agent.StopAsync(stopping.Token);
            await master.StopAsync(stopping.Token);
            environment.Error.WriteLine("Stopped. Containers keep running; 'satama up' resumes.");
            return failure is null ? ExitCodes.Ok : throw new CliException(failure);
        }
        finally
        {
            UpProcess.ClearOwn(paths);
        }
    }

    /// <summary>DOCKER_HOST when set (as the docker CLI does), else the local socket.</summary>
    private string DockerHost() =>
        environment.GetVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix://" + DockerEngine.Socket;

    /// <summary>Grid "default" exists after every `up`: created on the first, found on later ones.</summary>
    private async Task<GridDetailsDto> EnsureGridAsync(Uri url, MasterServer master, CancellationToken ct)
    {
        using var client = MasterConnection.Create(url, master.AdminToken, master.CaFingerprint, environment.ConnectTimeout);
        try
        {
            return await client.GetGridAsync(GridName, ct);
        }
        catch (SatamaApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return await client.CreateGridAsync(new GridCreateRequest(GridName), ct);
        }
    }

    private void SaveContext(CliContext context)
    {
        var store = new ConfigStore(environment.ConfigPath);
        var config = store.Load();
        config.Upsert(context);
        config.Current = context.Name;
        store.Save(config);
    }
}
