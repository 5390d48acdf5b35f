namespace Satama.Core.Model;

/// <summary>
/// One vault secret a service uses: <see cref="Secret"/> names it in the grid's vault, <see cref="Target"/> is the
/// environment variable (env) or the absolute path in the container (file). <see cref="Mode"/>, <see cref="Uid"/> and
/// <see cref="Gid"/> shape the file form only. Never holds the value.
/// </summary>
public sealed record ServiceSecret
{
    /// <summary>Where a file secret goes when its target is a bare name (Docker's and Compose's convention).</summary>
    public const string DefaultDirectory = "/run/secrets";

    /// <summary>0400: readable by the file's owner only (root unless <see cref="Uid"/> says otherwise).</summary>
    public const int DefaultMode = 0b100_000_000;

    public required string Secret { get; init; }
    public SecretDeliveryType Type { get; init; } = SecretDeliveryType.File;
    public required string Target { get; init; }
    public int Mode { get; init; } = DefaultMode;
    public int? Uid { get; init; }
    public int? Gid { get; init; }

    /// <summary>A file target as a path: a bare name goes under <see cref="DefaultDirectory"/>.</summary>
    public static string FilePath(string target) =>
        target.StartsWith('/') ? target : $"{DefaultDirectory}/{target}";

    /// <summary>"DB_PASSWORD (env DB_PASSWORD)", "tls (file /run/secrets/tls, 0400)": for listings and messages.</summary>
    public string Describe() => Type == SecretDeliveryType.Env
        ? $"{Secret} (env {Target})"
        : $"{Secret} (file {Target}, {FormatMode(Mode)})";

    public static string FormatMode(int mode) => "0" + Convert.ToString(mode, 8).PadLeft(3, '0');

    /// <summary>Parses an octal mode ("0400", "0o440", "400"); null when it is not one from 0 to 0777.</summary>
    public static int? ParseMode(string text)
    {
        var digits = text.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length is 0 or > 4 || digits.Any(c => c is < '0' or > '7'))
        {
            return null;
        }
        var mode = Convert.ToInt32(digits, 8);
        return mode <= 0b111_111_111 ? mode : null;
    }

    public override string ToString() => Describe();
}
