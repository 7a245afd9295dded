using System.Collections.Concurrent;
using System.Net;
using Keelson.Cluster.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Tests.Protobuf;

/// <summary>
/// A plain-HTTP front for the embedded cluster that records every request body kubectl sends, so tests can
/// decode the exact protobuf bytes kubectl wrote. Everything is forwarded with the cluster's own token.
/// </summary>
/// <remarks>
/// Kestrel binds 127.0.0.1:0 and reports the port the kernel gave it, so no other socket can take the port
/// between choosing and binding it; the listener is bound once and stopped once.
/// </remarks>
internal sealed class CapturingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _cluster;
    private int _disposed;

    private CapturingProxy(WebApplication app, HttpClient cluster)
    {
        _app = app;
        _cluster = cluster;
    }

    /// <summary>The port the proxy listens on, on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Bodies of POST and PUT requests, with their Content-Type, in arrival order.</summary>
    public ConcurrentQueue<(string ContentType, byte[] Body)> Bodies { get; } = new();

    public static async Task<CapturingProxy> StartAsync(EmbeddedCluster cluster)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var proxy = new CapturingProxy(builder.Build(), cluster.CreateHttpClient());
        proxy._app.Run(proxy.ForwardAsync);
        await proxy._app.StartAsync();
        proxy.Port = new Uri(proxy._app.Urls.Single()).Port;
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var buffer = new MemoryStream();
        await incoming.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), (incoming.Path + incoming.QueryString).TrimStart('/'));
        if (incoming.Method is "POST" or "PUT" or "PATCH")
        {
            if (incoming.Method != "PATCH") Bodies.Enqueue((incoming.ContentType ?? "", body));
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", incoming.ContentType);
        }
        if (incoming.Headers.Accept.Count > 0) request.Headers.TryAddWithoutValidation("Accept", incoming.Headers.Accept.ToString());
        using var response = await _cluster.SendAsync(request, context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type) context.Response.ContentType = type.ToString();
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    /// <summary>Stops the listener and the client; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _cluster.Dispose();
    }
}
