using Satama.Master.Tls;

namespace Satama.Master.Vault;

/// <summary>
/// The 256-bit key that encrypts the vault. From the environment variable SATAMA_MASTER_KEY
/// (base64, for operators who keep it in a secret manager) or the file DATA/master.key (mode
/// 0600), created on first start. The database alone never reveals a secret.
/// </summary>
internal static class MasterKey
{
    public const string EnvironmentVariable = "SATAMA_MASTER_KEY";
    public const string FileName = "master.key";

    public static byte[] LoadOrCreate(string dataDir, Func<string, string?>? getEnvironment = null)
    {
        var fromEnv = (getEnvironment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Decode(fromEnv.Trim(), $"the environment variable {EnvironmentVariable}");
        }
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        PrivateFile.WriteAllText(path, Convert.ToBase64String(key) + "\n");
        return key;
    }

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length == 32
                ? key
                : throw new InvalidDataException($"the master key in {source} is {key.Length} bytes; it must be 32 (base64 of 32 random bytes)");
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"the master key in {source} is not base64");
        }
    }
}
