using System.Globalization;
using Satama.Cli.Commands.Service;
using Satama.Cli.Output;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Stack;

/// <summary>satama stack show NAME: the stack, its services (instances running/desired, state, revision) and what is wrong.</summary>
internal sealed class ShowCommand(CliEnvironment environment) : NamedStackCommand<StackNameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, StackNameSettings settings, CancellationToken ct)
    {
        var stack = await session.Client.GetStackAsync(session.Grid, settings.Name, ct);
        session.Printer.Print(stack, w => Write(w, stack, session.Now));
        return ExitCodes.Ok;
    }

    private static void Write(TextWriter w, StackDto s, DateTimeOffset now)
    {
        new Details()
            .Add("Name", s.Name)
            .Add("Grid", s.Grid)
            .Add("Description", s.Description)
            .Add("State", s.State)
            .Add("Revision", StackText.N(s.Revision))
            .Add("File", s.File)
            .Add("Instances", $"{StackText.Instances(s)} running")
            .Add("Updated", $"{s.Updated.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} ({Ago.Format(s.Updated, now)}) by {s.Author}")
            .WriteTo(w);
        w.WriteLine();
        var table = new TextTable("SERVICE", "IMAGE", "INSTANCES", "STATE", "REVISION", "PORTS");
        foreach (var service in s.Services)
        {
            table.Add(service.Name, service.Image, ServiceText.Instances(service), StackText.State(service), StackText.N(service.Revision),
                ServiceText.Ports(service.Ports));
        }
        table.WriteTo(w);
        var problems = s.Services
            .SelectMany(service => service.Problems.Concat(service.InstanceList.Where(i => i.Error is not null).Select(i => $"{i.Name}: {i.Error}")))
            .ToList();
        if (problems.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Problems:");
            foreach (var p in problems)
            {
                w.WriteLine("  " + p);
            }
        }
    }
}
