using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox")]
    [InlineData("satama-test/busybox:latest")]
    [InlineData("registry.example.com:5000/team/app:1.2.3")]
    [InlineData("localhost/app")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("app:v1_2-rc.3")]
    public void Accepts_docker_references(string image) => Assert.Null(ImageReference.Check(image));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("BAD IMAGE")]
    [InlineData("Uppercase/app")]
    [InlineData("app:")]
    [InlineData("app:-tag")]
    [InlineData("/app")]
    [InlineData("app//x")]
    public void Refuses_malformed_references(string image) => Assert.NotNull(ImageReference.Check(image));

    [Theory]
    [InlineData("busybox", "busybox:latest")]
    [InlineData("busybox:1", "busybox:1")]
    [InlineData("host:5000/busybox", "host:5000/busybox:latest")]
    public void Normalize_adds_latest_only_without_tag(string image, string expected) =>
        Assert.Equal(expected, ImageReference.Normalize(image));
}
