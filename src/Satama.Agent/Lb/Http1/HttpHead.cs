using System.Buffers.Text;

namespace Satama.Agent.Lb.Http1;

/// <summary>How a message's body is delimited on the wire.</summary>
internal enum BodyFraming
{
    None,
    Length,
    Chunked,

    /// <summary>Until the sender closes (a response without a length, or a tunnel after 101).</summary>
    UntilClose,
}

/// <summary>
/// One parsed HTTP/1.x message head (request or response), as offsets into the bytes it was read from: parsing
/// allocates nothing. An instance is reused for every message of a connection.
/// </summary>
internal sealed class HttpHead
{
    public const int MaxHeaders = 128;

    private readonly int[] _names = new int[MaxHeaders * 2];
    private readonly int[] _values = new int[MaxHeaders * 2];

    /// <summary>Request: the method; response: the status line's version.</summary>
    public (int Start, int Length) First;

    /// <summary>Request: the target; response: unused.</summary>
    public (int Start, int Length) Second;

    /// <summary>The whole first line without its CRLF.</summary>
    public (int Start, int Length) StartLine;

    public int Status;

    /// <summary>1 for HTTP/1.1, 0 for HTTP/1.0.</summary>
    public int Minor;

    public int Count;

    /// <summary>The head's length including the blank line.</summary>
    public int Length;

    public long ContentLength;
    public bool Chunked;

    /// <summary>A Transfer-Encoding other than a final chunked.</summary>
    public bool OtherEncoding;

    public bool ConnectionClose;
    public bool ConnectionKeepAlive;
    public bool ConnectionUpgrade;
    public int Host = -1;
    public int Upgrade = -1;

    /// <summary>The Connection header's value ranges (there may be several), for the headers it names as hop-by-hop.</summary>
    public readonly List<(int Start, int Length)> ConnectionValues = [];

    public (int Start, int Length) Name(int i) => (_names[2 * i], _names[(2 * i) + 1]);

    public (int Start, int Length) Value(int i) => (_values[2 * i], _values[(2 * i) + 1]);

    /// <summary>The end of the head in <paramref name="data"/> (after CRLF CRLF), or 0 when it has not all arrived.</summary>
    public static int FindEnd(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf("\r\n\r\n"u8);
        return end < 0 ? 0 : end + 4;
    }

    /// <summary>Parses a request head; 0 when valid, else the status to answer (400, 431, 501, 505).</summary>
    public int ParseRequest(ReadOnlySpan<byte> head)
    {
        Reset(head.Length);
        var lineEnd = head.IndexOf("\r\n"u8);
        var line = head[..lineEnd];
        StartLine = (0, lineEnd);
        var sp1 = line.IndexOf((byte)' ');
        var sp2 = sp1 < 0 ? -1 : line[(sp1 + 1)..].IndexOf((byte)' ');
        if (sp1 <= 0 || sp2 <= 0)
        {
            return 400;
        }
        sp2 += sp1 + 1;
        First = (0, sp1);
        Second = (sp1 + 1, sp2 - sp1 - 1);
        if (!IsToken(line[..sp1]) || !IsTarget(line.Slice(Second.Start, Second.Length)))
        {
            return 400;
        }
        var version = line[(sp2 + 1)..];
        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            Minor = 1;
        }
        else if (version.SequenceEqual("HTTP/1.0"u8))
        {
            Minor = 0;
        }
        else
        {
            return version.StartsWith("HTTP/"u8) ? 505 : 400;
        }
        var status = ParseFields(head, lineEnd + 2);
        if (status != 0)
        {
            return status;
        }
        // A length and a chunked encoding together is how requests are smuggled past a proxy: refused.
        if (Chunked && ContentLength >= 0)
        {
            return 400;
        }
        if (OtherEncoding)
        {
            return 501;
        }
        // HTTP/1.0 has no chunked encoding: such a request's framing cannot be trusted (RFC 9112 6.1).
        if (Minor == 0 && Chunked)
        {
            return 400;
        }
        return Minor == 1 && Host < 0 ? 400 : 0;
    }

    /// <summary>Parses a response head; false when it is not HTTP/1.x.</summary>
    public bool ParseResponse(ReadOnlySpan<byte> head)
    {
        Reset(head.Length);
        var lineEnd = head.IndexOf("\r\n"u8);
        var line = head[..lineEnd];
        StartLine = (0, lineEnd);
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != ' '
            || !Utf8Parser.TryParse(line.Slice(9, 3), out int status, out var used) || used != 3 || status < 100 || status > 999)
        {
            return false;
        }
        Minor = line[7] == '0' ? 0 : 1;
        Status = status;
        First = (0, 8);
        return ParseFields(head, lineEnd + 2) == 0;
    }

    /// <summary>How the body of this response to a request with <paramref name="requestMethodIsHead"/> is delimited.</summary>
    public BodyFraming ResponseFraming(bool requestMethodIsHead)
    {
        if (requestMethodIsHead || Status < 200 || Status is 204 or 304)
        {
            return BodyFraming.None;
        }
        if (Chunked)
        {
            return BodyFraming.Chunked;
        }
        if (OtherEncoding)
        {
            return BodyFraming.UntilClose;
        }
        return ContentLength >= 0 ? (ContentLength == 0 ? BodyFraming.None : BodyFraming.Length) : BodyFraming.UntilClose;
    }

    /// <summary>How the body of this request is delimited (a request without a length has none).</summary>
    public BodyFraming RequestFraming => Chunked ? BodyFraming.Chunked : ContentLength > 0 ? BodyFraming.Length : BodyFraming.None;

    /// <summary>Whether the header named <paramref name="name"/> (lower case) is one the Connection header lists.</summary>
    public bool NamedByConnection(ReadOnlySpan<byte> head, ReadOnlySpan<byte> name)
    {
        foreach (var (start, length) in ConnectionValues)
        {
            foreach (var range in head.Slice(start, length).Split((byte)','))
            {
                if (name.Length > 0 && AsciiEquals(Trim(head.Slice(start, length)[range]), name))
                {
                    return true;
                }
            }
        }
        return false;
    }

    public static bool AsciiEquals(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lower)
    {
        if (value.Length != lower.Length)
        {
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c) != lower[i])
            {
                return false;
            }
        }
        return true;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }
        while (end > start && value[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }
        return value[start..end];
    }

    private void Reset(int length)
    {
        Length = length;
        Count = 0;
        Status = 0;
        ContentLength = -1;
        Chunked = OtherEncoding = ConnectionClose = ConnectionKeepAlive = ConnectionUpgrade = false;
        Host = Upgrade = -1;
        Second = default;
        ConnectionValues.Clear();
    }

    /// <summary>The header lines from <paramref name="at"/> to the blank line; 0 when valid.</summary>
    private int ParseFields(ReadOnlySpan<byte> head, int at)
    {
        while (at < head.Length - 2)
        {
            var end = head[at..].IndexOf("\r\n"u8) + at;
            var line = head[at..end];
            var colon = line.IndexOf((byte)':');
            // No folded lines (obsolete, and a smuggling vector), no empty names, no space before the colon.
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return 400;
            }
            if (Count == MaxHeaders)
            {
                return 431;
            }
            var rawValue = line[(colon + 1)..];
            var value = Trim(rawValue);
            if (value.IndexOfAny((byte)0, (byte)'\r', (byte)'\n') >= 0)
            {
                return 400;
            }
            var valueStart = at + colon + 1 + (rawValue.Length - rawValue.TrimStart(" \t"u8).Length);
            _names[2 * Count] = at;
            _names[(2 * Count) + 1] = colon;
            _values[2 * Count] = valueStart;
            _values[(2 * Count) + 1] = value.Length;
            var status = Interpret(line[..colon], value, valueStart);
            if (status != 0)
            {
                return status;
            }
            Count++;
            at = end + 2;
        }
        return 0;
    }

    private int Interpret(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int valueStart)
    {
        switch (name.Length)
        {
            case 4 when AsciiEquals(name, "host"u8):
                if (Host >= 0)
                {
                    return 400;
                }
                Host = Count;
                break;
            case 7 when AsciiEquals(name, "upgrade"u8):
                Upgrade = Count;
                break;
            case 10 when AsciiEquals(name, "connection"u8):
                ConnectionValues.Add((valueStart, value.Length));
                foreach (var range in value.Split((byte)','))
                {
                    var token = Trim(value[range]);
                    ConnectionClose |= AsciiEquals(token, "close"u8);
                    ConnectionKeepAlive |= AsciiEquals(token, "keep-alive"u8);
                    ConnectionUpgrade |= AsciiEquals(token, "upgrade"u8);
                }
                break;
            case 14 when AsciiEquals(name, "content-length"u8):
                if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0
                    || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0 || (ContentLength >= 0 && ContentLength != length))
                {
                    return 400;
                }
                ContentLength = length;
                break;
            case 17 when AsciiEquals(name, "transfer-encoding"u8):
                var last = value;
                var comma = value.LastIndexOf((byte)',');
                if (comma >= 0)
                {
                    last = Trim(value[(comma + 1)..]);
                }
                if (AsciiEquals(last, "chunked"u8) && !Chunked)
                {
                    Chunked = true;
                    OtherEncoding |= comma >= 0;
                }
                else
                {
                    OtherEncoding = true;
                }
                break;
        }
        return 0;
    }

    private static bool IsToken(ReadOnlySpan<byte> value)
    {
        foreach (var c in value)
        {
            if (c <= 32 || c >= 127 || c is (byte)'(' or (byte)')' or (byte)',' or (byte)'/' or (byte)':' or (byte)';' or (byte)'<'
                or (byte)'=' or (byte)'>' or (byte)'?' or (byte)'@' or (byte)'[' or (byte)'\\' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'"')
            {
                return false;
            }
        }
        return value.Length > 0;
    }

    private static bool IsTarget(ReadOnlySpan<byte> value)
    {
        foreach (var c in value)
        {
            if (c <= 32 || c >= 127)
            {
                return false;
            }
        }
        return value.Length > 0;
    }
}
