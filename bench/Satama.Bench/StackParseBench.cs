using System.Diagnostics;
using System.Globalization;
using System.Text;
using Satama.Core.Stacks;
using YamlDotNet.RepresentationModel;

namespace Satama.Bench;

/// <summary>
/// Parse and validate a 500-service stack file, against the floor of merely loading the same
/// text with YamlDotNet (what any YAML-based tool pays before it checks anything).
/// </summary>
internal static class StackParseBench
{
    private const int Services = 500;

    public static void Run(int runs)
    {
        var text = Generate();
        var satama = Measure(runs, () =>
        {
            var result = StackFile.Parse(text, "bench.yml", new StackParseOptions { StackName = "bench", Grid = "default" });
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join('\n', result.Errors));
            }
        });
        var yaml = Measure(runs, () =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
        });
        Console.WriteLine(FormattableString.Invariant($"stack file: {Services} services, {text.Length / 1024} KiB"));
        Console.WriteLine(FormattableString.Invariant($"satama parse + validate: {satama:0.0} ms; YamlDotNet load alone: {yaml:0.0} ms"));
        Console.WriteLine(FormattableString.Invariant($"ratio satama / YAML load: {satama / yaml:0.00}x (median of {runs})"));
    }

    private static double Measure(int runs, Action action)
    {
        action(); // warm up: JIT
        var times = new List<double>();
        for (var i = 0; i < Math.Max(runs, 5); i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    private static string Generate()
    {
        var b = new StringBuilder("services:\n");
        for (var i = 0; i < Services; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            b.Append("  svc").Append(n).Append(":\n")
             .Append("    image: registry.example.com/team/svc").Append(n).Append(":1.").Append(n).Append('\n')
             .Append("    command: [\"serve\", \"--port\", \"8080\"]\n")
             .Append("    environment:\n      MODE: production\n      INDEX: \"").Append(n).Append("\"\n")
             .Append("    ports:\n      - \"").Append((20000 + i).ToString(CultureInfo.InvariantCulture)).Append(":8080\"\n")
             .Append("    deploy:\n      replicas: 2\n      update_config: {parallelism: 1, order: start-first}\n")
             .Append("    healthcheck:\n      test: [\"CMD\", \"wget\", \"-q\", \"-O\", \"-\", \"http://localhost:8080/health\"]\n      interval: 10s\n");
            if (i > 0)
            {
                b.Append("    depends_on: [svc").Append((i - 1).ToString(CultureInfo.InvariantCulture)).Append("]\n");
            }
        }
        return b.ToString();
    }
}
