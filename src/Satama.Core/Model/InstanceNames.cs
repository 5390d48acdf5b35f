using System.Globalization;

namespace Satama.Core.Model;

/// <summary>Names of instances and of the containers that realize them.</summary>
public static class InstanceNames
{
    /// <summary>web-2: the instance name users see.</summary>
    public static string Instance(string service, int number) => $"{service}-{number}";

    /// <summary>
    /// The Docker container name of an instance at a revision: unique per grid on an engine,
    /// stable across restarts of agent and master, so a reconnecting agent adopts its containers
    /// instead of creating duplicates. The revision lets a start-first rollout run the old and the
    /// new container of one instance side by side. Dots separate the parts because names may hold '-'.
    /// </summary>
    public static string Container(string grid, string stack, string service, int number, long revision) =>
        string.Create(CultureInfo.InvariantCulture, $"{grid}.{stack}.{service}-{number}.r{revision}");
}
