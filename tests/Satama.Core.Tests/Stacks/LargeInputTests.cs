using System.Diagnostics;
using System.Text;
using Satama.Core.Stacks;
using Xunit.Abstractions;

namespace Satama.Core.Tests.Stacks;

public sealed class LargeInputTests(ITestOutputHelper output)
{
    internal static string ServicesStack(int count)
    {
        var sb = new StringBuilder("name: big\nx-env: &env\n  LOG: info\nservices:\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append("  svc").Append(i).Append(":\n    image: registry.local/app/svc:").Append(i).Append('\n')
              .Append("    environment:\n      <<: *env\n      INDEX: \"").Append(i).Append("\"\n")
              .Append("    ports: [\"").Append(10000 + i).Append(":80\"]\n")
              .Append("    deploy: {replicas: 2, resources: {limits: {cpus: \"0.5\", memory: 256M}}}\n");
            if (i > 0)
            {
                sb.Append("    depends_on: [svc").Append(i - 1).Append("]\n");
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void A_500_service_stack_parses_validates_and_serializes_quickly()
    {
        var text = ServicesStack(500);
        var best = TimeSpan.MaxValue;
        StackParseResult result = null!;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            result = StackFile.Parse(text, "big.yml");
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }
        var yaml = StackSerializer.Serialize(result.Stack!);

        output.WriteLine($"500 services, {text.Length} characters: parse + validate in {best.TotalMilliseconds:F1} ms (best of 5)");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal(500, result.Stack!.Services.Count);
        Assert.Equal(500, StackServiceMapper.ToServiceSpecs(result.Stack, "g").Count);
        Assert.True(best < TimeSpan.FromSeconds(2), $"took {best}");
        Assert.Equal(result.Stack with { Warnings = new([]) }, StackFile.Parse(yaml, "big.yml").Stack! with { Warnings = new([]) });
    }

    [Fact]
    public void A_stack_with_thousands_of_errors_reports_them_all()
    {
        var sb = new StringBuilder("name: bad\nservices:\n");
        for (var i = 0; i < 2000; i++)
        {
            sb.Append("  s").Append(i).Append(":\n    image: BAD\n    ports: [x]\n");
        }

        var result = StackFile.Parse(sb.ToString(), "bad.yml");

        Assert.Equal(4000, result.Errors.Count());
    }

    [Fact]
    public void Deeply_nested_values_inside_a_service_are_an_error_with_a_position()
    {
        var text = "name: deep\nservices:\n  web:\n    image: nginx\n    labels: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var result = StackFile.Parse(text, "deep.yml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("deep.yml:5:110: the file nests deeper than 100 levels", error.ToString());
    }

    [Fact]
    public void A_long_depends_on_chain_does_not_overflow()
    {
        var result = StackFile.Parse(ServicesStack(20_000), "long.yml");

        Assert.True(result.Succeeded);
        Assert.Equal("svc0", DependencyCycles.StartOrder(result.Stack!)[0]);
    }

    [Fact]
    public void A_megabyte_scalar_is_fine()
    {
        var value = new string('x', 1 << 20);

        var result = StackFile.Parse($"name: s\nservices:\n  web:\n    image: nginx\n    environment:\n      BIG: {value}\n", "s.yml");

        Assert.Equal(value, result.Stack!.Service("web")!.Environment["BIG"]);
    }
}
