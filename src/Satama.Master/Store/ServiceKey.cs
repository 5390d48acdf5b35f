namespace Satama.Master.Store;

/// <summary>Services are stored under "stack/service" within their grid.</summary>
internal static class ServiceKey
{
    public static string Of(string stack, string service) => $"{stack}/{service}";
}
