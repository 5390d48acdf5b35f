namespace Satama.Master.Audit;

/// <summary>Endpoint metadata: a POST that changes nothing (e.g. audit verify) is not recorded.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class NotAuditedAttribute : Attribute;
