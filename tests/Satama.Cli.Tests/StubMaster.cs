using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Satama.Client.Dtos;
using Satama.Core.Security;

namespace Satama.Cli.Tests;

/// <summary>
/// An in-test master that answers the REST contract with canned data over HTTPS (a self-signed
/// certificate that is its own CA), to check what the CLI sends, prints and how it fails.
/// </summary>
public sealed class StubMaster : IAsyncDisposable
{
    public const string Token = "test-admin-token";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private StubMaster(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public List<GridDto> Grids { get; } = [];
    public Dictionary<string, GridDetailsDto> GridDetails { get; } = [];
    public List<NodeDto> Nodes { get; } = [];

    /// <summary>What POST .../nodes/{node}/doctor answers per node; a node missing here answers 409 (offline).</summary>
    public Dictionary<string, DoctorReportDto> Doctor { get; } = [];
    public List<ServiceDto> Services { get; } = [];
    public List<ContainerDto> Containers { get; } = [];
    public List<string> LogLines { get; } = [];
    public List<DeploymentDto> Deploys { get; } = [];
    public ExecResultDto ExecResult { get; set; } = new(0, "", "");

    /// <summary>When set, container logs stream these lines, then hang until the client goes away.</summary>
    public bool FollowForever { get; set; }

    /// <summary>When set, GET /v1/grids never answers (a master that accepts but hangs).</summary>
    public bool Hang { get; set; }

    /// <summary>When set, /v1/info answers a bare 404, like a server that is not a Satama master.</summary>
    public bool NotAMaster { get; set; }

    /// <summary>Request bodies the stub received, by "METHOD path".</summary>
    public List<(string Request, string Body)> Received { get; } = [];

    public string CaFingerprint => CaPin.Fingerprint(_certificate);

    public Uri Url => new(_app.Urls.First());

    public static async Task<StubMaster> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var stub = new StubMaster(app, certificate);
        stub.Map(app);
        await app.StartAsync();
        return stub;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            lock (Received)
            {
                Received.Add(($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}", body));
            }
            if (context.Request.Path != "/v1/info" && context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                await Results.Problem(title: "Unauthorized", statusCode: 401).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        app.MapGet("/v1/info", () => NotAMaster
            ? Results.StatusCode(404)
            : Results.Ok(new InfoDto("stub", "0.1.0", CaFingerprint, Grids.Select(g => g.Name).ToList())));
        app.MapGet("/v1/grids", async (HttpContext context) =>
        {
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            return Grids;
        });
        app.MapGet("/v1/grids/{grid}", (string grid) =>
            GridDetails.TryGetValue(grid, out var g) ? Results.Ok(g) : NotFound("grid", grid, Grids.Select(x => x.Name)));
        app.MapPost("/v1/grids", (GridCreateRequest r) =>
            Results.Created($"/v1/grids/{r.Name}", new GridDetailsDto(r.Name, r.Subnet ?? "10.81.0.0/16", DateTimeOffset.UnixEpoch, "tok", $"satama agent start --grid-token tok", [], [])));
        app.MapDelete("/v1/grids/{grid}", (string grid) => Results.NoContent());
        app.MapGet("/v1/grids/{grid}/nodes", (string grid) => Nodes);
        app.MapGet("/v1/grids/{grid}/nodes/{node}", (string grid, string node) =>
            Nodes.FirstOrDefault(n => n.Name == node) is { } n ? Results.Ok(n) : NotFound("node", node, Nodes.Select(x => x.Name)));
        app.MapPatch("/v1/grids/{grid}/nodes/{node}/labels", (string grid, string node, NodeLabelsRequest r) =>
            Nodes.First(n => n.Name == node) with { Labels = r.Set });
        app.MapPost("/v1/grids/{grid}/nodes/{node}/doctor", (string grid, string node) =>
            Doctor.TryGetValue(node, out var report) ? Results.Ok(report)
            : Nodes.Any(n => n.Name == node) ? Results.Problem(title: "Conflict", statusCode: 409, detail: $"node '{node}' is offline")
            : NotFound("node", node, Nodes.Select(x => x.Name)));
        app.MapGet("/v1/grids/{grid}/services", (string grid) => Services);
        app.MapPost("/v1/grids/{grid}/services", (string grid, ServiceCreateRequest r) =>
            Results.Created("", Service(grid, r.Stack ?? "null", r.Name, r.Image, r.Instances)));
        app.MapGet("/v1/grids/{grid}/stacks/{stack}/services/{service}", (string grid, string stack, string service) =>
            Services.FirstOrDefault(s => s.Stack == stack && s.Name == service) is { } s
                ? Results.Ok(s)
                : NotFound("service", $"{stack}/{service}", Services.Select(x => $"{x.Stack}/{x.Name}")));
        app.MapPost("/v1/grids/{grid}/stacks/{stack}/services/{service}/scale", (string grid, string stack, string service, ScaleRequest r) =>
            Services.First(s => s.Stack == stack && s.Name == service) with { Instances = r.Instances });
        app.MapPost("/v1/grids/{grid}/stacks/{stack}/services/{service}/deploy", (string grid, string stack, string service, ServiceDeployRequest r) =>
        {
            var s = Services.First(s => s.Stack == stack && s.Name == service);
            return r.Force
                ? s with { Revision = s.Revision + 1, DeployedRevision = s.Revision, Deployment = new DeploymentDto(s.Revision + 1, s.Revision, "update", "running", DateTimeOffset.UnixEpoch, null, $"starting revision {s.Revision + 1}") }
                : s;
        });
        app.MapGet("/v1/grids/{grid}/stacks/{stack}/services/{service}/deploys", (string grid, string stack, string service) => Deploys);
        app.MapGet("/v1/grids/{grid}/stacks/{stack}/services/{service}/logs", (string grid, string stack, string service) =>
            Results.Text(string.Join("\n", LogLines) + "\n"));
        app.MapGet("/v1/grids/{grid}/containers", (string grid) => Containers);
        app.MapGet("/v1/grids/{grid}/containers/{id}/logs", async (HttpContext context, string grid, string id) =>
        {
            context.Response.ContentType = "text/plain";
            foreach (var line in LogLines)
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
            }
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (FollowForever)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
        });
        app.MapPost("/v1/grids/{grid}/containers/{id}/exec", (string grid, string id, ExecRequest r) => ExecResult);
    }

    private static IResult NotFound(string kind, string name, IEnumerable<string> existing) =>
        Results.Problem(title: "Not Found", statusCode: 404, detail: $"{kind} '{name}' not found; {kind}s: {string.Join(", ", existing)}");

    public static ServiceDto Service(string grid, string stack, string name, string image, int instances, int running = 0) =>
        new(grid, stack, name, image, instances, running, 1, new Dictionary<string, string>(), [], [], "always",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [], []);

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=satama-stub", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel wants the private key in a form SslStream can use on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
