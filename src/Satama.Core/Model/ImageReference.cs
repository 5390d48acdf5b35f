using System.Text.RegularExpressions;

namespace Satama.Core.Model;

/// <summary>Validation of Docker image references ([registry/]repo[:tag][@digest]).</summary>
public static partial class ImageReference
{
    // The grammar of distribution/reference, simplified: lower-case path components
    // separated by '/', an optional registry host[:port], an optional tag, an optional digest.
    [GeneratedRegex(@"^(?:(?<host>[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?)/)?(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>[a-z0-9]+:[a-f0-9]{32,}))?$")]
    private static partial Regex Reference();

    /// <summary>Returns null when the reference is valid, else why not.</summary>
    public static string? Check(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return "image is empty";
        }
        var match = Reference().Match(image);
        if (image.Length > 255 || !match.Success || !IsRegistryHost(match.Groups["host"]))
        {
            return $"invalid image reference '{(image.Length > 80 ? image[..80] + "…" : image)}': expected [registry/]name[:tag][@digest] with a lower-case name";
        }
        return null;
    }

    // As in Docker: the first component is a registry only when it looks like a host
    // (has a dot or a port, or is localhost); otherwise it is part of the lower-case path.
    private static bool IsRegistryHost(Group host) =>
        !host.Success || host.Value.Contains('.', StringComparison.Ordinal) || host.Value.Contains(':', StringComparison.Ordinal) ||
        host.Value == "localhost" || host.Value == host.Value.ToLowerInvariant();

    /// <summary>Adds ':latest' when the reference has neither tag nor digest.</summary>
    public static string Normalize(string image)
    {
        var m = Reference().Match(image);
        return m.Success && !m.Groups["tag"].Success && !m.Groups["digest"].Success ? image + ":latest" : image;
    }
}
