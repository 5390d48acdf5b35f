using System.Net;

namespace Satama.Master.Tests.Infrastructure;

/// <summary>
/// A request body whose length the client does not know: HTTP/1.1 sends it chunked, HTTP/2 and
/// HTTP/3 as DATA frames with no Content-Length. Written in 16 KiB pieces, as a stream would be.
/// </summary>
public sealed class UnsizedContent : HttpContent
{
    private readonly byte[] _body;

    public UnsizedContent(byte[] body, string mediaType = "application/json")
    {
        _body = body;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _body.Length; offset += 16 * 1024)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(16 * 1024, _body.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
