using System.Text;

namespace Satama.Cli.Commands.Service;

/// <summary>
/// Splits --cmd "..." into arguments the way a POSIX shell would (quotes and backslashes, no
/// expansion), so `--cmd "sh -c 'echo hi'"` becomes [sh, -c, echo hi].
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<string> Split(string text, out string? error)
    {
        error = null;
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\'')
            {
                if (c == '\'')
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (quote == '"')
            {
                if (c == '"')
                {
                    quote = null;
                }
                else if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '\\' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
        }
        if (quote is { } open)
        {
            error = $"--cmd has an unterminated {open} quote";
            return [];
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
