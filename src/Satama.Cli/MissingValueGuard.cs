using System.Reflection;
using Spectre.Console.Cli;

namespace Satama.Cli;

/// <summary>
/// Spectre.Console.Cli 0.57 fills an option given without its value (`up --data`, `--image` last)
/// with the placeholder "__default_command" instead of failing. Seen here, before any command
/// runs, as the usage error it is — otherwise `up --data` would create a dir by that name.
/// </summary>
internal sealed class MissingValueGuard : ICommandInterceptor
{
    private const string Placeholder = "__default_command";

    public void Intercept(CommandContext context, CommandSettings settings)
    {
        var missing = new List<string>();
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option)
            {
                continue;
            }
            var value = property.GetValue(settings);
            if (value is Placeholder || (value is string[] values && values.Contains(Placeholder)))
            {
                missing.Add($"option --{(option.LongNames.Count > 0 ? option.LongNames[0] : option.ShortNames[0])} needs a value");
            }
        }
        if (missing.Count > 0)
        {
            throw CliException.Usage(missing);
        }
    }

    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result)
    {
    }
}
