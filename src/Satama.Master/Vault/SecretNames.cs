namespace Satama.Master.Vault;

/// <summary>
/// Secret names: wider than service names because they are often environment-variable
/// shaped (DB_PASSWORD) or dotted (shop.example.com-cert), but never a path.
/// </summary>
internal static class SecretNames
{
    public const int MaxLength = Core.Model.VaultSecretNames.MaxLength;

    /// <summary>64 KiB: certificates and keys fit; a secret is not a file store.</summary>
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>The rule lives in Core, where stack files and service specs are checked too.</summary>
    public static string? Check(string? name) => Core.Model.VaultSecretNames.Check(name);

    /// <summary>Checks a value without ever quoting it.</summary>
    public static string? CheckValue(string? value) =>
        value is null ? "value is missing"
        : System.Text.Encoding.UTF8.GetByteCount(value) > MaxValueBytes ? $"value is larger than {MaxValueBytes / 1024} KiB"
        : null;
}
