namespace Satama.Master.Store;

/// <summary>The kinds of rows in the resource table.</summary>
internal static class ResourceKinds
{
    /// <summary>Grids live under the empty grid key.</summary>
    public const string Grid = "grid";
    public const string Node = "node";
    /// <summary>Named "stack/service" within the grid.</summary>
    public const string Service = "service";
    /// <summary>A vault secret of the grid; its spec is a sealed SecretDocument.</summary>
    public const string Secret = "secret";
}
