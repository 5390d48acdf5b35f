using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Grid;

/// <summary>satama grid create NAME [--subnet CIDR].</summary>
internal sealed class CreateCommand(CliEnvironment environment) : ApiCommand<CreateSettings>(environment)
{
    protected override IReadOnlyList<string> Check(CreateSettings settings) =>
        Names.Check("grid", settings.Name) is { } problem ? [problem] : [];

    protected override async Task<int> RunAsync(ApiSession session, CreateSettings settings, CancellationToken ct)
    {
        var grid = await session.Client.CreateGridAsync(new GridCreateRequest(settings.Name, settings.Subnet), ct);
        session.Printer.Print(grid, w =>
        {
            w.WriteLine($"Grid {grid.Name} created.");
            w.WriteLine();
            GridDetails.Write(w, grid);
        });
        return ExitCodes.Ok;
    }
}
