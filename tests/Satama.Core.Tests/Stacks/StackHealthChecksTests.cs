using Satama.Core.Model;
using Satama.Core.Stacks;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Tests.Stacks;

public sealed class StackHealthChecksTests
{
    [Fact]
    public void A_compose_cmd_shell_check_runs_through_sh_with_its_timings()
    {
        var errors = new List<string>();
        var spec = new HealthCheckSpec { Kind = HealthCheckSpec.CommandKind, Test = new ValueList<string>(["CMD-SHELL", "curl -f localhost"]), Interval = "10s", Timeout = "1s", Retries = 5, StartPeriod = "1m" };

        var check = StackHealthChecks.ToHealthCheck(spec, errors)!;

        Assert.Empty(errors);
        Assert.Equal(HealthCheckType.Command, check.Type);
        Assert.Equal(["/bin/sh", "-c", "curl -f localhost"], check.Command);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), 5, TimeSpan.FromMinutes(1)), (check.Interval, check.Timeout, check.Retries, check.StartPeriod));
        Assert.Empty(check.Validate());
    }

    [Fact]
    public void A_compose_cmd_check_runs_its_arguments()
    {
        var check = StackHealthChecks.ToHealthCheck(new HealthCheckSpec { Kind = HealthCheckSpec.CommandKind, Test = new ValueList<string>(["CMD", "pg_isready", "-q"]) }, [])!;

        Assert.Equal(["pg_isready", "-q"], check.Command);
        Assert.Equal(HealthCheck.DefaultInterval, check.Interval);
    }

    [Fact]
    public void Kontena_http_and_tcp_checks_map_to_the_same_types()
    {
        var http = StackHealthChecks.ToHealthCheck(new HealthCheckSpec { Kind = HealthCheckSpec.HttpKind, Port = 8080, Path = "/health" }, [])!;
        var tcp = StackHealthChecks.ToHealthCheck(new HealthCheckSpec { Kind = HealthCheckSpec.TcpKind, Port = 5432 }, [])!;

        Assert.Equal((HealthCheckType.Http, 8080, "/health"), (http.Type, http.Port, http.Path));
        Assert.Equal((HealthCheckType.Tcp, 5432), (tcp.Type, tcp.Port));
    }

    [Fact]
    public void A_disabled_check_is_none()
    {
        Assert.Null(StackHealthChecks.ToHealthCheck(new HealthCheckSpec { Kind = HealthCheckSpec.NoneKind }, []));
        Assert.Null(StackHealthChecks.ToHealthCheck(null, []));
    }

    [Fact]
    public void A_bad_duration_is_an_error()
    {
        var errors = new List<string>();

        StackHealthChecks.ToHealthCheck(new HealthCheckSpec { Kind = HealthCheckSpec.TcpKind, Port = 1, Interval = "soon" }, errors);

        Assert.Equal(["health check: interval 'soon' is not a duration like 30s or 1m30s"], errors);
    }
}
