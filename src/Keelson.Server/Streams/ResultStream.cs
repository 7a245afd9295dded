using System.Text;
using System.Text.Json.Nodes;
using Keelson.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Keelson.Server.Streams;

/// <summary>
/// A server stream framed as Argo CD's gateway frames one: newline-delimited <c>{"result":…}</c> by default, or
/// server-sent events (<c>data: {"result":…} </c> and a blank line, a <c>:</c> keepalive comment every
/// <see cref="KeepAlive"/>) when the client accepts <c>text/event-stream</c>. Every message is flushed.
/// </summary>
internal sealed class ResultStream
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly byte[] ResultHead = "{\"result\":"u8.ToArray();
    private readonly HttpContext _context;
    private long _lastWrite = Environment.TickCount64;

    private ResultStream(HttpContext context, bool sse)
    {
        _context = context;
        IsEventStream = sse;
    }

    /// <summary>Whether messages go as server-sent events.</summary>
    public bool IsEventStream { get; }

    /// <summary>Starts the response (status 200, its content type, no caching); nothing may have been written before.</summary>
    public static ResultStream Start(HttpContext context)
    {
        var sse = context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        context.Response.ContentType = sse ? "text/event-stream" : "application/json";
        context.Response.Headers.CacheControl = "no-cache";
        return new ResultStream(context, sse);
    }

    /// <summary>Writes <c>{"result":<paramref name="result"/>}</c> (already JSON) as one message.</summary>
    public async Task WriteResultAsync(byte[] result, CancellationToken cancellationToken)
    {
        var message = new byte[ResultHead.Length + result.Length + 1];
        ResultHead.CopyTo(message, 0);
        result.CopyTo(message, ResultHead.Length);
        message[^1] = (byte)'}';
        await WriteAsync(message, cancellationToken);
    }

    public Task WriteResultAsync(JsonNode result, CancellationToken cancellationToken) =>
        WriteResultAsync(Encoding.UTF8.GetBytes(result.ToJsonString()), cancellationToken);

    /// <summary>Writes one whole message (already JSON, envelope included); flushes unless told not to (a batch flushes once, at its end).</summary>
    public async Task WriteAsync(byte[] message, CancellationToken cancellationToken, bool flush = true)
    {
        var body = _context.Response.Body;
        if (IsEventStream) await body.WriteAsync("data: "u8.ToArray(), cancellationToken);
        await body.WriteAsync(message, cancellationToken);
        await body.WriteAsync(IsEventStream ? " \n\n"u8.ToArray() : "\n"u8.ToArray(), cancellationToken);
        if (flush) await body.FlushAsync(cancellationToken);
        _lastWrite = Environment.TickCount64;
    }

    /// <summary>On an event stream, writes a keepalive when nothing was written for <see cref="KeepAlive"/> (for streams that wake up often without sending).</summary>
    public async Task KeepAliveIfDueAsync(CancellationToken cancellationToken)
    {
        if (!IsEventStream || Environment.TickCount64 - _lastWrite < KeepAlive.TotalMilliseconds) return;
        await KeepAliveNowAsync(cancellationToken);
    }

    private async Task KeepAliveNowAsync(CancellationToken cancellationToken)
    {
        await _context.Response.Body.WriteAsync(":\n"u8.ToArray(), cancellationToken);
        await _context.Response.Body.FlushAsync(cancellationToken);
        _lastWrite = Environment.TickCount64;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _context.Response.Body.FlushAsync(cancellationToken);

    /// <summary>
    /// Ends the stream with the gateway's stream error, <c>{"error":{"grpc_code","http_code","message","http_status"}}</c>
    /// (the response has already begun, so its status cannot say it).
    /// </summary>
    public Task WriteErrorAsync(GrpcCode code, string message, CancellationToken cancellationToken)
    {
        var status = ArgoError.HttpStatus(code);
        var error = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["grpc_code"] = (int)code,
                ["http_code"] = status,
                ["message"] = message,
                ["http_status"] = ReasonPhrases.GetReasonPhrase(status),
            },
        };
        return WriteAsync(Encoding.UTF8.GetBytes(error.ToJsonString()), cancellationToken);
    }

    /// <summary>
    /// Waits for <paramref name="pending"/>; on an event stream, a keepalive is written every <see cref="KeepAlive"/>
    /// meanwhile. Returns once <paramref name="pending"/> has completed.
    /// </summary>
    public async Task WaitAsync(Task pending, CancellationToken cancellationToken)
    {
        if (!IsEventStream)
        {
            await pending.WaitAsync(cancellationToken);
            return;
        }
        while (await Task.WhenAny(pending, Task.Delay(KeepAlive, cancellationToken)) != pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await KeepAliveNowAsync(cancellationToken);
        }
    }
}
