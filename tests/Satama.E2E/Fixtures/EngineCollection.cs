using Satama.Testing.Platform;

namespace Satama.E2E.Fixtures;

/// <summary>
/// End-to-end tests share one master process and run one at a time: each test brings its
/// own grid and agent, and the 2-core machine stays predictable.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<MasterProcess>
{
    public const string Name = "engine";
}
