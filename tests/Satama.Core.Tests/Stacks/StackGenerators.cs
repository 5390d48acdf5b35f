using CsCheck;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Tests.Stacks;

/// <summary>
/// CsCheck generators of normalized stacks: everything the parser can produce, including strings full of
/// YAML and interpolation syntax ($, {%, quotes, colons, newlines), and only valid references.
/// </summary>
internal static class StackGenerators
{
    public static readonly Gen<string> Text = Gen.Char["ab $%{}\"'\\:#&*!-?,[]|>\n\té€"].Array[0, 10].Select(cs => new string(cs));
    private static readonly Gen<string> s_duration = Gen.OneOf("30s", "1m30s", "500ms", "2h");
    private static readonly Gen<string> s_size = Gen.OneOf("64m", "1g", "1024", "512M");
    private static readonly Gen<string> s_limit = Gen.OneOf("64m", "1g", "6291456", "512M");

    public static Gen<T?> Maybe<T>(Gen<T> gen) where T : class =>
        Gen.Bool.SelectMany(b => b ? (IGen<T?>)gen.Select(x => (T?)x) : Gen.Const<T?>(default(T?)));

    public static Gen<T?> MaybeValue<T>(Gen<T> gen) where T : struct =>
        Gen.Bool.SelectMany(b => b ? (IGen<T?>)gen.Select(x => (T?)x) : Gen.Const<T?>(default(T?)));

    private static Gen<ValueList<T>> ListOf<T>(Gen<T> gen, int max = 3) => gen.Array[0, max].Select(a => new ValueList<T>(a));

    private static Gen<ValueMap<T>> MapOf<T>(Gen<string> keys, Gen<T> values) =>
        Gen.Select(keys, values).Array[0, 3].Select(a => new ValueMap<T>(a.Select(kv => KeyValuePair.Create(kv.Item1, kv.Item2))));

    private static readonly Gen<StackPort> s_port = Gen.Select(Gen.Int[1, 65535], MaybeValue(Gen.Int[1, 65535]), Gen.OneOf("tcp", "udp"),
        Maybe(Gen.OneOf("127.0.0.1", "0.0.0.0")), Maybe(Gen.OneOf("host", "ingress")),
        (t, p, proto, ip, mode) => new StackPort(t, p, proto, ip, mode));

    private static readonly Gen<StackVolumeMount> s_volume = Gen.OneOf(
        Gen.Select(Gen.Int[0, 9], Gen.Bool, (i, ro) => new StackVolumeMount("volume", "data", $"/data{i}", ro)),
        Gen.Select(Gen.Int[0, 9], Gen.Bool, (i, ro) => new StackVolumeMount("volume", null, $"/anon{i}", ro)),
        Gen.Select(Gen.Int[0, 9], Gen.Bool, (i, ro) => new StackVolumeMount("bind", $"/srv/{i}", $"/bind{i}", ro)),
        Gen.Int[0, 9].Select(i => new StackVolumeMount("tmpfs", null, $"/tmp{i}")));

    private static readonly Gen<HealthCheckSpec?> s_health = Gen.OneOf<HealthCheckSpec?>(
        Gen.Const<HealthCheckSpec?>(default(HealthCheckSpec?)),
        Gen.Const<HealthCheckSpec?>(new HealthCheckSpec { Kind = HealthCheckSpec.NoneKind }),
        Gen.Select(Text, Maybe(s_duration), Maybe(s_duration), MaybeValue(Gen.Int[0, 10]), Maybe(s_duration), Gen.Bool,
            (t, i, to, r, sp, shell) => (HealthCheckSpec?)new HealthCheckSpec
            {
                Kind = HealthCheckSpec.CommandKind,
                Test = shell ? new[] { "CMD-SHELL", t } : new[] { "CMD", "check", t },
                Interval = i,
                Timeout = to,
                Retries = r,
                StartPeriod = sp,
            }),
        Gen.Select(Gen.OneOf(HealthCheckSpec.HttpKind, HealthCheckSpec.TcpKind), Gen.Int[1, 65535], Gen.OneOf("/", "/health"), Maybe(s_duration), Maybe(s_duration),
            (k, port, path, i, sp) => (HealthCheckSpec?)new HealthCheckSpec { Kind = k, Port = port, Path = path, Interval = i, StartPeriod = sp }));

    private static readonly Gen<DeploySpec> s_deploy = Gen.Select(
        Maybe(Gen.OneOf("ha", "daemon", "random")), MaybeValue(Gen.Int[0, 4].Select(n => n / 4.0)), MaybeValue(Gen.Int[1, 65535]), Maybe(s_duration),
        Maybe(Gen.Select(Maybe(Gen.Select(Maybe(Gen.OneOf("0.5", "2")), Maybe(s_limit), (c, m) => new ResourceSet(c, m))),
            Maybe(Gen.Select(Maybe(Gen.OneOf("0.25", "1")), Maybe(s_size), (c, m) => new ResourceSet(c, m))), (l, r) => new ResourcesSpec(l, r))),
        Maybe(Gen.Select(MaybeValue(Gen.Int[0, 5]), Maybe(s_duration), Maybe(Gen.OneOf("start-first", "stop-first")), Maybe(Gen.OneOf("continue", "rollback", "pause")), Maybe(s_duration),
            (p, d, o, f, m) => new UpdateConfigSpec(p, d, o, f, m))),
        Maybe(Gen.Select(Maybe(Gen.OneOf("none", "on-failure", "any")), Maybe(s_duration), MaybeValue(Gen.Int[0, 5]), Maybe(s_duration),
            (c, d, a, w) => new RestartPolicySpec(c, d, a, w))),
        (s, mh, w, i, res, u, rp) => new DeploySpec { Strategy = s, MinHealth = mh, WaitForPort = w, Interval = i, Resources = res, UpdateConfig = u, RestartPolicy = rp });

    private static readonly Gen<HookSpec> s_hook = Gen.Select(Text, Text, Gen.OneOf("*", "1", "1,2"), Gen.Bool, (n, c, i, o) => new HookSpec(n, c, i, o));

    private static readonly Gen<ServiceSecretRef> s_secretRef = Gen.OneOf(
        Text.Select(t => new ServiceSecretRef("s1", t)),
        Gen.Select(Text, Text, Gen.OneOf("env", "file"), (s, t, type) => new ServiceSecretRef(s, t, type, FromVault: true)));

    /// <summary>Service <paramref name="index"/> may depend on and link to the services before it only, so there is no cycle.</summary>
    public static Gen<StackServiceSpec> Service(int index)
    {
        var earlier = Enumerable.Range(0, index).Select(i => $"svc{i}").ToArray();
        var dependency = earlier.Length == 0
            ? Gen.Const(ValueList<ServiceDependency>.Empty)
            : Gen.Select(Gen.OneOf(earlier), Gen.OneOf(ServiceDependency.Started, ServiceDependency.Healthy, ServiceDependency.Completed),
                (s, c) => new ServiceDependency(s, c)).Array[0, 2].Select(a => new ValueList<ServiceDependency>(a.DistinctBy(d => d.Service)));
        var links = earlier.Length == 0 ? Gen.Const(ValueList<string>.Empty) : ListOf(Gen.OneOf(earlier).Select(s => s + ":alias"), 2);
        var core = Gen.Select(
            Gen.OneOf("nginx", "nginx:1.27", "registry.local:5000/shop/web:2", "busybox@sha256:" + new string('a', 64)),
            Maybe(ListOf(Text)), Maybe(ListOf(Text)), MapOf(Gen.OneOf("A", "B_C", "PATH", "lower"), Text),
            ListOf(s_port).Select(ps => new ValueList<StackPort>(ps.DistinctBy(p => (p.Published, p.Protocol, p.HostIp)).Select(p => p.Published is null ? p : p))),
            ListOf(Gen.Int[1, 65535].Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ListOf(s_volume), MapOf(Gen.OneOf("front", "back", "default"), ListOf(Text, 2)),
            (image, cmd, ep, env, ports, expose, vols, nets) => new StackServiceSpec
            {
                Name = $"svc{index}",
                Image = image,
                Command = cmd,
                Entrypoint = ep,
                Environment = env,
                Ports = ports,
                Expose = expose,
                // One mount per target: two at one path are an error.
                Volumes = new([.. vols.DistinctBy(v => v.Target)]),
                Networks = nets,
            });
        var more = Gen.Select(dependency, links, ListOf(Text), MapOf(Gen.OneOf("com.example.a", "team"), Text), s_health,
            Maybe(Gen.OneOf("always", "on-failure", "no", "unless-stopped")), MaybeValue(Gen.Bool), Maybe(Gen.OneOf("101", "101:101", "www-data")),
            (deps, ln, ext, labels, hc, restart, init, user) => (deps, ln, ext, labels, hc, restart, init, user));
        var more2 = Gen.Select(Maybe(Gen.OneOf("/srv", "/app/data")), Maybe(Gen.OneOf("web", "web-1.shop")), ListOf(Gen.OneOf("1.1.1.1", "10.0.0.2", "::1")),
            ListOf(Gen.OneOf("metadata:169.254.169.254", "db:10.0.0.2", "v6:::1", "gw:host-gateway")), ListOf(Gen.OneOf("/dev/fuse", "/dev/sdb:/dev/xvdb:r", "/dev/net/tun:rw")), ListOf(Gen.OneOf("NET_ADMIN", "ALL")), MaybeValue(Gen.Bool), MaybeValue(Gen.Bool),
            (wd, host, dns, hosts, devices, caps, priv, ro) => (wd, host, dns, hosts, devices, caps, priv, ro));
        var more3 = Gen.Select(Maybe(Gen.OneOf("host")), ListOf(Gen.OneOf("/run", "/tmp:size=64m,mode=1777")), Maybe(s_size), MapOf(Gen.OneOf("net.core.somaxconn", "kernel.x"), Text),
            MapOf(Gen.OneOf("nofile", "nproc"), Gen.OneOf("1024", "100:200", "-1")), Maybe(Gen.OneOf("0.5", "2")), MaybeValue(Gen.Int[2, 1024]), Maybe(s_limit),
            (pid, tmpfs, shm, sysctls, ulimits, cpus, shares, mem) => (pid, tmpfs, shm, sysctls, ulimits, cpus, shares, mem));
        var more4 = Gen.Select(Maybe(Gen.OneOf("30s", "1m30s", "500ms")), Maybe(Gen.OneOf("SIGTERM", "SIGINT", "SIGRTMIN+3", "9")), Maybe(Gen.Select(Maybe(Gen.OneOf("json-file", "syslog")), MapOf(Gen.OneOf("max-size", "tag"), Text), (d, o) => new LoggingSpec(d, o))),
            ListOf(Text), ListOf(s_secretRef), ListOf(Text.Select(t => new ServiceSecretRef("c1", t))), MaybeValue(Gen.Int[0, 1000]), Gen.Bool,
            (sgp, sig, log, profiles, secrets, configs, inst, stateful) => (sgp, sig, log, profiles, secrets, configs, inst, stateful));
        var more5 = Gen.Select(Maybe(s_deploy.Select(d => d == new DeploySpec() ? new DeploySpec { Strategy = "ha" } : d)), ListOf(Gen.OneOf("node==n1", "label==az=a", "service!=db", "container!=x-1", "label!=slow")),
            Maybe(Gen.Select(ListOf(s_hook, 2), ListOf(s_hook, 2), ListOf(s_hook, 2), (a, b, c) => new HooksSpec(a, b, c))), Maybe(Gen.OneOf("bridge", "host", "none")),
            (deploy, affinity, hooks, netMode) => (deploy, affinity, hooks, netMode));
        return Gen.Select(core, more, more2, more3, more4, more5, (s, m, m2, m3, m4, m5) => s with
        {
            DependsOn = m.deps,
            Links = m.ln,
            ExternalLinks = m.ext,
            Labels = m.labels,
            HealthCheck = m.hc,
            Restart = m.restart,
            Init = m.init,
            User = m.user,
            WorkingDir = m2.wd,
            Hostname = m2.host,
            Dns = m2.dns,
            ExtraHosts = m2.hosts,
            Devices = m2.devices,
            CapAdd = m2.caps,
            CapDrop = m2.caps,
            Privileged = m2.priv,
            ReadOnly = m2.ro,
            Pid = m3.pid,
            Tmpfs = m3.tmpfs,
            ShmSize = m3.shm,
            Sysctls = m3.sysctls,
            Ulimits = m3.ulimits,
            // The service-level limits must agree with deploy.resources.limits: only one of them is written.
            Cpus = m5.deploy?.Resources?.Limits?.Cpus is null ? m3.cpus : null,
            CpuShares = m3.shares,
            MemLimit = m5.deploy?.Resources?.Limits?.Memory is null ? m3.mem : null,
            StopGracePeriod = m4.sgp,
            StopSignal = m4.sig,
            Logging = m4.log,
            Profiles = m4.profiles,
            Secrets = m4.secrets,
            // One config per target: two at one path are an error.
            Configs = new([.. m4.configs.DistinctBy(c => c.Target.TrimStart('/'))]),
            Instances = m4.inst,
            Stateful = m4.stateful,
            Deploy = m5.deploy,
            Affinity = m5.affinity,
            Hooks = m5.hooks,
            NetworkMode = m5.netMode,
        });
    }

    public static readonly Gen<StackSpec> Stack = Gen.Int[1, 4].SelectMany(n =>
        Gen.Select(
            Enumerable.Range(0, n).Select(Service).Aggregate(Gen.Const(ImmutableServices.Empty), (acc, g) => Gen.Select(acc, g, (list, s) => list.Add(s))),
            Gen.OneOf("shop", "app", "a-1"), Maybe(Gen.OneOf("1.0.0", "2")), Maybe(Text), Gen.Bool,
            Gen.Select(Gen.Bool, Maybe(Text), (ext, name) => new NetworkSpec(ext, name)),
            Gen.Select(Maybe(Gen.OneOf("local", "nfs")), MapOf(Gen.OneOf("type", "o"), Text), (d, o) => new VolumeSpec { Driver = d, DriverOpts = o }),
            Gen.Select(Text, Text, (file, content) => (file, content)),
            (services, name, version, description, expose, front, data, secret) => new StackSpec
            {
                Name = name,
                Version = version,
                Description = description,
                Expose = expose ? "svc0" : null,
                Services = new(services.Items),
                Networks = new(new Dictionary<string, NetworkSpec> { ["front"] = front, ["back"] = new NetworkSpec() }),
                Volumes = new(new Dictionary<string, VolumeSpec> { ["data"] = data }),
                Secrets = new(new Dictionary<string, SecretSpec> { ["s1"] = new SecretSpec(File: secret.file) }),
                Configs = new(new Dictionary<string, SecretSpec> { ["c1"] = new SecretSpec(Content: secret.content) }),
            }));

    /// <summary>An immutable accumulator, since generated values may be reused across samples.</summary>
    private sealed record ImmutableServices(IReadOnlyList<StackServiceSpec> Items)
    {
        public static ImmutableServices Empty { get; } = new([]);

        public ImmutableServices Add(StackServiceSpec s) => new([.. Items, s]);
    }
}
