using System.Text.RegularExpressions;

namespace Satama.Core.Model;

/// <summary>
/// Vault secret names: wider than service names because they are often environment-variable shaped (DB_PASSWORD)
/// or dotted (shop.example.com-cert), but never a path.
/// </summary>
public static partial class VaultSecretNames
{
    public const int MaxLength = 128;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Shape();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();

    /// <summary>An error, or null when <paramref name="name"/> can name a secret.</summary>
    public static string? Check(string? name) =>
        string.IsNullOrEmpty(name) ? "secret name is empty"
        : name.Length > MaxLength ? $"secret name is longer than {MaxLength} characters"
        : !Shape().IsMatch(name) || name.Contains("..", StringComparison.Ordinal)
            ? $"secret name '{name}' is invalid: use letters, digits, '_', '.' and '-', starting with a letter or digit"
            : null;

    /// <summary>Whether <paramref name="name"/> is a portable environment variable name (letters, digits, '_').</summary>
    public static bool IsEnvironmentName(string name) => EnvironmentName().IsMatch(name);
}
