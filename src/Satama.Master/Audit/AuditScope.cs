namespace Satama.Master.Audit;

/// <summary>
/// The audit event taking shape for the current request (an HttpContext feature). The middleware
/// fills it from the route; an endpoint that knows better (e.g. the name it just created) may set
/// <see cref="Resource"/> or <see cref="Grid"/>. Names and ids only, never values.
/// </summary>
internal sealed class AuditScope(string action, string resource, string grid)
{
    public string Action { get; set; } = action;

    public string Resource { get; set; } = resource;

    public string Grid { get; set; } = grid;
}
