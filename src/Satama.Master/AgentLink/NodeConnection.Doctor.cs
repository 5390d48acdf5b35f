using System.Collections.Concurrent;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

internal sealed partial class NodeConnection
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(DoctorFacts Facts, DateTimeOffset ReceivedAt)>> _doctors = new(StringComparer.Ordinal);

    /// <summary>Asks the agent for fresh preflight facts; the answer comes with the master's clock at its arrival.</summary>
    public async Task<(DoctorFacts Facts, DateTimeOffset ReceivedAt)> DoctorAsync(TimeSpan timeout, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("n");
        var answer = new TaskCompletionSource<(DoctorFacts, DateTimeOffset)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _doctors[id] = answer;
        try
        {
            Send(new MasterMessage { DoctorRequest = new DoctorRequest { RequestId = id } });
            return await answer.Task.WaitAsync(timeout, ct);
        }
        finally
        {
            _doctors.TryRemove(id, out _);
        }
    }

    public void Deliver(DoctorFacts facts, DateTimeOffset receivedAt)
    {
        if (_doctors.TryGetValue(facts.RequestId, out var answer))
        {
            answer.TrySetResult((facts, receivedAt));
        }
    }

    // The link is gone: a waiting doctor gets an answer now instead of a timeout.
    private void FailDoctors(string reason)
    {
        foreach (var (id, doctor) in _doctors)
        {
            doctor.TrySetResult((new DoctorFacts { RequestId = id, Error = reason }, DateTimeOffset.MinValue));
        }
    }
}
