namespace Satama.Cli.Commands.Service;

/// <summary>Base of the commands that act on one service: its NAME is checked before anything is sent.</summary>
internal abstract class NamedServiceCommand<TSettings>(CliEnvironment environment) : ApiCommand<TSettings>(environment)
    where TSettings : NameSettings
{
    protected override IReadOnlyList<string> Check(TSettings settings)
    {
        var problems = new List<string>();
        ServiceName.Parse(settings.Name, problems);
        return problems;
    }
}
