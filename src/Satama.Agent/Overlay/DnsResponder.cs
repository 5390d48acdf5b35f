using System.Net;
using ARSoft.Tools.Net.Dns;
using Microsoft.Extensions.Logging;
using Satama.Core.Overlay;

namespace Satama.Agent.Overlay;

/// <summary>
/// The node's DNS server on the bridge gateway (UDP and TCP port 53): grid names from the last
/// zone the master sent (<see cref="DnsNames"/>), everything else forwarded to the host's
/// resolvers. The zone is swapped atomically; answers carry a short TTL so clients follow
/// health changes within seconds.
/// </summary>
internal sealed partial class DnsResponder : IDisposable
{
    public const int Ttl = 2;
    private static readonly int s_forwardTimeoutMs = 2000;

    private readonly ILogger _logger;
    private readonly Func<IPAddress, string?> _stackOf;
    private readonly IPAddress[] _upstream;
    private volatile DnsZone _zone;
    private DnsServer? _server;

    public DnsResponder(DnsZone zone, Func<IPAddress, string?> stackOf, ILogger logger)
    {
        _zone = zone;
        _stackOf = stackOf;
        _logger = logger;
        _upstream = [.. DnsClient.GetLocalConfiguredDnsServers().Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)];
    }

    /// <summary>The address it answers on, once started.</summary>
    public IPAddress? Address { get; private set; }

    public int Port { get; private set; }

    public DnsZone Zone
    {
        get => _zone;
        set => _zone = value;
    }

    /// <summary>Listens on <paramref name="address"/> (again, if it moved).</summary>
    public void Listen(IPAddress address, int port = 53)
    {
        if (_server is not null && address.Equals(Address) && port == Port)
        {
            return;
        }
        _server?.Stop();
        var server = new DnsServer(new UdpServerTransport(new IPEndPoint(address, port)), new TcpServerTransport(new IPEndPoint(address, port)));
        server.QueryReceived += OnQueryAsync;
        server.Start();
        _server = server;
        Address = address;
        Port = port;
        LogListening(address.ToString(), port);
    }

    public void Dispose()
    {
        _server?.Stop();
        _server = null;
    }

    private async Task OnQueryAsync(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query || query.Questions.Count != 1)
        {
            return;
        }
        var question = query.Questions[0];
        var name = question.Name.ToString();
        var client = (e.RemoteEndpoint as IPEndPoint)?.Address;
        var lookup = DnsNames.Resolve(_zone, name, client is null ? null : _stackOf(client));
        if (lookup.Kind == DnsLookupKind.Forward)
        {
            e.Response = await ForwardAsync(query);
            return;
        }
        var response = query.CreateResponseInstance();
        response.IsAuthoritiveAnswer = true;
        response.IsRecursionAllowed = true;
        response.ReturnCode = lookup.Kind == DnsLookupKind.NotFound ? ReturnCode.NxDomain : ReturnCode.NoError;
        if (question.RecordType is RecordType.A or RecordType.Any)
        {
            foreach (var address in lookup.Addresses)
            {
                if (IPAddress.TryParse(address, out var ip))
                {
                    response.AnswerRecords.Add(new ARecord(question.Name, Ttl, ip));
                }
            }
        }
        e.Response = response;
    }

    private async Task<DnsMessage> ForwardAsync(DnsMessage query)
    {
        var upstream = _upstream.Where(a => !a.Equals(Address)).ToArray();
        if (upstream.Length > 0)
        {
            try
            {
                var client = new DnsClient(upstream, s_forwardTimeoutMs);
                var forwarded = new DnsMessage { IsRecursionDesired = true };
                forwarded.Questions.AddRange(query.Questions);
                if (await client.SendMessageAsync(forwarded) is { } answer)
                {
                    var relayed = query.CreateResponseInstance();
                    relayed.ReturnCode = answer.ReturnCode;
                    relayed.IsRecursionAllowed = true;
                    relayed.AnswerRecords.AddRange(answer.AnswerRecords);
                    relayed.AuthorityRecords.AddRange(answer.AuthorityRecords);
                    return relayed;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogForwardFailed(ex.Message);
            }
        }
        var failed = query.CreateResponseInstance();
        failed.ReturnCode = ReturnCode.ServerFailure;
        return failed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answering DNS for *.satama.local on {Address}:{Port}")]
    private partial void LogListening(string address, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forwarding a DNS query failed: {Reason}")]
    private partial void LogForwardFailed(string reason);
}
