using Satama.Core.Model;

namespace Satama.Cli.Commands.User;

/// <summary>satama user add NAME: a user without roles, and its first token (printed once).</summary>
internal sealed class AddCommand(CliEnvironment environment) : ApiCommand<UserNameSettings>(environment)
{
    protected override IReadOnlyList<string> Check(UserNameSettings settings) =>
        Names.Check("user", settings.Name) is { } problem ? [problem] : [];

    protected override async Task<int> RunAsync(ApiSession session, UserNameSettings settings, CancellationToken ct)
    {
        var created = await session.Client.CreateUserAsync(settings.Name, ct);
        session.Printer.Print(created, w =>
        {
            w.WriteLine($"User {created.User.Name} created, without roles; its token (shown only now):");
            w.WriteLine(created.Token.Value);
            w.WriteLine($"Grant a role: satama role grant {created.User.Name} grid_user --grid GRID");
        });
        return ExitCodes.Ok;
    }
}
