namespace Satama.Agent.Docker;

/// <summary>The result of a command run in a container. <see cref="Error"/> is set when it could not run or timed out.</summary>
internal sealed record ExecOutcome(int ExitCode, byte[] Stdout, byte[] Stderr, string Error = "");
