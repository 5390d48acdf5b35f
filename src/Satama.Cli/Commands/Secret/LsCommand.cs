using System.Globalization;
using Satama.Cli.Output;

namespace Satama.Cli.Commands.Secret;

/// <summary>satama secret ls: names, versions, times and the services that use each; never values.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var secrets = await session.Client.ListSecretsAsync(session.Grid, ct);
        session.Printer.Print(secrets, w =>
        {
            var table = new TextTable("NAME", "VERSION", "UPDATED", "CREATED", "USED BY");
            foreach (var s in secrets)
            {
                table.Add(s.Name, s.Version.ToString(CultureInfo.InvariantCulture), Ago.Format(s.Updated, session.Now), Ago.Format(s.Created, session.Now),
                    s.UsedBy is { Count: > 0 } users ? string.Join(", ", users) : "-");
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
