using Satama.Agent.Docker;
using Satama.Testing;

namespace Satama.Agent.Tests.Docker;

/// <summary>The agent's own check of node paths (no engine): symlinks resolved, protected paths kept out unless allowed.</summary>
public sealed class HostPathGuardTests : IDisposable
{
    private readonly TempDirectory _temp = new("satama-guard-");

    public void Dispose() => _temp.Dispose();

    // Resolved once, so that a temp directory under a symlink does not change what the tests expect.
    private string Root => HostPathGuard.Resolve(_temp.Path);

    private string Dir(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    private string Link(string name, string target)
    {
        var path = Path.Combine(Root, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    private HostPathGuard Guard(string data) => new([(data, "the agent's data directory"), ("/var/run/docker.sock", "the Docker Engine socket")]);

    [Fact]
    public void Symlinks_are_followed_as_the_kernel_follows_them_and_a_missing_tail_is_kept()
    {
        var data = Dir("data");
        Link("direct", data);
        Link("relative", "data/../data");
        Link("chain", Path.Combine(Root, "relative"));

        Assert.Equal(data, HostPathGuard.Resolve(Path.Combine(Root, "direct")));
        Assert.Equal(data + "/sub/missing", HostPathGuard.Resolve(Path.Combine(Root, "chain", "sub", "missing")));
        Assert.Equal(data, HostPathGuard.Resolve(Path.Combine(Root, "relative")));
    }

    [Fact]
    public void A_link_loop_is_refused_not_followed_forever()
    {
        Link("a", Path.Combine(Root, "b"));
        Link("b", Path.Combine(Root, "a"));

        var error = Assert.Throws<ContainerDriverException>(() => Guard(Dir("data")).Check("g", Path.Combine(Root, "a"), [], "bind"));

        Assert.Contains("more than 40 symbolic links", error.Message);
    }

    [Fact]
    public void The_data_dir_its_parents_and_a_link_to_it_are_refused_without_an_allowance()
    {
        var data = Dir("data");
        var guard = Guard(data);
        var link = Link("innocent", data);

        var direct = Assert.Throws<ContainerDriverException>(() => guard.Check("g", data + "/node-credential", [], "bind"));
        var parent = Assert.Throws<ContainerDriverException>(() => guard.Check("g", Root, [], "bind"));
        var linked = Assert.Throws<ContainerDriverException>(() => guard.Check("g", link, [], "bind"));
        var root = Assert.Throws<ContainerDriverException>(() => guard.Check("g", "/", [], "bind"));

        Assert.Equal($"bind of {data}/node-credential refused: it reaches the agent's data directory ({data}); a grid_admin may allow it: satama grid update g --allow-bind {data}/node-credential", direct.Message);
        Assert.Contains("reaches the agent's data directory", parent.Message);
        Assert.Contains($"bind of {link} refused: it reaches the agent's data directory", linked.Message);
        Assert.Contains("refused", root.Message);
        Assert.Equal(Dir("other"), guard.Check("g", Path.Combine(Root, "other"), [], "bind"));
    }

    [Fact]
    public void An_allowance_admits_a_protected_path_and_the_source_it_admits_must_resolve_below_it()
    {
        var data = Dir("data");
        var shared = Dir("shared");
        var guard = Guard(data);
        var escape = Path.Combine(shared, "escape");
        File.CreateSymbolicLink(escape, "/etc");

        var allowed = guard.Check("g", data, [data], "bind");
        var escaped = Assert.Throws<ContainerDriverException>(() => guard.Check("g", escape, [shared], "bind"));

        Assert.Equal(data, allowed);
        Assert.Equal($"bind of {escape} refused: it resolves to /etc on this node, outside the allowed {shared}", escaped.Message);
        Assert.Equal("/etc", guard.Check("g", escape, [], "bind"));
    }

    [Fact]
    public void The_engine_socket_is_kept_out_by_every_name_it_has()
    {
        var guard = HostPathGuard.For(new Uri("unix:///srv/engine/docker.sock"), Root);

        Assert.Equal(["/var/run/docker.sock", "/run/docker.sock", "/srv/engine/docker.sock", Root], guard.Protected.Select(p => p.Path));
        Assert.Throws<ContainerDriverException>(() => guard.Check("g", "/run/docker.sock", [], "bind"));
        Assert.Throws<ContainerDriverException>(() => guard.Check("g", "/var/run", [], "bind"));
        Assert.Throws<ContainerDriverException>(() => guard.Check("g", "/srv/engine", [], "bind"));
        Assert.Equal("/run/docker.sock", HostPathGuard.Resolve("/var/run/docker.sock").Replace("/var/run/", "/run/", StringComparison.Ordinal));
        Assert.NotNull(guard.Check("g", "/var/run/docker.sock", ["/var/run/docker.sock"], "bind"));
    }
}
