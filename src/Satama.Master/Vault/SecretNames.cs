using System.Text.RegularExpressions;

namespace Satama.Master.Vault;

/// <summary>
/// Secret names: wider than service names because they are often environment-variable
/// shaped (DB_PASSWORD) or dotted (shop.example.com-cert), but never a path.
/// </summary>
internal static partial class SecretNames
{
    public const int MaxLength = 128;

    /// <summary>64 KiB: certificates and keys fit; a secret is not a file store.</summary>
    public const int MaxValueBytes = 64 * 1024;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Shape();

    public static string? Check(string? name) =>
        string.IsNullOrEmpty(name) ? "secret name is empty"
        : name.Length > MaxLength ? $"secret name is longer than {MaxLength} characters"
        : !Shape().IsMatch(name) || name.Contains("..", StringComparison.Ordinal)
            ? $"secret name '{name}' is invalid: use letters, digits, '_', '.' and '-', starting with a letter or digit"
            : null;

    /// <summary>Checks a value without ever quoting it.</summary>
    public static string? CheckValue(string? value) =>
        value is null ? "value is missing"
        : System.Text.Encoding.UTF8.GetByteCount(value) > MaxValueBytes ? $"value is larger than {MaxValueBytes / 1024} KiB"
        : null;
}
