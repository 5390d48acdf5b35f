namespace Satama.Master.Tests.Infrastructure;

/// <summary>One master per test class; each test makes its own grid so tests do not couple.</summary>
public sealed class MasterFixture : IAsyncLifetime
{
    private TestMaster? _master;

    public TestMaster Master => _master ?? throw new InvalidOperationException("the master has not started");

    public async Task InitializeAsync() => _master = await TestMaster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_master is not null)
        {
            await _master.DisposeAsync();
        }
    }
}
