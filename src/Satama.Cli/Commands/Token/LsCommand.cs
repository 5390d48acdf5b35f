using Satama.Cli.Output;

namespace Satama.Cli.Commands.Token;

/// <summary>satama token ls [--user U]: ids, names, caps and expiry; never values.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<TokenUserSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, TokenUserSettings settings, CancellationToken ct)
    {
        var tokens = await session.Client.ListTokensAsync(settings.User, ct);
        session.Printer.Print(tokens, w =>
        {
            var table = new TextTable("ID", "NAME", "USER", "ROLE", "EXPIRES", "CREATED");
            foreach (var t in tokens)
            {
                table.Add(t.Current ? t.Id + " *" : t.Id, t.Name, t.User, t.Role ?? "-",
                    t.Expires is { } at ? at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "Z" : "never",
                    Ago.Format(t.Created, session.Now));
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
