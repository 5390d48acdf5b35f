using System.Text;
using Satama.Core.Model;

namespace Satama.Core.Stacks;

/// <summary>Default stack names, as Compose derives a project name.</summary>
public static class StackNames
{
    /// <summary>
    /// "/srv/My_Shop" → "my-shop": the directory's last part, lower-cased, every run of other
    /// characters made one '-', trimmed to a DNS label. Null when nothing usable is left.
    /// </summary>
    public static string? FromDirectory(string? directory)
    {
        var last = directory?.TrimEnd('/').Split('/').LastOrDefault();
        if (string.IsNullOrEmpty(last))
        {
            return null;
        }
        var name = new StringBuilder();
        foreach (var c in last.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
        }
        var result = name.ToString().TrimEnd('-');
        result = result.Length > Names.MaxLength ? result[..Names.MaxLength].TrimEnd('-') : result;
        return result.Length == 0 || result == Names.NullStack ? null : result;
    }
}
