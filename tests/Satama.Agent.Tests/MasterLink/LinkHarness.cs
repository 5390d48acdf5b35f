using Microsoft.Extensions.Logging;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.MasterLink;

/// <summary>An in-test master and agents pointed at it; removes the grid's containers on dispose.</summary>
internal sealed class LinkHarness(ITestOutputHelper output) : IAsyncDisposable
{
    private readonly ILoggerFactory _logging = TestLogging.Create(output);
    private readonly TempDirectory _dataDir = new("satama-link-test-");
    private readonly List<AgentRunner> _agents = [];
    private readonly List<TestMaster> _masters = [];

    public string Node { get; } = UniqueNames.Next("tn");
    public string DataDir => _dataDir.Path;
    public TestMaster Master { get; private set; } = null!;

    public async Task<TestMaster> StartMasterAsync()
    {
        var master = await TestMaster.StartAsync(new TestCertificates());
        _masters.Add(master);
        Master ??= master;
        return master;
    }

    public async Task<AgentRunner> StartAgentAsync(TestMaster? master = null, bool pin = true, Func<AgentOptions, AgentOptions>? change = null)
    {
        master ??= Master;
        var options = new AgentOptions
        {
            MasterUrl = master.Url,
            GridToken = "grid-token-" + master.Grid,
            CaFingerprint = pin ? master.Certificates.CaFingerprint : null,
            NodeName = Node,
            DataDir = DataDir,
            Labels = new Dictionary<string, string> { ["az"] = "a" },
        };
        var agent = await AgentRunner.StartAsync(change?.Invoke(options) ?? options, _logging, ownsLogging: false);
        _agents.Add(agent);
        return agent;
    }

    public DesiredContainer Container(string grid, int instance, params string[] command)
    {
        var container = new DesiredContainer
        {
            Name = InstanceNames.Container(grid, "null", "web", instance, 1),
            Grid = grid,
            Stack = "null",
            Service = "web",
            Instance = instance,
            Revision = 1,
            Image = TestImages.Busybox,
            RestartPolicy = "always",
            SpecHash = "h1",
        };
        container.Command.AddRange(command);
        return container;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var agent in _agents)
            {
                await agent.StopAsync();
            }
            foreach (var master in _masters)
            {
                await master.DisposeAsync();
            }
        }
        finally
        {
            foreach (var master in _masters)
            {
                await EngineCleanup.RemoveGridAsync(master.Grid);
                master.Certificates.Dispose();
            }
            _dataDir.Dispose();
            _logging.Dispose();
        }
    }
}
