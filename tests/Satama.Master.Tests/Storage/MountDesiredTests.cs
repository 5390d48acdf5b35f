using Satama.Core.Model;
using Satama.Master.AgentLink;
using Satama.Master.Stacks;
using Satama.Master.Store;

namespace Satama.Master.Tests.Storage;

public sealed class MountDesiredTests
{
    private static readonly ServiceSpec s_db = new() { Grid = "g", Stack = "shop", Name = "db", Image = "postgres:16" };

    private static readonly MountSpec s_named = new()
    {
        Type = MountType.Volume,
        Target = "/data",
        StackVolume = "pgdata",
        VolumeName = "g.shop.pgdata",
        Driver = "local",
        DriverOpts = new Dictionary<string, string> { ["type"] = "nfs" },
    };

    private static readonly MountSpec s_bind = new() { Type = MountType.Bind, Source = "/srv/init", Target = "/init", ReadOnly = true };

    [Fact]
    public void The_desired_container_carries_every_kind_of_mount()
    {
        var db = s_db with { Mounts = [s_named, s_bind, new MountSpec { Type = MountType.Tmpfs, Target = "/scratch" }, new MountSpec { Type = MountType.Volume, Target = "/cache" }] };

        var mounts = DesiredSetBuilder.Container(db, 1).Mounts;

        Assert.Equal(4, mounts.Count);
        Assert.Equal(("volume", "g.shop.pgdata", "/data", false, false, "local", "pgdata"), (mounts[0].Type, mounts[0].Source, mounts[0].Target, mounts[0].ReadOnly, mounts[0].External, mounts[0].Driver, mounts[0].StackVolume));
        Assert.Equal("nfs", mounts[0].DriverOpts["type"]);
        Assert.Equal(("bind", "/srv/init", "/init", true), (mounts[1].Type, mounts[1].Source, mounts[1].Target, mounts[1].ReadOnly));
        Assert.Equal(("tmpfs", "", "/scratch"), (mounts[2].Type, mounts[2].Source, mounts[2].Target));
        Assert.Equal(("volume", "", "/cache"), (mounts[3].Type, mounts[3].Source, mounts[3].Target));
    }

    [Fact]
    public void Mounts_are_part_of_the_spec_hash_in_any_order_and_a_change_is_a_new_revision()
    {
        var db = s_db with { Mounts = [s_named, s_bind] };

        Assert.NotEqual(SpecHash.Of(s_db), SpecHash.Of(db));
        Assert.Equal(SpecHash.Of(db), SpecHash.Of(s_db with { Mounts = [s_bind, s_named] }));
        Assert.NotEqual(SpecHash.Of(db), SpecHash.Of(s_db with { Mounts = [s_named, s_bind with { ReadOnly = false }] }));
        Assert.NotEqual(SpecHash.Of(db), SpecHash.Of(s_db with { Mounts = [s_named with { DriverOpts = new Dictionary<string, string>() }, s_bind] }));
        Assert.Equal(["volumes"], StackPlanner.ShapingFields(s_db, db));
        Assert.Empty(StackPlanner.ShapingFields(db, s_db with { Mounts = [s_bind, s_named] }));
    }

    [Fact]
    public void Mounts_survive_the_store_and_a_service_without_mounts_keeps_its_hash()
    {
        var db = s_db with { Mounts = [s_named, s_bind] };

        Assert.Equal(db.Mounts, StoreJson.Read<ServiceSpec>(StoreJson.Write(db)).Mounts);
        Assert.Equal(SpecHash.Of(s_db), SpecHash.Of(s_db with { Mounts = [] }));
        Assert.Empty(DesiredSetBuilder.Container(s_db, 1).Mounts);
    }
}
