namespace Satama.Core.Model;

public sealed partial record ServiceSpec
{
    /// <summary>Published through the ingress load balancer; null: not published there. Not part of the spec hash.</summary>
    public LbSpec? Lb { get; init; }
}
