namespace Satama.Agent.Lb.Http1;

/// <summary>What the access log says of a request, read from its head (only while the access log is on).</summary>
internal sealed record AccessEntry(string Method, string Host, string Target, string Protocol);
