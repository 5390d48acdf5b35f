using System.Net;

namespace Satama.Client;

/// <summary>An error answer of the API, carrying its problem details.</summary>
public sealed class SatamaApiException(HttpStatusCode status, string? title, string? detail)
    : Exception(detail ?? title ?? $"HTTP {(int)status}")
{
    public HttpStatusCode Status { get; } = status;
    public string? Title { get; } = title;
    public string? Detail { get; } = detail;
}
