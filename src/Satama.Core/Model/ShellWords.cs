using System.Text;

namespace Satama.Core.Model;

/// <summary>Splits a command string into words as a POSIX shell would: quotes and backslashes, no expansions.</summary>
public static class ShellWords
{
    /// <param name="text">The command as a user wrote it.</param>
    /// <param name="error">"unterminated ' quote" when a quote is left open; the words so far are returned.</param>
    public static List<string> Split(string text, out string? error)
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
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
                inWord = true;
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
                current.Append(c);
                inWord = true;
            }
        }
        if (quote is not null)
        {
            error = $"unterminated {quote} quote";
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
