using System.Net;
using System.Net.Security;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Satama.Client;
using Satama.Core.Security;
using Satama.Master.AgentLink;
using Satama.Master.Api;
using Satama.Master.Audit;
using Satama.Master.Auth;
using Satama.Master.Controllers;
using Satama.Master.Doctor;
using Satama.Master.Hardening;
using Satama.Master.Lb;
using Satama.Master.Overlay;
using Satama.Master.Store;
using Satama.Master.Tls;
using Satama.Master.Vault;

namespace Satama.Master.Hosting;

/// <summary>Wires the master: Kestrel (one TLS port, HTTP/1.1 + HTTP/2), services, middleware and endpoints.</summary>
internal static class MasterApp
{
    public static WebApplication Build(MasterOptions options, IStore store, MasterCertificates certificates, MasterContext context)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(MasterApp).Assembly.GetName().Name,
            ContentRootPath = options.DataDir,
            Args = [],
        });
        builder.WebHost.UseKestrelHttpsConfiguration();
        var chain = ChainedCertificateContext.Create(certificates.Server, certificates.Ca, certificates.CaWithKey);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in options.Listen)
            {
                var address = ListenAddress.Parse(url);
                Action<ListenOptions> configure = listen => Configure(listen, certificates, chain);
                if (address.IsAny)
                {
                    kestrel.ListenAnyIP(address.Port, configure);
                }
                else if (address.IsLocalhost && address.Port != 0)
                {
                    kestrel.ListenLocalhost(address.Port, configure);
                }
                else
                {
                    // Kestrel cannot bind "localhost" to a dynamic port: take the IPv4 loopback then.
                    var ip = address.Ip ?? (address.IsLocalhost ? IPAddress.Loopback : Dns.GetHostAddresses(address.Host).First());
                    kestrel.Listen(ip, address.Port, configure);
                }
            }
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // Logs are diagnostics: stderr, so that a command's own output on stdout stays clean.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        foreach (var sink in options.LogSinks)
        {
            builder.Logging.AddProvider(sink);
        }
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        // Framework chatter (every request, every gRPC call) would drown the state changes.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddSingleton(context);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SecretCipher(MasterKey.LoadOrCreate(options.DataDir)));
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<NodeMonitor>();
        services.AddSingleton<DesiredSetBuilder>();
        services.AddLb();
        services.AddSingleton<OverlayDirectory>();
        services.AddSingleton<SchedulerController>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerController>());
        services.AddGrpc();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = SatamaClient.Json.PropertyNamingPolicy;
            o.SerializerOptions.PropertyNameCaseInsensitive = true;
            // Strict: a misspelt or repeated property is a 400 naming it, not silently dropped.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddAudit(Path.Combine(options.DataDir, "satama.db"));
        services.AddSingleton(sp => new FailedAuthLimiter(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Identity>();
        services.AddSingleton<NodeCredentials>();
        services.AddOpenApi();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAudit();
        app.UseMiddleware<AccessMiddleware>();
        app.UseMiddleware<RouteNameMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<JsonContentTypeMiddleware>();
        app.MapOpenApi().RequireAccess(Access.Public);
        app.MapGrpcService<AgentLinkService>().RequireAccess(Access.Agent);
        app.MapInfoEndpoints();
        var v1 = app.MapGroup("/v1");
        v1.MapGridEndpoints();
        v1.MapNodeEndpoints();
        v1.MapNodeDoctorEndpoints();
        v1.MapServiceEndpoints();
        v1.MapContainerEndpoints();
        v1.MapSecretEndpoints();
        v1.MapStackEndpoints();
        v1.MapAuditEndpoints();
        v1.MapIdentityEndpoints();
        v1.MapLbEndpoints();
        return app;
    }

    // The CA goes after the leaf so clients can pin the CA's fingerprint (see ChainedCertificateContext).
    private static void Configure(ListenOptions listen, MasterCertificates certificates, SslStreamCertificateContext chain)
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificates.Server,
            OnAuthenticate = (_, ssl) => ssl.ServerCertificateContext = chain,
        });
    }
}
