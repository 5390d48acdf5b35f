using System.Text;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.MasterLink;

public sealed class MasterRequestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LinkHarness _h = new(output);
    private TestMasterSession _session = null!;
    private string _name = "";

    public async Task InitializeAsync()
    {
        await TestImages.BusyboxAsync();
        var master = await _h.StartMasterAsync();
        var container = _h.Container(master.Grid, 1, "sh", "-c", "echo line1; sleep 0.5; echo line2 >&2; exec sleep 3600");
        _name = container.Name;
        master.Desired = new DesiredSet { Version = 1, Containers = { container } };
        await _h.StartAgentAsync();
        _session = await master.NextSessionAsync();
        await _session.NextAsync(m => m.Report?.Containers.Any(c => c.State == "running") == true, "container running");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_exec_request_is_answered_with_output_and_exit_code()
    {
        var request = new ExecRequest { RequestId = "x1", Container = _name, TimeoutSeconds = 20 };
        request.Command.AddRange(["sh", "-c", "echo out; echo err >&2; exit 3"]);

        await _session.SendAsync(new MasterMessage { ExecRequest = request });

        var result = (await _session.NextAsync(m => m.ExecResult?.RequestId == "x1", "exec result")).ExecResult;
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout.ToStringUtf8());
        Assert.Equal("err\n", result.Stderr.ToStringUtf8());
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task An_exec_that_outlives_its_timeout_is_answered_with_an_error()
    {
        var request = new ExecRequest { RequestId = "x3", Container = _name, TimeoutSeconds = 1, Command = { "sleep", "30" } };

        await _session.SendAsync(new MasterMessage { ExecRequest = request });

        var result = (await _session.NextAsync(m => m.ExecResult?.RequestId == "x3", "exec result")).ExecResult;
        Assert.Equal("command timed out after 1 s", result.Error);
    }

    [Fact]
    public async Task An_exec_request_for_an_unknown_container_says_so()
    {
        var request = new ExecRequest { RequestId = "x2", Container = "nope", Command = { "true" } };

        await _session.SendAsync(new MasterMessage { ExecRequest = request });

        var result = (await _session.NextAsync(m => m.ExecResult?.RequestId == "x2", "exec result")).ExecResult;
        Assert.Contains("container 'nope' not found", result.Error);
    }

    [Fact]
    public async Task A_log_request_streams_stdout_and_stderr_then_done()
    {
        var attempt = 0;

        // The container may not have written both lines yet when it is first reported running.
        // (The sleep between them keeps Docker's two stream copiers from recording them out of order.)
        var text = await Eventually.ValueAsync(
            async () =>
            {
                var id = $"l1-{++attempt}";
                await _session.SendAsync(new MasterMessage { LogRequest = new LogRequest { RequestId = id, Container = _name } });
                return await CollectLogAsync(id);
            },
            t => t.Length >= "line1\nline2\n".Length,
            "both lines in the log");

        Assert.Equal("line1\nline2\n", text);
    }

    [Fact]
    public async Task A_following_log_runs_until_the_master_cancels_it()
    {
        await _session.SendAsync(new MasterMessage { LogRequest = new LogRequest { RequestId = "l2", Container = _name, Follow = true, Tail = 1 } });
        var first = await _session.NextAsync(m => m.LogChunk?.RequestId == "l2", "first chunk");
        Assert.False(first.LogChunk.Done);

        await _session.SendAsync(new MasterMessage { Cancel = new CancelRequest { RequestId = "l2" } });

        var done = await _session.NextAsync(m => m.LogChunk?.RequestId == "l2" && m.LogChunk.Done, "done chunk");
        Assert.Empty(done.LogChunk.Error);
    }

    private async Task<string> CollectLogAsync(string requestId)
    {
        var text = new StringBuilder();
        while (true)
        {
            var chunk = (await _session.NextAsync(m => m.LogChunk?.RequestId == requestId, "log chunk")).LogChunk;
            text.Append(chunk.Data.ToStringUtf8());
            if (chunk.Done)
            {
                Assert.Empty(chunk.Error);
                return text.ToString();
            }
        }
    }
}
