using Satama.Cli.Output;

namespace Satama.Cli.Commands.Secret;

/// <summary>satama secret read NAME: prints the value (only this command ever shows one).</summary>
internal sealed class ReadCommand(CliEnvironment environment) : ApiCommand<SecretNameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, SecretNameSettings settings, CancellationToken ct)
    {
        var secret = await session.Client.ReadSecretAsync(session.Grid, settings.Name, ct);
        if (session.Printer.Format != OutputFormat.Table)
        {
            session.Printer.Print(secret, _ => { });
            return ExitCodes.Ok;
        }
        session.Printer.Out.Write(secret.Value);
        if (!secret.Value.EndsWith('\n'))
        {
            session.Printer.Out.WriteLine();
        }
        session.Printer.Out.Flush();
        return ExitCodes.Ok;
    }
}
