using Satama.Core.Model;
using Satama.Testing;

namespace Satama.Agent.Tests.Support;

/// <summary>Removes every container a test created, found by its grid label (also when the test failed).</summary>
internal static class EngineCleanup
{
    public static async Task RemoveGridAsync(string grid)
    {
        var ids = await Shell.DockerAsync("ps", "-aq", "--filter", $"label={SatamaLabels.Grid}={grid}");
        await RemoveAsync(ids.Stdout);
    }

    public static async Task RemoveLabelledAsync(string label)
    {
        var ids = await Shell.DockerAsync("ps", "-aq", "--filter", $"label={label}");
        await RemoveAsync(ids.Stdout);
    }

    private static async Task RemoveAsync(string ids)
    {
        var list = ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length > 0)
        {
            await Shell.DockerAsync(["rm", "-f", .. list]);
        }
    }
}
