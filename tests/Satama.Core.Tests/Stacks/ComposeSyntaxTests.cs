using System.Globalization;
using System.Text;
using CsCheck;
using Satama.Core.Stacks;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Tests.Stacks;

/// <summary>
/// The same stack written in the syntaxes Compose allows (short or long ports and volumes, environment as a list
/// or a map, depends_on as a list or a map, flow or block style) parses to the same model.
/// </summary>
public sealed class ComposeSyntaxTests
{
    private static readonly Gen<Choices> s_choices = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool,
        (a, b, c, d, e, f) => new Choices(a, b, c, d, e, f));

    private static readonly Gen<StackServiceSpec[]> s_services = Gen.Int[1, 4].SelectMany(n => Gen.Select(
        Gen.Select(Gen.Int[1, 65535], Gen.Int[1, 65535], Gen.OneOf("tcp", "udp"), (t, p, proto) => new StackPort(t, p, proto)).Array[0, 3],
        Gen.Select(Gen.OneOf("A", "B", "LONG_NAME"), Gen.Char["abc123 :/=-"].Array[0, 8].Select(c => new string(c))).Array[0, 3],
        Gen.Select(Gen.Int[0, 5], Gen.Bool, (i, ro) => new StackVolumeMount("volume", "data", $"/v{i}", ro)).Array[0, 2],
        MaybeInt(Gen.Int[0, 20]),
        Gen.Int[0, int.MaxValue]).Array[n].Select(parts => parts.Select((p, i) => new StackServiceSpec
        {
            Name = $"s{i}",
            Image = "busybox:1",
            Ports = new(p.Item1.DistinctBy(x => (x.Published, x.Protocol))),
            Environment = new(p.Item2.Select(kv => KeyValuePair.Create(kv.Item1, kv.Item2))),
            Volumes = new(p.Item3.DistinctBy(v => v.Target)),
            Instances = p.Item4,
            DependsOn = i == 0 ? ValueList<ServiceDependency>.Empty : new(Enumerable.Range(0, i).Where(j => (p.Item5 >> j & 1) == 1).Select(j => new ServiceDependency($"s{j}"))),
        }).ToArray()));

    private static Gen<int?> MaybeInt(Gen<int> gen) => Gen.Bool.SelectMany(b => b ? (IGen<int?>)gen.Select(x => (int?)x) : Gen.Const((int?)null));

    [Fact]
    public void Every_compose_syntax_of_a_stack_parses_to_the_same_model()
    {
        Gen.Select(s_services, s_choices).Sample((services, choices) =>
        {
            var text = Write(services, choices);

            var result = StackFile.Parse(text, "syntax.yml");

            Assert.True(result.Succeeded, text + "\n" + string.Join("\n", result.Errors));
            Assert.Equal(services, result.Stack!.Services.ToArray());
        }, iter: 500);
    }

    private static string Write(StackServiceSpec[] services, Choices c)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("name: syntax\nvolumes:\n  data:\nservices:\n");
        foreach (var s in services)
        {
            sb.Append(inv, $"  {s.Name}:\n    image: {s.Image}\n");
            if (s.Instances is { } n)
            {
                sb.Append(c.Replicas ? "    deploy:\n      replicas: " : "    instances: ").Append(n).Append('\n');
            }
            if (s.Ports.Count > 0)
            {
                var items = s.Ports.Select(p => c.ShortPorts
                    ? $"\"{p.Published}:{p.Target}/{p.Protocol}\""
                    : $"{{target: {p.Target}, published: {p.Published}, protocol: {p.Protocol}}}");
                sb.Append(List("ports", items, c.Flow));
            }
            if (s.Environment.Count > 0)
            {
                sb.Append(c.EnvList
                    ? List("environment", s.Environment.Select(kv => Quote($"{kv.Key}={kv.Value}")), c.Flow)
                    : "    environment:\n" + string.Concat(s.Environment.Select(kv => $"      {kv.Key}: {Quote(kv.Value)}\n")));
            }
            if (s.Volumes.Count > 0)
            {
                var items = s.Volumes.Select(v => c.ShortVolumes
                    ? $"\"{v.Source}:{v.Target}{(v.ReadOnly ? ":ro" : "")}\""
                    : $"{{type: volume, source: {v.Source}, target: {v.Target}, read_only: {(v.ReadOnly ? "true" : "false")}}}");
                sb.Append(List("volumes", items, c.Flow));
            }
            if (s.DependsOn.Count > 0)
            {
                sb.Append(c.DependsList
                    ? List("depends_on", s.DependsOn.Select(d => d.Service), c.Flow)
                    : "    depends_on:\n" + string.Concat(s.DependsOn.Select(d => $"      {d.Service}:\n        condition: service_started\n")));
            }
        }
        return sb.ToString();
    }

    private static string List(string key, IEnumerable<string> items, bool flow) =>
        flow ? $"    {key}: [{string.Join(", ", items)}]\n" : $"    {key}:\n" + string.Concat(items.Select(i => $"      - {i}\n"));

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private sealed record Choices(bool ShortPorts, bool EnvList, bool DependsList, bool ShortVolumes, bool Flow, bool Replicas);
}
