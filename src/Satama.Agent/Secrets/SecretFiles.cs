using System.Security.Cryptography;
using System.Text;
using Satama.Core.Model;
using Satama.Core.Reconciling;

namespace Satama.Agent.Secrets;

/// <summary>
/// Where file secrets live on the host: one directory per container under a root on a tmpfs the agent owns
/// (default /dev/shm/satama-secrets/ID, ID from the agent's data dir, so agents sharing a host never share files),
/// directories 0700, files with the secret's mode (default 0400) and owner. Each file is bind-mounted read-only at its
/// target, so the value never enters the container's config (<c>docker inspect</c> shows a host path, not the value)
/// and never touches a disk. The directory goes with the container. See docs/DECISIONS.md.
/// </summary>
internal sealed class SecretFiles(string root)
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Root { get; } = root;

    /// <summary>The default root for an agent with this data dir: on /dev/shm when the host has it, else in the data dir.</summary>
    public static string DefaultRoot(string dataDir)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..16];
        return Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", "satama-secrets", id) : Path.Combine(dataDir, "secrets");
    }

    /// <summary>
    /// Writes the container's file secrets and returns (host path, container path) for each, in order. Throws
    /// <see cref="SecretUnavailableException"/> when a value is missing; the message names the secret, never a value.
    /// </summary>
    public IReadOnlyList<(string Source, string Target)> Write(DesiredContainerView container) => Write(container, keepExisting: false);

    /// <summary>
    /// Before an existing container starts again: writes the files anew from the values at hand (a host reboot emptied
    /// the tmpfs), and keeps a file whose value this agent does not hold (restarted without its master) if it is still
    /// there. Throws <see cref="SecretUnavailableException"/> when a file is gone and its value is not here.
    /// </summary>
    public void Restore(DesiredContainerView container) => Write(container, keepExisting: true);

    private IReadOnlyList<(string Source, string Target)> Write(DesiredContainerView container, bool keepExisting)
    {
        var files = container.Secrets.Where(s => s.Type == SecretDeliveryType.File).ToList();
        if (files.Count == 0)
        {
            return [];
        }
        var dir = ContainerDirectory(container.Name);
        CreatePrivateDirectory(Root);
        CreatePrivateDirectory(dir);
        var mounts = new List<(string, string)>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var secret = files[i];
            var path = Path.Combine(dir, $"{i}-{Path.GetFileName(secret.Target)}");
            if (keepExisting && secret.Unavailable() is not null && File.Exists(path))
            {
                mounts.Add((path, secret.Target));
                continue;
            }
            WriteFile(path, secret);
            mounts.Add((path, secret.Target));
        }
        return mounts;
    }

    /// <summary>Removes the container's files (a container that had none: nothing to do).</summary>
    public void Remove(string containerName)
    {
        var dir = ContainerDirectory(containerName);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Removes the files of every container not in <paramref name="keep"/> (files left by a crash between write and create).</summary>
    public void Prune(IReadOnlySet<string> keep)
    {
        if (!Directory.Exists(Root))
        {
            return;
        }
        foreach (var dir in Directory.GetDirectories(Root))
        {
            if (!keep.Contains(Path.GetFileName(dir)))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    // Container names are the master's (grid.stack.service-n...): letters, digits, '.', '-', '_'; never a path.
    private string ContainerDirectory(string containerName) =>
        containerName.Length > 0 && containerName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') && containerName.Trim('.').Length > 0
            ? Path.Combine(Root, containerName)
            : throw new ArgumentException($"container name '{containerName}' cannot name a directory", nameof(containerName));

    private static void CreatePrivateDirectory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new SecretUnavailableException("file secrets need a Linux host");
        }
        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
    }

    private static void WriteFile(string path, DesiredSecretView secret)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new SecretUnavailableException("file secrets need a Linux host");
        }
        if (secret.Unavailable() is { } why)
        {
            throw new SecretUnavailableException(why);
        }
        // Written beside the target and renamed over it: a container still running on the old file keeps reading it whole.
        var temp = path + ".new";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(secret.Value!.Value.Span);
        }
        if (secret.Uid is not null || secret.Gid is not null)
        {
            Chown(temp, secret.Uid ?? -1, secret.Gid ?? -1);
        }
        File.SetUnixFileMode(temp, (UnixFileMode)secret.Mode);
        File.Move(temp, path, overwrite: true);
    }

    private static void Chown(string path, int uid, int gid)
    {
        if (Native.Chown(path, uid, gid) != 0)
        {
            throw new SecretUnavailableException($"cannot give the secret file for {Path.GetFileName(path)} to uid {uid} gid {gid} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}; the agent must run as root for uid/gid)");
        }
    }
}
