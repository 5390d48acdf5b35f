namespace Satama.Cli.Contexts;

/// <summary>The content of config.yaml: the known contexts and the current one.</summary>
internal sealed class CliConfig
{
    public string? Current { get; set; }

    public List<CliContext> Contexts { get; set; } = [];

    public CliContext? Find(string name) => Contexts.FirstOrDefault(c => c.Name == name);

    public CliContext? CurrentContext => Current is null ? null : Find(Current);

    /// <summary>Adds or replaces the context with the same name.</summary>
    public void Upsert(CliContext context)
    {
        var index = Contexts.FindIndex(c => c.Name == context.Name);
        if (index >= 0)
        {
            Contexts[index] = context;
        }
        else
        {
            Contexts.Add(context);
        }
    }
}
