using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Grid;

/// <summary>satama grid create NAME [--subnet CIDR] [--grace-period DURATION].</summary>
internal sealed class CreateCommand(CliEnvironment environment) : ApiCommand<CreateSettings>(environment)
{
    protected override IReadOnlyList<string> Check(CreateSettings settings)
    {
        var problems = new List<string>();
        if (Names.Check("grid", settings.Name) is { } problem)
        {
            problems.Add(problem);
        }
        if (settings.GracePeriod is { } grace && !Durations.TryParse(grace, out _))
        {
            problems.Add($"--grace-period '{grace}' is not a duration like 30s, 2m, 1h");
        }
        return problems;
    }

    protected override async Task<int> RunAsync(ApiSession session, CreateSettings settings, CancellationToken ct)
    {
        var grid = await session.Client.CreateGridAsync(new GridCreateRequest(settings.Name, settings.Subnet,
            Durations.TryParse(settings.GracePeriod, out var grace) ? grace.TotalSeconds : null), ct);
        session.Printer.Print(grid, w =>
        {
            w.WriteLine($"Grid {grid.Name} created.");
            w.WriteLine();
            GridDetails.Write(w, grid);
        });
        return ExitCodes.Ok;
    }
}
