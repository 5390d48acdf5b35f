using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Service;

/// <summary>
/// satama service create [STACK/]NAME --image IMG ...: checked locally with the same Core rules
/// the master applies, so every mistake is reported at once before anything is sent.
/// </summary>
internal sealed class CreateCommand(CliEnvironment environment) : ApiCommand<CreateSettings>(environment)
{
    protected override IReadOnlyList<string> Check(CreateSettings settings) => Build(settings, settings.Grid ?? "default").Problems;

    protected override TimeSpan? Timeout(CreateSettings settings) => WaitSettings.Limit(settings, Environment);

    protected override async Task<int> RunAsync(ApiSession session, CreateSettings settings, CancellationToken ct)
    {
        var request = Build(settings, session.Grid).Request;
        var service = await session.Client.CreateServiceAsync(session.Grid, request, ct);
        if (settings.Wait)
        {
            service = await ServiceWaiter.WaitAsync(session, new ServiceName(service.Stack, service.Name), service.Revision, TimeSpan.FromSeconds(settings.TimeoutSeconds), ct);
        }
        var count = service.Instances == 1 ? "1 instance" : $"{service.Instances} instances";
        session.Printer.Print(service, w =>
        {
            w.WriteLine($"Service {service.Stack}/{service.Name} created in grid {service.Grid} ({count}{(settings.Wait ? ", running" : "")}).");
            if (!settings.Wait)
            {
                w.WriteLine($"Watch it with: satama service show {service.Stack}/{service.Name}");
            }
        });
        return ExitCodes.Ok;
    }

    private static (ServiceCreateRequest Request, List<string> Problems) Build(CreateSettings settings, string grid)
    {
        var nameProblems = new List<string>();
        var name = ServiceName.Parse(settings.Name, nameProblems);
        var parseProblems = new List<string>();
        var env = KeyValues.Parse(settings.Env, "--env", parseProblems);
        var ports = new List<PortMapping>();
        foreach (var text in settings.Ports)
        {
            if (PortMapping.Parse(text, out var portProblem) is { } port)
            {
                ports.Add(port);
            }
            else
            {
                parseProblems.Add(portProblem!);
            }
        }
        IReadOnlyList<string> command = [];
        if (settings.Cmd is { } cmd)
        {
            command = ShellWords.Split(cmd, out var cmdProblem);
            if (cmdProblem is not null)
            {
                parseProblems.Add($"--cmd has an {cmdProblem}");
            }
            else if (command.Count == 0)
            {
                parseProblems.Add("--cmd is empty");
            }
        }
        string? restart = null;
        if (settings.Restart is { } restartText)
        {
            if (RestartPolicies.TryParse(restartText, out var policy))
            {
                restart = policy.ToWire();
            }
            else
            {
                parseProblems.Add($"--restart '{restartText}' is not one of: always, on-failure, no");
            }
        }
        var health = HealthOptions.Parse(settings, parseProblems);
        var rollout = RolloutOptions.Parse(settings, parseProblems);
        var secrets = SecretOptions.Parse(settings.Secrets, parseProblems);
        var runtime = RuntimeOptions.Parse(settings, parseProblems);

        // The master's own validator covers names, image, instances, env keys and duplicate ports.
        var spec = new ServiceSpec
        {
            Grid = grid,
            Stack = name.Stack,
            Name = name.Name,
            Image = settings.Image,
            Instances = settings.Instances,
            Env = env,
            Ports = ports,
            Command = command,
            Health = health?.Check,
            Secrets = secrets,
            Runtime = runtime.Spec,
        };
        var problems = nameProblems.Count > 0
            // ServiceName already explained a malformed NAME; don't repeat it from the validator.
            ? [.. nameProblems, .. ServiceValidator.Validate(spec with { Stack = Names.NullStack, Name = "x" })]
            : ServiceValidator.Validate(spec).ToList();
        problems.AddRange(parseProblems);
        var request = new ServiceCreateRequest(
            name.Name, settings.Image, settings.Instances, env,
            ports.Select(p => new PortDto(p.HostPort, p.ContainerPort, p.Protocol)).ToList(),
            command.Count == 0 ? null : command, restart, name.Stack, health?.Dto, SecretOptions.ToDto(secrets), rollout, runtime.Dto);
        return (request, problems.Distinct().ToList());
    }
}
