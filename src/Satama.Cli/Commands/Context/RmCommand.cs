using Satama.Cli.Contexts;
using Satama.Cli.Output;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Context;

/// <summary>satama context rm NAME: forgets a master (and its token).</summary>
internal sealed class RmCommand(CliEnvironment environment) : Command<NameSettings>
{
    public override int Execute(CommandContext context, NameSettings settings, CancellationToken cancellationToken)
    {
        var store = new ConfigStore(environment.ConfigPath);
        var config = store.Load();
        if (config.Find(settings.Name) is not { } found)
        {
            throw new CliException(ContextErrors.NotFound(settings.Name, config));
        }
        config.Contexts.Remove(found);
        if (config.Current == settings.Name)
        {
            config.Current = null;
        }
        store.Save(config);
        new Printer(environment, settings).Done($"Context {settings.Name} removed", new { removed = settings.Name });
        return ExitCodes.Ok;
    }
}
