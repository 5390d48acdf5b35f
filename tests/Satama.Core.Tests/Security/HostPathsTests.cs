using CsCheck;
using Satama.Core.Security;

namespace Satama.Core.Tests.Security;

public sealed class HostPathsTests
{
    // Paths made of the pieces that trick prefix tests: dots, dot-dots, empty parts, look-alike names.
    private static readonly string[] s_parts = ["srv", "data", "database", "..", ".", "", "etc", "satama"];

    private static readonly Gen<string> s_paths =
        Gen.Int[0, s_parts.Length - 1].Select(i => s_parts[i])
            .Array[0, 8]
            .Select(parts => "/" + string.Join('/', parts));

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/srv/data/", "/srv/data")]
    [InlineData("//srv///data", "/srv/data")]
    [InlineData("/srv/./data/.", "/srv/data")]
    [InlineData("/srv/data/../../../etc", "/etc")]
    [InlineData("/..", "/")]
    public void Paths_are_cleaned_as_Docker_cleans_them(string path, string clean) =>
        Assert.Equal(clean, HostPaths.Normalize(path));

    [Theory]
    [InlineData("")]
    [InlineData("srv/data")]
    [InlineData("./data")]
    [InlineData("~/data")]
    public void A_path_that_is_not_absolute_is_none(string path) =>
        Assert.Null(HostPaths.Normalize(path));

    [Fact]
    public void A_normalized_path_is_clean_and_normalizing_it_again_changes_nothing() =>
        s_paths.Sample(path =>
        {
            var clean = HostPaths.Normalize(path)!;
            var parts = clean.Split('/').Skip(1).ToList();
            return HostPaths.Normalize(clean) == clean
                && (clean == "/" || parts.All(p => p is not ("" or "." or "..")));
        });

    [Fact]
    public void A_path_is_within_a_prefix_only_when_its_clean_parts_start_with_the_prefix_s() =>
        Gen.Select(s_paths, s_paths).Sample((path, prefix) =>
        {
            var p = HostPaths.Normalize(path)!;
            var q = HostPaths.Normalize(prefix)!;
            var pp = p.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var qq = q.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return HostPaths.IsWithin(p, q) == (pp.Length >= qq.Length && pp.Take(qq.Length).SequenceEqual(qq));
        });
}
