using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Keelson.Cluster.Tests.Protobuf;

/// <summary>
/// A plain-HTTP front for the embedded cluster that records every request body kubectl sends, so tests can
/// decode the exact protobuf bytes kubectl wrote. Everything is forwarded with the cluster's own token.
/// </summary>
internal sealed class CapturingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _cluster;
    private readonly Task _loop;

    public CapturingProxy(EmbeddedCluster cluster)
    {
        _cluster = cluster.CreateHttpClient();
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>Bodies of POST and PUT requests, with their Content-Type, in arrival order.</summary>
    public ConcurrentQueue<(string ContentType, byte[] Body)> Bodies { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer);
        var body = buffer.ToArray();
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.RawUrl!.TrimStart('/'));
        if (context.Request.HttpMethod is "POST" or "PUT" or "PATCH")
        {
            if (context.Request.HttpMethod != "PATCH") Bodies.Enqueue((context.Request.ContentType ?? "", body));
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }
        if (context.Request.Headers["Accept"] is { } accept) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _cluster.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type) context.Response.ContentType = type.ToString();
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _cluster.Dispose();
    }
}
