using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Satama.Master.Audit;

/// <summary>Wiring of the audit trail into the master (one line each in MasterApp).</summary>
internal static class AuditSetup
{
    /// <summary>The audit log lives in the master's database file, on its own connection.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, string databasePath) =>
        services.AddSingleton(sp => AuditLog.Open(databasePath, sp.GetRequiredService<TimeProvider>()));

    public static IApplicationBuilder UseAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}
