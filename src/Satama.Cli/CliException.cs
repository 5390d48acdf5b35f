namespace Satama.Cli;

/// <summary>
/// An expected failure with a message fit for the user; printed as "error: ..." lines without a
/// stack trace. Several messages are printed one per line (validation reports every problem at once).
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Failed)
        : this([message], exitCode)
    {
    }

    public CliException(IReadOnlyList<string> messages, int exitCode)
        : base(string.Join("; ", messages))
    {
        Messages = messages;
        ExitCode = exitCode;
    }

    public IReadOnlyList<string> Messages { get; }

    public int ExitCode { get; }

    /// <summary>A mistake in the command line: exit code 2.</summary>
    public static CliException Usage(params IReadOnlyList<string> messages) => new(messages, ExitCodes.Usage);
}
