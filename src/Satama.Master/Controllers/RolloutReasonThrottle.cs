using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Satama.Master.Store;

namespace Satama.Master.Controllers;

/// <summary>
/// A waiting rollout's reason counts seconds ("health check failing for 40 s"). Writing it on
/// every pass would make every write wake the next pass: when nothing but those numbers moved,
/// the status is rewritten at most every <see cref="Refresh"/>.
/// </summary>
internal sealed partial class RolloutReasonThrottle
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);

    public bool OnlyTimeMoved(StoredResource row, ServiceStatusDocument before, ServiceStatusDocument after, DateTimeOffset now)
    {
        if (before.Deployment.Rollout is not { } was || after.Deployment.Rollout is not { } will || was.Reason == will.Reason)
        {
            return false;
        }
        var same = before with { Deployment = before.Deployment with { Rollout = was with { Reason = "" } } };
        var next = after with { Deployment = after.Deployment with { Rollout = will with { Reason = "" } } };
        if (StoreJson.Write(same) != StoreJson.Write(next) || Digits().Replace(was.Reason, "") != Digits().Replace(will.Reason, ""))
        {
            return false;
        }
        return _written.TryGetValue(Key(row), out var at) && now - at < Refresh;
    }

    public void Written(StoredResource row, DateTimeOffset now) => _written[Key(row)] = now;

    private static string Key(StoredResource row) => $"{row.Grid}/{row.Name}";

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
