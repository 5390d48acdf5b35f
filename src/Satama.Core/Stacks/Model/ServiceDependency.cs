namespace Satama.Core.Stacks.Model;

/// <summary>
/// A <c>depends_on</c> entry: start <see cref="Service"/> first; the condition is service_started,
/// service_healthy or service_completed_successfully.
/// </summary>
public sealed record ServiceDependency(string Service, string Condition = ServiceDependency.Started)
{
    public const string Started = "service_started";
    public const string Healthy = "service_healthy";
    public const string Completed = "service_completed_successfully";
}
