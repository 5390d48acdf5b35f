using Satama.Agent;
using Satama.Agent.Lb;
using Satama.Cli.Commands;
using Satama.Core.Model;
using Satama.Core.Security;
using Spectre.Console.Cli;

namespace Satama.Cli.Hosting;

/// <summary>satama agent start: joins this host to a grid and runs its agent until Ctrl-C/SIGTERM.</summary>
internal sealed class AgentStartCommand(CliEnvironment environment) : AsyncCommand<AgentStartSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AgentStartSettings settings, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var url = MasterConnection.ParseUrl(settings.Master);
        if (url is null)
        {
            problems.Add($"--master '{settings.Master}' is not a master URL (expected https://HOST:PORT)");
        }
        var name = settings.Name ?? NodeNames.FromHostName();
        if (Names.Check("node", name) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }
        var labels = KeyValues.Parse(settings.Labels, "--label", problems);
        var fingerprint = settings.CaFingerprint is { } given ? CaPin.Normalize(given) : null;
        if (fingerprint is not null && (fingerprint.Length != 64 || !fingerprint.All(char.IsAsciiHexDigitLower)))
        {
            problems.Add($"--ca-fingerprint '{settings.CaFingerprint}' is not a SHA-256 fingerprint (64 hex digits)");
        }
        if (string.IsNullOrWhiteSpace(settings.GridToken))
        {
            problems.Add("--grid-token is empty");
        }
        var lb = new LbOptions
        {
            Enabled = settings.Lb,
            BindAddress = settings.LbAddress,
            HttpPort = settings.LbHttpPort,
            HttpsPort = settings.LbHttpsPort,
            MetricsPort = settings.LbMetricsPort,
            Threads = settings.LbThreads,
            AccessLog = settings.LbAccessLog,
        };
        problems.AddRange(LbOptionsValidator.Validate(lb));
        if (problems.Count > 0)
        {
            throw CliException.Usage(problems);
        }

        var data = Path.GetFullPath(settings.Data ?? Path.Combine(environment.DefaultDataDir(), "agent"));
        await using var agent = await StartFailure.GuardAsync($"the agent ({data})", () => AgentRunner.StartAsync(new AgentOptions
        {
            MasterUrl = url!,
            GridToken = settings.GridToken,
            CaFingerprint = fingerprint,
            NodeName = name,
            DockerHost = settings.DockerHost,
            DataDir = data,
            Labels = labels,
            Address = settings.Address,
            WgInterface = settings.NoOverlay ? null : settings.WgInterface,
            MinimumLogLevel = HostLifetime.ParseLevel(settings.LogLevel)!.Value,
            SecretsDir = settings.SecretsDir is { } secrets ? Path.GetFullPath(secrets) : null,
            Lb = lb,
        }, cancellationToken));
        environment.Error.WriteLine($"Agent for node {name} started (master {MasterErrors.Show(url!)}, data {data}). Ctrl-C stops it; containers keep running.");

        var failure = await HostLifetime.WaitAsync(cancellationToken, ("the agent", agent.Completion));
        environment.Error.WriteLine("Stopping agent…");
        using var stopping = new CancellationTokenSource(HostLifetime.StopTimeout);
        await agent.StopAsync(stopping.Token);
        return failure is null ? ExitCodes.Ok : throw new CliException(failure);
    }
}
