using System.Globalization;
using System.Text.Unicode;

namespace Satama.Agent.Lb.Http1;

/// <summary>
/// The plain-HTTP proxy's access log, one line per request in the agent's log format
/// (<c>HH:mm:ss info: Satama.Lb.Access[0] CLIENT "GET host/path HTTP/1.1" 200 0.4ms route=R backend=B</c>). Each event
/// loop collects its lines and writes them in batches of at most 4 KiB (whole lines, so they never interleave with
/// other writers to the same pipe): a console logger call per request cost the proxy a third of its throughput.
/// </summary>
internal sealed class AccessLog(Stream output)
{
    /// <summary>At most PIPE_BUF: a write of that size to a pipe is atomic.</summary>
    public const int BatchSize = 4096;

    private readonly object _gate = new();

    public Batch NewBatch() => new(this);

    private void Write(ReadOnlySpan<byte> lines)
    {
        lock (_gate)
        {
            try
            {
                output.Write(lines);
                output.Flush();
            }
            catch (IOException)
            {
                // Nobody reads the log any more (a closed pipe): requests go on without it.
            }
        }
    }

    /// <summary>One loop's lines not yet written; used on that loop's thread only.</summary>
    internal sealed class Batch(AccessLog log)
    {
        private readonly byte[] _buffer = new byte[BatchSize];
        private int _length;

        public void Add(byte[] client, AccessEntry entry, int status, TimeSpan elapsed, string? route, string? backend)
        {
            Span<byte> line = stackalloc byte[BatchSize];
            // A line that does not fit (a very long target) is cut; the log stays one line per request.
            if (!Utf8.TryWrite(line, CultureInfo.InvariantCulture,
                    $"{DateTime.Now:HH:mm:ss} info: Satama.Lb.Access[0] {Ascii(client)} \"{entry.Method} {entry.Host}{entry.Target} {entry.Protocol}\" {status} {elapsed.TotalMilliseconds:0.0}ms route={route ?? "-"} backend={backend ?? "-"}\n",
                    out var written))
            {
                written = BatchSize;
                line[^1] = (byte)'\n';
            }
            if (_length + written > _buffer.Length)
            {
                Flush();
            }
            line[..written].CopyTo(_buffer.AsSpan(_length));
            _length += written;
        }

        public void Flush()
        {
            if (_length > 0)
            {
                log.Write(_buffer.AsSpan(0, _length));
                _length = 0;
            }
        }

        private static string Ascii(byte[] text) => System.Text.Encoding.ASCII.GetString(text);
    }
}
