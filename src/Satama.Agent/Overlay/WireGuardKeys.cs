namespace Satama.Agent.Overlay;

/// <summary>
/// The node's WireGuard key pair: the private key is generated once (`wg genkey`) and kept in the
/// data dir with mode 0600; only the public key ever leaves the node (in Hello).
/// </summary>
internal sealed record WireGuardKeys(string PrivateKeyPath, string PublicKey)
{
    public const string FileName = "wireguard.key";

    public static async Task<WireGuardKeys> LoadOrCreateAsync(string dataDir, CancellationToken ct)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path))
        {
            var generated = (await HostCommand.RunAsync("wg", ["genkey"], ct)).EnsureOk("wg genkey").Stdout.Trim();
            var temp = path + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            await using (var stream = new FileStream(temp, options))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteLineAsync(generated);
            }
            File.Move(temp, path, overwrite: true);
        }
        var privateKey = (await File.ReadAllTextAsync(path, ct)).Trim();
        var publicKey = (await HostCommand.RunAsync("wg", ["pubkey"], ct, stdin: privateKey + "\n")).EnsureOk("wg pubkey").Stdout.Trim();
        return new WireGuardKeys(path, publicKey);
    }
}
