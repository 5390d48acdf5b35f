using Satama.Cli.Contexts;
using Satama.Cli.Output;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Context;

/// <summary>satama context use NAME: the master later commands talk to.</summary>
internal sealed class UseCommand(CliEnvironment environment) : Command<NameSettings>
{
    public override int Execute(CommandContext context, NameSettings settings, CancellationToken cancellationToken)
    {
        var store = new ConfigStore(environment.ConfigPath);
        var config = store.Load();
        if (config.Find(settings.Name) is null)
        {
            throw new CliException(ContextErrors.NotFound(settings.Name, config));
        }
        config.Current = settings.Name;
        store.Save(config);
        new Printer(environment, settings).Done($"Using context {settings.Name}", new { current = settings.Name });
        return ExitCodes.Ok;
    }
}
