using Satama.Cli.Output;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Grid;

/// <summary>The people's view of one grid, shared by create and show.</summary>
internal static class GridDetails
{
    public static void Write(TextWriter w, GridDetailsDto grid)
    {
        new Details()
            .Add("Name", grid.Name)
            .Add("Subnet", grid.Subnet)
            .Add("Grace period", $"{grid.GracePeriodSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (an offline node's instances move after it)")
            .Add("Created", grid.Created.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture))
            .Add("Nodes", grid.Nodes.Count == 0 ? "(none)" : string.Join(", ", grid.Nodes))
            .Add("Services", grid.Services.Count == 0 ? "(none)" : string.Join(", ", grid.Services))
            .Add("Allowed options", grid.AllowedOptions is { Count: > 0 } options ? string.Join(", ", options) : "(none: host-level options need grid_admin)")
            .Add("Allowed binds", grid.AllowedBinds is { Count: > 0 } binds ? string.Join(", ", binds) : "(none: bind mounts need grid_admin)")
            .Add("Token", grid.Token)
            .WriteTo(w);
        w.WriteLine();
        w.WriteLine("Join a node to this grid (run on the node):");
        w.WriteLine("  " + grid.JoinCommand);
    }
}
