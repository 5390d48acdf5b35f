namespace Satama.Master.Store;

/// <summary>The spec of a grid row. The token is what agents present to join; it is shown by GET grid, so it is kept as is.</summary>
internal sealed record GridDocument(string Subnet, string Token);
