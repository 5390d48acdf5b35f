using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackRuntimeMapperTests
{
    private static StackServiceMapping Map(string yaml)
    {
        var result = StackFile.Parse(yaml, "s.yml");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "default"));
    }

    private static StackDiagnostic SingleError(string yaml)
    {
        var result = StackFile.Parse(yaml, "s.yml");
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Init_stop_grace_period_and_stop_signal_map_to_the_runtime_and_are_enforced()
    {
        var mapping = Map("""
            name: shop
            services:
              web:
                image: nginx:1.27
                init: true
                stop_grace_period: 1m30s
                stop_signal: SIGINT
            """);

        var runtime = mapping.Spec.Runtime;
        Assert.True(runtime.Init);
        Assert.Equal(TimeSpan.FromSeconds(90), runtime.StopGracePeriod);
        Assert.Equal(90, runtime.StopGraceSeconds);
        Assert.Equal("SIGINT", runtime.StopSignal);
        Assert.DoesNotContain(mapping.NotEnforced, n => n is "init" or "stop_grace_period" or "stop_signal");
        Assert.Empty(ServiceValidator.Validate(mapping.Spec));
    }

    [Fact]
    public void A_service_without_runtime_keys_gets_the_default_runtime()
    {
        var runtime = Map("""
            name: shop
            services:
              web:
                image: nginx:1.27
            """).Spec.Runtime;

        Assert.True(runtime.IsDefault);
        Assert.Equal(2, runtime.StopGraceSeconds);
    }

    [Fact]
    public void A_bare_number_stop_grace_period_is_seconds_and_a_sub_second_one_rounds_up()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), Map("name: shop\nservices: {web: {image: a, stop_grace_period: 15}}").Spec.Runtime.StopGracePeriod);
        Assert.Equal(1, Map("name: shop\nservices: {web: {image: a, stop_grace_period: 300ms}}").Spec.Runtime.StopGraceSeconds);
        Assert.Equal(0, Map("name: shop\nservices: {web: {image: a, stop_grace_period: 0s}}").Spec.Runtime.StopGraceSeconds);
    }

    [Fact]
    public void A_negative_stop_grace_period_is_an_error_at_its_position()
    {
        var error = SingleError("""
            name: shop
            services:
              web:
                image: a
                stop_grace_period: -5s
            """);

        Assert.Equal((5, 24, "services.web.stop_grace_period"), (error.Line, error.Column, error.Path));
        Assert.Contains("expected a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_grace_period_over_an_hour_is_an_error()
    {
        var error = SingleError("name: shop\nservices: {web: {image: a, stop_grace_period: 2h}}");

        Assert.Equal("services.web.stop_grace_period", error.Path);
        Assert.Contains("at most 1h", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sigterm")]
    [InlineData("SIG TERM")]
    [InlineData("99")]
    public void A_bad_stop_signal_is_an_error_at_its_position(string signal)
    {
        var error = SingleError($"""
            name: shop
            services:
              web:
                image: a
                stop_signal: "{signal}"
            """);

        Assert.Equal((5, 18, "services.web.stop_signal"), (error.Line, error.Column, error.Path));
        Assert.Contains("stop signal", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("INT")]
    [InlineData("SIGRTMIN+3")]
    [InlineData("15")]
    public void Signal_names_and_numbers_are_accepted(string signal)
    {
        Assert.Null(RuntimeValidator.CheckSignal(signal));
    }

    [Fact]
    public void The_validator_reports_every_runtime_problem_at_once()
    {
        var errors = RuntimeValidator.Validate(new RuntimeSpec { StopGracePeriod = TimeSpan.FromSeconds(-1), StopSignal = "term" });

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("from 0 to 3600 seconds, not -1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("`term`", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_specs_with_equal_contents_are_equal()
    {
        var a = new RuntimeSpec { Init = true, StopGracePeriod = TimeSpan.FromSeconds(30), StopSignal = "SIGINT" };
        var b = new RuntimeSpec { Init = true, StopGracePeriod = TimeSpan.FromSeconds(30), StopSignal = "SIGINT" };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { StopSignal = "SIGTERM" });
        Assert.False(a.IsDefault);
    }
}
