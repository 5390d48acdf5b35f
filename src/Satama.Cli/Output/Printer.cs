using Satama.Cli.Commands;

namespace Satama.Cli.Output;

/// <summary>
/// Writes a command's result in the chosen format. Writes go straight to the console's
/// underlying writer: Spectre's renderer would wrap long JSON lines at the terminal width.
/// </summary>
internal sealed class Printer(CliEnvironment environment, OutputFormat format)
{
    public Printer(CliEnvironment environment, GlobalSettings settings)
        : this(environment, settings.Format)
    {
    }

    public TextWriter Out => environment.Out.Profile.Out.Writer;

    public OutputFormat Format => format;

    /// <summary>Prints <paramref name="data"/> as json/yaml, or calls <paramref name="human"/> for table output.</summary>
    public void Print(object? data, Action<TextWriter> human)
    {
        switch (format)
        {
            case OutputFormat.Json:
                Out.WriteLine(StructuredText.ToJson(data));
                break;
            case OutputFormat.Yaml:
                Out.Write(StructuredText.ToYaml(data));
                break;
            default:
                human(Out);
                break;
        }
        Out.Flush();
    }

    /// <summary>A confirmation ("Service null/web removed"): a sentence for people, an object for scripts.</summary>
    public void Done(string message, object? data = null) => Print(data ?? new { message }, w => w.WriteLine(message));
}
