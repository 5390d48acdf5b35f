namespace Satama.Cli;

/// <summary>
/// The words after the first lone "--" (the command of `container exec ID -- CMD...`). They are
/// taken off before Spectre parses, because its tokenizer refuses words such as a lone "-"
/// (`wget -O -`) even after "--".
/// </summary>
internal sealed class TrailingArguments
{
    public IReadOnlyList<string> Words { get; private set; } = [];

    public bool Present { get; private set; }

    /// <summary>Returns the arguments before "--" and keeps the ones after it.</summary>
    public IReadOnlyList<string> Split(IReadOnlyList<string> args)
    {
        var index = args.ToList().IndexOf("--");
        if (index < 0)
        {
            Words = [];
            Present = false;
            return args;
        }
        Words = args.Skip(index + 1).ToList();
        Present = true;
        return args.Take(index).ToList();
    }
}
