using Satama.Client.Dtos;
using Satama.Core.Security;

namespace Satama.Cli.Commands.Grid;

/// <summary>
/// satama grid update NAME [--allow OPTION]... [--disallow OPTION]... [--allow-bind PATH]... [--disallow-bind PATH]...:
/// the host-level options and node paths the grid's grid_users may ask for (grid_admin and master_admin need none).
/// </summary>
internal sealed class UpdateCommand(CliEnvironment environment) : ApiCommand<UpdateSettings>(environment)
{
    protected override IReadOnlyList<string> Check(UpdateSettings settings)
    {
        var problems = new List<string>();
        if (settings.Allow.Length + settings.Disallow.Length + settings.AllowBind.Length + settings.DisallowBind.Length == 0)
        {
            problems.Add("nothing to do: give --allow OPTION, --disallow OPTION, --allow-bind PATH or --disallow-bind PATH");
        }
        problems.AddRange(settings.Allow.Concat(settings.Disallow).Select(o => HostAllowances.ParseOption(o).Error).OfType<string>());
        problems.AddRange(settings.AllowBind.Concat(settings.DisallowBind).Select(p => HostAllowances.ParseBind(p).Error).OfType<string>());
        return problems;
    }

    protected override async Task<int> RunAsync(ApiSession session, UpdateSettings settings, CancellationToken ct)
    {
        var grid = await session.Client.UpdateGridAsync(settings.Name,
            new GridUpdateRequest(settings.Allow, settings.Disallow, settings.AllowBind, settings.DisallowBind), ct);
        session.Printer.Print(grid, w =>
        {
            w.WriteLine($"Grid {grid.Name} updated.");
            w.WriteLine();
            GridDetails.Write(w, grid);
        });
        return ExitCodes.Ok;
    }
}
