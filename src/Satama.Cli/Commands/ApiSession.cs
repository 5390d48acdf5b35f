using Satama.Cli.Output;
using Satama.Client;

namespace Satama.Cli.Commands;

/// <summary>What an API command works with: a client for the selected master and the grid to act on.</summary>
internal sealed record ApiSession(SatamaClient Client, Uri Url, string Grid, Printer Printer, CliEnvironment Environment)
{
    public DateTimeOffset Now => Environment.Time.GetUtcNow();
}
