using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Stack;

/// <summary>
/// Base of the commands that send a stack file (install, upgrade, diff): --var is checked before anything else, the
/// file is parsed here first (its errors end the command, nothing sent), then sent for the master to render itself.
/// </summary>
internal abstract class StackFileCommand<TSettings>(CliEnvironment environment) : ApiCommand<TSettings>(environment)
    where TSettings : GlobalSettings, IVariableSettings
{
    protected override IReadOnlyList<string> Check(TSettings settings)
    {
        var problems = new List<string>();
        KeyValues.Parse(settings.Vars, "--var", problems);
        CheckMore(settings, problems);
        return problems;
    }

    protected virtual void CheckMore(TSettings settings, List<string> problems)
    {
    }

    protected StackFileRequest Load(ApiSession session, TSettings settings, string file, string? name)
    {
        var variables = KeyValues.Parse(settings.Vars, "--var", []);
        var loaded = StackFileLoader.Load(Environment, file, name, variables, session.Grid);
        StackFileLoader.Report(Environment, loaded.Result);
        return loaded.Request;
    }
}
