using Satama.Protocol;

namespace Satama.Agent.MasterLink;

internal sealed partial class LinkRequests
{
    /// <summary>satama node doctor: collect the preflight facts again and answer with them, the clock read last.</summary>
    public void StartDoctor(DoctorRequest request, CancellationToken session) => Track(request.RequestId, session, ct => DoctorAsync(request, ct));

    private async Task DoctorAsync(DoctorRequest request, CancellationToken ct)
    {
        var answer = new DoctorFacts { RequestId = request.RequestId };
        try
        {
            var diagnostics = await driver.GetDiagnosticsAsync(node, ct);
            var info = ProtocolMapping.ToNodeInfo(diagnostics?.Engine ?? await driver.GetEngineInfoAsync(ct), node, new Dictionary<string, string>(), null, "");
            if (diagnostics is not null)
            {
                DoctorMapping.Fill(info, diagnostics);
            }
            answer.Node = info;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            answer.Error = $"the Docker Engine of node {node} did not answer: {e.Message}";
            answer.Node = new NodeInfo { Name = node };
        }
        answer.Node.ClockUnixMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        await send(new AgentMessage { DoctorFacts = answer }, ct);
    }
}
