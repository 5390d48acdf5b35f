namespace Satama.Core.Model;

/// <summary>Names of instances and of the containers that realize them.</summary>
public static class InstanceNames
{
    /// <summary>web-2: the instance name users see.</summary>
    public static string Instance(string service, int number) => $"{service}-{number}";

    /// <summary>
    /// The Docker container name of an instance: unique per grid on an engine, stable
    /// across restarts of agent and master, so a reconnecting agent adopts its containers
    /// instead of creating duplicates. Dots separate the parts because names may hold '-'.
    /// </summary>
    public static string Container(string grid, string stack, string service, int number) =>
        $"{grid}.{stack}.{service}-{number}";
}
