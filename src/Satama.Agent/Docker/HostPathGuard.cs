using Satama.Core.Security;

namespace Satama.Agent.Docker;

/// <summary>
/// The agent's own line on node paths, whoever deployed the service: a bind (or a volume that binds) reaching the
/// agent's data directory, its secrets directory or the engine socket is refused unless the grid allows a path that
/// holds it, and a source an allowance admitted must stay below that allowance once the node's symlinks are resolved.
/// Docker is then handed the resolved path, so a link changed after the check does not redirect the mount as easily
/// (a directory a container can write is still no place for an allowance: see docs/security.md).
/// </summary>
internal sealed class HostPathGuard(IReadOnlyList<(string Path, string What)> paths)
{
    // As the kernel: more links than this on one path is a loop.
    private const int MaxLinks = 40;

    private const string Socket = "the Docker Engine socket";

    /// <summary>The engine's sockets (the endpoint's, and the two usual ones), and the agent's directories when known.</summary>
    public static HostPathGuard For(Uri engine, string? dataDir = null, string? secretsDir = null)
    {
        var paths = new List<(string, string)> { ("/var/run/docker.sock", Socket), ("/run/docker.sock", Socket) };
        if (engine.Scheme == "unix" && engine.AbsolutePath.Length > 1)
        {
            paths.Add((engine.AbsolutePath, Socket));
        }
        if (dataDir is not null)
        {
            paths.Add((Path.GetFullPath(dataDir), "the agent's data directory"));
        }
        if (secretsDir is not null)
        {
            paths.Add((Path.GetFullPath(secretsDir), "the agent's secrets directory"));
        }
        return new HostPathGuard(paths);
    }

    /// <summary>The paths the guard keeps out of containers, with what they are.</summary>
    public IReadOnlyList<(string Path, string What)> Protected => paths;

    /// <summary>
    /// The resolved node path to mount for <paramref name="source"/>, or a <see cref="ContainerDriverException"/> that
    /// says why not. <paramref name="allowed"/>: the grid's bind allowances the master sent with the container.
    /// </summary>
    public string Check(string grid, string source, IReadOnlyList<string> allowed, string what)
    {
        var clean = HostPaths.Normalize(source) ?? throw new ContainerDriverException($"{what} of {source} refused: it is not an absolute path of the node");
        string resolved;
        List<string> covering;
        List<string> holding;
        (string Path, string What)? reached;
        try
        {
            resolved = Resolve(clean);
            covering = [.. allowed.Select(HostPaths.Normalize).OfType<string>().Where(a => HostPaths.IsWithin(clean, a))];
            holding = [.. covering.Where(a => HostPaths.IsWithin(resolved, Resolve(a)))];
            reached = paths.Where(p => HostPaths.Normalize(p.Path) is { } kept && HostPaths.Overlap(resolved, Resolve(kept)))
                .Select(p => ((string, string)?)p).FirstOrDefault();
        }
        catch (IOException e)
        {
            throw new ContainerDriverException($"{what} of {clean} refused: {e.Message}", e);
        }
        if (covering.Count > 0 && holding.Count == 0)
        {
            throw new ContainerDriverException(
                $"{what} of {clean} refused: it resolves to {resolved} on this node, outside the allowed {string.Join(", ", covering)}");
        }
        if (holding.Count == 0 && reached is var (path, name))
        {
            throw new ContainerDriverException(
                $"{what} of {clean} refused: it reaches {name} ({path}); a grid_admin may allow it: satama grid update {grid} --allow-bind {clean}");
        }
        return resolved;
    }

    /// <summary>
    /// <paramref name="path"/> (normalized) with every symlink on it followed, as the kernel walks it; the part that
    /// does not exist is kept as written. An IOException for a link loop.
    /// </summary>
    public static string Resolve(string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var next = current == "/" ? "/" + part : current + "/" + part;
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"more than {MaxLinks} symbolic links on {path}");
            }
            foreach (var piece in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(piece);
            }
            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }
        return current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable or gone: taken as written, as the engine will find it (or fail to).
            return null;
        }
    }
}
