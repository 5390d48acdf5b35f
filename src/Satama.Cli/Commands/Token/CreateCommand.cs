using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Core.Security;

namespace Satama.Cli.Commands.Token;

/// <summary>satama token create [--name N] [--role R] [--expires D] [--user U]: prints the token once.</summary>
internal sealed class CreateCommand(CliEnvironment environment) : ApiCommand<CreateSettings>(environment)
{
    protected override IReadOnlyList<string> Check(CreateSettings settings)
    {
        var problems = new List<string>();
        if (settings.Name is not null && Names.Check("token", settings.Name) is { } name)
        {
            problems.Add(name);
        }
        if (settings.Role is not null && Roles.Check(settings.Role) is { } role)
        {
            problems.Add(role);
        }
        if (TokenExpiry.Parse(settings.Expires, Environment.Time.GetUtcNow()).Error is { } expires)
        {
            problems.Add(expires);
        }
        return problems;
    }

    protected override async Task<int> RunAsync(ApiSession session, CreateSettings settings, CancellationToken ct)
    {
        var created = await session.Client.CreateTokenAsync(new TokenCreateRequest(settings.Name, settings.Role, settings.Expires), settings.User, ct);
        var token = created.Token;
        session.Printer.Print(created, w =>
        {
            var cap = token.Role is null ? "" : $", limited to {token.Role}";
            var expires = token.Expires is { } at ? $", expires {at:yyyy-MM-dd HH:mm}Z" : "";
            if (created.ExpiryCapped)
            {
                expires += " (capped: no token outlives the token that made it)";
            }
            w.WriteLine($"Token {token.Id} ({token.Name}) of user {token.User}{cap}{expires}; shown only now:");
            w.WriteLine(created.Value);
        });
        return ExitCodes.Ok;
    }
}
