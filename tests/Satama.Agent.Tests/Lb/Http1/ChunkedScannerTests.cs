using System.Text;
using Satama.Agent.Lb.Http1;

namespace Satama.Agent.Tests.Lb.Http1;

/// <summary>Where a chunked body ends, however its bytes arrive.</summary>
public sealed class ChunkedScannerTests
{
    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Scans the pieces in order; how many bytes the body took, and the scanner's end state.</summary>
    private static (int Taken, bool Done, bool Invalid) Scan(params byte[][] pieces)
    {
        var scanner = new ChunkedScanner();
        var taken = 0;
        foreach (var piece in pieces)
        {
            var n = scanner.Scan(piece);
            taken += n;
            if (n < piece.Length)
            {
                break;
            }
        }
        return (taken, scanner.Done, scanner.Invalid);
    }

    public static TheoryData<string> ValidBodies => new()
    {
        "0\r\n\r\n",
        "5\r\nhello\r\n0\r\n\r\n",
        "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
        "A\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n",
        "00005\r\nhello\r\n000\r\n\r\n",
        "5;name=value\r\nhello\r\n0;last\r\n\r\n",
        "5;a=\"quoted;value\";b\r\nhello\r\n0\r\n\r\n",
        "5 \r\nhello\r\n0\t\r\n\r\n",
        "5\r\nhello\r\n0\r\nX-Checksum: abc\r\n\r\n",
        "5\r\nhello\r\n0\r\nX-A: 1\r\nX-B: 2\r\n\r\n",
        "3\r\n\r\n\r\r\n0\r\n\r\n",
    };

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public void A_whole_body_at_once_is_taken_to_its_end(string body)
    {
        var bytes = Bytes(body);

        Assert.Equal((bytes.Length, true, false), Scan(bytes));
    }

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public void A_body_byte_by_byte_is_taken_to_its_end(string body)
    {
        var bytes = Bytes(body);

        Assert.Equal((bytes.Length, true, false), Scan([.. bytes.Select(b => new[] { b })]));
    }

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public void A_body_split_in_two_at_any_position_is_taken_to_its_end(string body)
    {
        var bytes = Bytes(body);
        for (var split = 0; split <= bytes.Length; split++)
        {
            Assert.Equal((bytes.Length, true, false), Scan(bytes[..split], bytes[split..]));
        }
    }

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public void A_body_is_not_done_before_its_last_byte(string body)
    {
        var bytes = Bytes(body);
        for (var length = 0; length < bytes.Length; length++)
        {
            var (taken, done, invalid) = Scan(bytes[..length]);
            Assert.Equal((length, false, false), (taken, done, invalid));
        }
    }

    [Fact]
    public void Bytes_after_the_end_are_not_consumed()
    {
        var body = Bytes("5\r\nhello\r\n0\r\n\r\n");
        var next = Bytes("GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
        var scanner = new ChunkedScanner();

        var taken = scanner.Scan([.. body, .. next]);

        Assert.Equal(body.Length, taken);
        Assert.True(scanner.Done);
        Assert.Equal(0, scanner.Scan(next));
    }

    [Fact]
    public void Bytes_after_the_end_are_not_consumed_when_the_end_arrives_split()
    {
        var scanner = new ChunkedScanner();

        Assert.Equal(4, scanner.Scan(Bytes("0\r\n\r")));
        Assert.Equal(1, scanner.Scan(Bytes("\nGET")));
        Assert.True(scanner.Done);
    }

    [Fact]
    public void A_large_chunk_arriving_in_pieces_is_counted_down()
    {
        var data = new string('x', 100_000);
        var bytes = Bytes($"{100_000:x}\r\n{data}\r\n0\r\n\r\n");
        var pieces = bytes.Chunk(4096).ToArray();

        Assert.Equal((bytes.Length, true, false), Scan(pieces));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("x\r\n")]
    [InlineData(";ext\r\n")]
    [InlineData("-5\r\nhello\r\n")]
    [InlineData("+5\r\nhello\r\n")]
    [InlineData("0x5\r\nhello\r\n")]
    [InlineData("5\nhello\r\n")]
    [InlineData("5\r\rhello\r\n")]
    [InlineData("5;ext\nhello\r\n")]
    [InlineData("5\r\nhelloX\r\n")]
    [InlineData("5\r\nhello\r\r")]
    [InlineData("5\r\nhello\n")]
    [InlineData("5\r\nhello\r\n0\r\n\rX")]
    [InlineData("5\r\nhello\r\n0\r\nX-A: 1\rX")]
    [InlineData("1000000000000000000\r\n")]
    [InlineData("fffffffffffffffffff\r\n")]
    public void Invalid_framing_is_seen(string body)
    {
        var bytes = Bytes(body);

        Assert.True(Scan(bytes).Invalid);
        Assert.True(Scan([.. bytes.Select(b => new[] { b })]).Invalid);
    }

    [Theory]
    [InlineData("0\r\nX-A: 1\n\r\nGET /admin HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("0\r\n\nGET /admin HTTP/1.1\r\nHost: a\r\n\r\n")]
    public void A_bare_line_feed_in_the_trailer_section_is_invalid(string body)
    {
        // A recipient that takes a bare LF as a line end would see the body end where the proxy does not: the bytes
        // after it would be a request the proxy never saw (smuggled).
        var bytes = Bytes(body);

        var (_, done, invalid) = Scan(bytes);

        Assert.Equal((false, true), (done, invalid));
    }

    [Fact]
    public void A_scanner_that_is_done_or_invalid_takes_nothing_more()
    {
        var invalid = new ChunkedScanner();
        invalid.Scan(Bytes("z"));

        Assert.True(invalid.Invalid);
        Assert.Equal(0, invalid.Scan(Bytes("0\r\n\r\n")));
        Assert.False(invalid.Done);
    }
}
