using System.Text.RegularExpressions;

namespace Satama.Core.Model;

/// <summary>Rules for the names users give to grids, stacks, services and nodes.</summary>
public static partial class Names
{
    /// <summary>The stack that holds services created outside any stack file.</summary>
    public const string NullStack = "null";

    public const int MaxLength = 63;

    // DNS-label shaped: these names become parts of container names and DNS names
    // (web.shop.prod.satama.local), so no dots, slashes or upper case.
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    /// <summary>Returns null when <paramref name="name"/> is a valid name of <paramref name="kind"/>, else why not.</summary>
    public static string? Check(string kind, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"{kind} name is empty";
        }
        if (name.Length > MaxLength)
        {
            return $"{kind} name '{Truncate(name)}' is longer than {MaxLength} characters";
        }
        if (!DnsLabel().IsMatch(name))
        {
            return $"{kind} name '{Truncate(name)}' is invalid: use lower-case letters, digits and '-', starting and ending with a letter or digit";
        }
        return null;
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
