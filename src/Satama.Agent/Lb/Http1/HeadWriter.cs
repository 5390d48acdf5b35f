using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Satama.Agent.Lb.Http1;

/// <summary>
/// Writes the heads the proxy sends: a request as the instance gets it (hop-by-hop headers out, X-Forwarded-* in,
/// a stripped prefix), a response as the client gets it, and the proxy's own short answers.
/// </summary>
internal static class HeadWriter
{
    public const string AffinityCookie = LbProxyConfig.AffinityCookie;

    /// <summary>The request head for the instance into <paramref name="into"/> (grown from the array pool when short).</summary>
    public static int Request(ReadOnlySpan<byte> head, HttpHead parsed, in RequestTarget target, ReadOnlySpan<byte> clientAddress,
        ReadOnlySpan<byte> backendAddress, bool upgrade, ref byte[] into)
    {
        var w = new Writer(into);
        w.Append(head.Slice(parsed.First.Start, parsed.First.Length));
        w.Append(" "u8);
        if (target.StripLength > 0)
        {
            var rest = target.OriginForm(head)[target.StripLength..];
            if (rest.Length == 0 || rest[0] != '/')
            {
                w.Append("/"u8);
            }
            w.Append(rest);
        }
        else
        {
            w.Append(target.OriginForm(head));
        }
        // An HTTP/1.0 request stays 1.0: the instance then answers without chunks, which a 1.0 client cannot read.
        w.Append(parsed.Minor == 0 ? " HTTP/1.0\r\n"u8 : " HTTP/1.1\r\n"u8);
        var hostWritten = false;
        Span<byte> scratch = stackalloc byte[64];
        for (var i = 0; i < parsed.Count; i++)
        {
            var name = Slice(head, parsed.Name(i));
            var keepUpgrade = upgrade && HttpHead.AsciiEquals(name, "upgrade"u8);
            if (!keepUpgrade && (IsHopByHop(name, upgrade) || IsForwarded(name) || (!IsFraming(name) && parsed.NamedByConnection(head, Lower(name, scratch)))))
            {
                continue;
            }
            if (i == parsed.Host)
            {
                // An absolute-form target names the host; the instance gets it as Host.
                w.Append("Host: "u8);
                w.Append(target.Host(head));
                w.Append("\r\n"u8);
                hostWritten = true;
                continue;
            }
            w.Append(name);
            w.Append(": "u8);
            w.Append(Slice(head, parsed.Value(i)));
            w.Append("\r\n"u8);
        }
        if (!hostWritten)
        {
            w.Append("Host: "u8);
            w.Append(target.HasHost ? target.Host(head) : backendAddress);
            w.Append("\r\n"u8);
        }
        if (upgrade)
        {
            w.Append("Connection: Upgrade\r\n"u8);
        }
        else if (parsed.Minor == 0)
        {
            // The proxy's connection to the instance is kept alive whatever the client asked.
            w.Append("Connection: keep-alive\r\n"u8);
        }
        w.Append("X-Forwarded-For: "u8);
        w.Append(clientAddress);
        w.Append("\r\nX-Forwarded-Proto: http\r\n"u8);
        if (target.HasHost)
        {
            w.Append("X-Forwarded-Host: "u8);
            w.Append(target.Host(head));
            w.Append("\r\n"u8);
        }
        if (target.StripLength > 0)
        {
            w.Append("X-Forwarded-Prefix: "u8);
            w.Append(target.OriginForm(head)[..target.StripLength]);
            w.Append("\r\n"u8);
        }
        w.Append("\r\n"u8);
        into = w.Buffer;
        return w.Length;
    }

    /// <summary>The response head for the client.</summary>
    public static int Response(ReadOnlySpan<byte> head, HttpHead parsed, bool close, bool keepAliveForHttp10, bool upgrade,
        ReadOnlySpan<byte> affinity, ref byte[] into)
    {
        var w = new Writer(into);
        w.Append(head.Slice(parsed.StartLine.Start, parsed.StartLine.Length));
        w.Append("\r\n"u8);
        Span<byte> scratch = stackalloc byte[64];
        for (var i = 0; i < parsed.Count; i++)
        {
            var name = Slice(head, parsed.Name(i));
            var keepUpgrade = upgrade && HttpHead.AsciiEquals(name, "upgrade"u8);
            if (!keepUpgrade && (IsHopByHop(name, upgrade) || (!IsFraming(name) && parsed.NamedByConnection(head, Lower(name, scratch)))))
            {
                continue;
            }
            // With a transfer coding the length is not the body's: a recipient must not see both (RFC 9112 6.3).
            if ((parsed.Chunked || parsed.OtherEncoding) && HttpHead.AsciiEquals(name, "content-length"u8))
            {
                continue;
            }
            w.Append(name);
            w.Append(": "u8);
            w.Append(Slice(head, parsed.Value(i)));
            w.Append("\r\n"u8);
        }
        if (upgrade)
        {
            w.Append("Connection: Upgrade\r\n"u8);
        }
        else if (close)
        {
            w.Append("Connection: close\r\n"u8);
        }
        else if (keepAliveForHttp10)
        {
            w.Append("Connection: keep-alive\r\n"u8);
        }
        if (affinity.Length > 0)
        {
            w.Append("Set-Cookie: "u8);
            w.Append(Encoding.ASCII.GetBytes(AffinityCookie));
            w.Append("="u8);
            w.Append(affinity);
            w.Append("; path=/; httponly\r\n"u8);
        }
        w.Append("\r\n"u8);
        into = w.Buffer;
        return w.Length;
    }

    /// <summary>An answer of the proxy itself, without a body.</summary>
    public static int Local(int status, ReadOnlySpan<byte> location, bool close, ref byte[] into)
    {
        var w = new Writer(into);
        w.Append("HTTP/1.1 "u8);
        Span<byte> digits = stackalloc byte[3];
        Utf8Formatter.TryFormat(status, digits, out _);
        w.Append(digits);
        w.Append(" "u8);
        w.Append(Encoding.ASCII.GetBytes(ReasonPhrase(status)));
        w.Append("\r\nContent-Length: 0\r\n"u8);
        if (location.Length > 0)
        {
            w.Append("Location: "u8);
            w.Append(location);
            w.Append("\r\n"u8);
        }
        if (close)
        {
            w.Append("Connection: close\r\n"u8);
        }
        w.Append("\r\n"u8);
        into = w.Buffer;
        return w.Length;
    }

    /// <summary>The value of the affinity cookie among the request's Cookie headers, or empty.</summary>
    public static ReadOnlySpan<byte> AffinityOf(ReadOnlySpan<byte> head, HttpHead parsed)
    {
        for (var i = 0; i < parsed.Count; i++)
        {
            if (!HttpHead.AsciiEquals(Slice(head, parsed.Name(i)), "cookie"u8))
            {
                continue;
            }
            var value = Slice(head, parsed.Value(i));
            foreach (var range in value.Split((byte)';'))
            {
                var pair = HttpHead.Trim(value[range]);
                var eq = pair.IndexOf((byte)'=');
                if (eq > 0 && pair[..eq].SequenceEqual("satama-affinity"u8))
                {
                    return pair[(eq + 1)..];
                }
            }
        }
        return [];
    }

    private static string ReasonPhrase(int status) => status switch
    {
        308 => "Permanent Redirect",
        400 => "Bad Request",
        404 => "Not Found",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    };

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> head, (int Start, int Length) range) => head.Slice(range.Start, range.Length);

    private static ReadOnlySpan<byte> Lower(ReadOnlySpan<byte> name, Span<byte> scratch)
    {
        if (name.Length > scratch.Length)
        {
            scratch = new byte[name.Length];
        }
        Ascii.ToLower(name, scratch, out var written);
        return scratch[..written];
    }

    private static bool IsHopByHop(ReadOnlySpan<byte> name, bool upgrade) => name.Length switch
    {
        2 => HttpHead.AsciiEquals(name, "te"u8),
        7 => HttpHead.AsciiEquals(name, "trailer"u8) || (!upgrade && HttpHead.AsciiEquals(name, "upgrade"u8)),
        10 => HttpHead.AsciiEquals(name, "connection"u8) || HttpHead.AsciiEquals(name, "keep-alive"u8),
        16 => HttpHead.AsciiEquals(name, "proxy-connection"u8),
        _ => false,
    };

    /// <summary>Content-Length and Transfer-Encoding: the body's framing, never removed for being named in Connection.</summary>
    private static bool IsFraming(ReadOnlySpan<byte> name) =>
        HttpHead.AsciiEquals(name, "content-length"u8) || HttpHead.AsciiEquals(name, "transfer-encoding"u8);

    private static bool IsForwarded(ReadOnlySpan<byte> name)
    {
        if (name.Length is < 15 or > 18 || !Ascii.EqualsIgnoreCase(name[..12], "x-forwarded-"u8))
        {
            return false;
        }
        var rest = name[12..];
        return HttpHead.AsciiEquals(rest, "for"u8) || HttpHead.AsciiEquals(rest, "proto"u8) || HttpHead.AsciiEquals(rest, "host"u8)
            || HttpHead.AsciiEquals(rest, "prefix"u8);
    }

    /// <summary>Appends to a pooled buffer, renting a larger one when it is full.</summary>
    private ref struct Writer(byte[] buffer)
    {
        public byte[] Buffer = buffer;
        public int Length;

        public void Append(scoped ReadOnlySpan<byte> bytes)
        {
            if (Length + bytes.Length > Buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Buffer.Length * 2, Length + bytes.Length));
                Buffer.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(Buffer);
                Buffer = larger;
            }
            bytes.CopyTo(Buffer.AsSpan(Length));
            Length += bytes.Length;
        }
    }
}

/// <summary>Where a request goes, read from its target and Host: origin-form path and query, and the host without port.</summary>
internal readonly struct RequestTarget
{
    private readonly (int Start, int Length) _originForm;
    private readonly (int Start, int Length) _host;
    private readonly int _hostNoPortLength;

    private RequestTarget((int, int) originForm, (int, int) host, int hostNoPortLength, int strip)
    {
        _originForm = originForm;
        _host = host;
        _hostNoPortLength = hostNoPortLength;
        StripLength = strip;
    }

    public bool HasHost => _host.Length > 0;

    /// <summary>How many bytes of the path a route strips.</summary>
    public int StripLength { get; }

    public ReadOnlySpan<byte> OriginForm(ReadOnlySpan<byte> head) => head.Slice(_originForm.Start, _originForm.Length);

    public ReadOnlySpan<byte> Host(ReadOnlySpan<byte> head) => head.Slice(_host.Start, _host.Length);

    public ReadOnlySpan<byte> HostWithoutPort(ReadOnlySpan<byte> head) => head.Slice(_host.Start, _hostNoPortLength);

    public RequestTarget WithStrip(int length) => new(_originForm, _host, _hostNoPortLength, length);

    /// <summary>The target of a parsed request; false for a form the proxy does not forward (authority, or "*" but for OPTIONS).</summary>
    public static bool TryRead(ReadOnlySpan<byte> head, HttpHead parsed, out RequestTarget target)
    {
        var (start, length) = parsed.Second;
        var value = head.Slice(start, length);
        var host = parsed.Host >= 0 ? parsed.Value(parsed.Host) : (0, 0);
        if (value[0] == '/' || (value.Length == 1 && value[0] == '*'))
        {
            target = new RequestTarget((start, length), host, HostLength(head.Slice(host.Item1, host.Item2)), 0);
            return value[0] == '/' || HttpHead.AsciiEquals(head.Slice(parsed.First.Start, parsed.First.Length), "options"u8);
        }
        var scheme = value.StartsWith("http://"u8) ? 7 : value.StartsWith("https://"u8) ? 8 : 0;
        if (scheme == 0)
        {
            target = default;
            return false;
        }
        var rest = value[scheme..];
        var slash = rest.IndexOfAny((byte)'/', (byte)'?');
        var authority = slash < 0 ? rest : rest[..slash];
        var authorityStart = start + scheme;
        if (authority.Length == 0 || slash < 0 || rest[slash] != '/')
        {
            target = default;
            return false;
        }
        target = new RequestTarget((authorityStart + slash, length - scheme - slash), (authorityStart, authority.Length), HostLength(authority), 0);
        return true;
    }

    private static int HostLength(ReadOnlySpan<byte> host)
    {
        var colon = host.LastIndexOf((byte)':');
        return colon >= 0 && host.LastIndexOf((byte)']') < colon ? colon : host.Length;
    }
}
