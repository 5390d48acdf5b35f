namespace Satama.Cli.Tests;

/// <summary>A clock stopped at one instant, so "3s ago" is exact in assertions.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
