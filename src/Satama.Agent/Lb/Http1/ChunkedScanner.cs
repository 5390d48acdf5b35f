namespace Satama.Agent.Lb.Http1;

/// <summary>
/// Finds where a chunked body ends without decoding it: the proxy passes chunks through as they are and only needs
/// to know when the message is over (the next one may follow on the same connection).
/// </summary>
internal struct ChunkedScanner
{
    private const long MaxChunk = long.MaxValue / 16;

    private State _state;
    private long _remaining;
    private bool _sawDigit;

    private enum State
    {
        Size,
        Extension,
        SizeLf,
        Data,
        DataCr,
        DataLf,
        TrailerStart,
        Trailer,
        TrailerLf,
        LastLf,
        Done,
        Invalid,
    }

    public readonly bool Done => _state == State.Done;

    public readonly bool Invalid => _state == State.Invalid;

    /// <summary>How many of <paramref name="data"/>'s bytes belong to the body; fewer than all when it ends inside.</summary>
    public int Scan(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length && _state is not (State.Done or State.Invalid))
        {
            var c = data[i];
            switch (_state)
            {
                case State.Size:
                    var digit = HexValue(c);
                    if (digit >= 0 && _remaining < MaxChunk)
                    {
                        _remaining = (_remaining * 16) + digit;
                        _sawDigit = true;
                    }
                    else if (_sawDigit && c is (byte)';' or (byte)' ' or (byte)'\t')
                    {
                        _state = State.Extension;
                    }
                    else if (_sawDigit && c == '\r')
                    {
                        _state = State.SizeLf;
                    }
                    else
                    {
                        _state = State.Invalid;
                    }
                    break;
                case State.Extension:
                    if (c == '\r')
                    {
                        _state = State.SizeLf;
                    }
                    else if (c == '\n')
                    {
                        _state = State.Invalid;
                    }
                    break;
                case State.SizeLf:
                    _state = c != '\n' ? State.Invalid : _remaining == 0 ? State.TrailerStart : State.Data;
                    break;
                case State.Data:
                    var take = (int)Math.Min(_remaining, data.Length - i);
                    _remaining -= take;
                    i += take;
                    if (_remaining == 0)
                    {
                        _state = State.DataCr;
                    }
                    continue;
                case State.DataCr:
                    _state = c == '\r' ? State.DataLf : State.Invalid;
                    break;
                case State.DataLf:
                    _state = c == '\n' ? State.Size : State.Invalid;
                    _sawDigit = false;
                    break;
                case State.TrailerStart:
                    // A bare LF is no line end here: a recipient taking it for one would see the body end elsewhere.
                    _state = c == '\r' ? State.LastLf : c == '\n' ? State.Invalid : State.Trailer;
                    break;
                case State.Trailer:
                    if (c == '\r')
                    {
                        _state = State.TrailerLf;
                    }
                    else if (c == '\n')
                    {
                        _state = State.Invalid;
                    }
                    break;
                case State.TrailerLf:
                    _state = c == '\n' ? State.TrailerStart : State.Invalid;
                    break;
                case State.LastLf:
                    _state = c == '\n' ? State.Done : State.Invalid;
                    break;
            }
            i++;
        }
        return i;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
