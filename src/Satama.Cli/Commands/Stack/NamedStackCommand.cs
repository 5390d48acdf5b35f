namespace Satama.Cli.Commands.Stack;

/// <summary>Base of the commands that act on one stack: its NAME is checked before anything is sent.</summary>
internal abstract class NamedStackCommand<TSettings>(CliEnvironment environment) : ApiCommand<TSettings>(environment)
    where TSettings : StackNameSettings
{
    protected override IReadOnlyList<string> Check(TSettings settings)
    {
        var problems = new List<string>();
        StackText.Check(settings.Name, problems);
        return problems;
    }
}
