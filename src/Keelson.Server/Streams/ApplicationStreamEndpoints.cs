using System.Text;
using System.Text.Json.Nodes;
using Keelson.Server.Applications;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Streams;

/// <summary>
/// <c>GET /api/v1/stream/applications</c>: Argo CD's application watch. First an ADDED for every Application that
/// matches the query and that the caller may get, then every change as it happens; newline-delimited
/// <c>{"result":{"type":…,"application":…}}</c> by default, server-sent events when the client accepts
/// <c>text/event-stream</c> (with a keepalive comment every 15 s). A change that leaves the payload as it was is not
/// sent again; an Application the caller may no longer get is sent as DELETED.
/// </summary>
public static class ApplicationStreamEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/stream").RequireCaller();
        group.MapGet("/applications", StreamAsync);
    }

    private static async Task StreamAsync(HttpContext context, ApplicationCache cache, RbacService rbac, ServerOptions options)
    {
        var (query, error) = ApplicationQuery.From(context.Request.Query);
        if (query is null)
        {
            await ArgoError.WriteAsync(context, GrpcCode.InvalidArgument, error!);
            return;
        }
        var claims = context.Caller();
        var writer = ResultStream.Start(context);
        var sent = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var (snapshot, events, subscription) = cache.Subscribe();
        using (subscription)
        {
            var cancellationToken = context.RequestAborted;
            foreach (var app in snapshot)
                if (query.Matches(app) && CanGet(rbac, claims, app, options)) await SendAsync(writer, sent, "ADDED", app, query, cancellationToken);
            await writer.FlushAsync(cancellationToken);
            try
            {
                while (true)
                {
                    var pending = events.WaitToReadAsync(cancellationToken).AsTask();
                    await writer.WaitAsync(pending, cancellationToken);
                    if (!await pending) return;
                    while (events.TryRead(out var e))
                    {
                        var visible = query.Matches(e.Application) && CanGet(rbac, claims, e.Application, options);
                        if (e.Type == ApplicationEventType.Deleted || !visible)
                        {
                            if (sent.Remove(e.Application.Name)) await writer.WriteAsync(Envelope("DELETED", Payload(e.Application, query)), cancellationToken, flush: false);
                            continue;
                        }
                        await SendAsync(writer, sent, sent.ContainsKey(e.Application.Name) ? "MODIFIED" : "ADDED", e.Application, query, cancellationToken);
                    }
                    await writer.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The client went away.
            }
        }
    }

    private static async Task SendAsync(ResultStream writer, Dictionary<string, byte[]> sent, string type, CachedApplication app, ApplicationQuery query, CancellationToken cancellationToken)
    {
        var payload = Payload(app, query);
        if (sent.TryGetValue(app.Name, out var last) && last.AsSpan().SequenceEqual(payload)) return;
        sent[app.Name] = payload;
        await writer.WriteAsync(Envelope(type, payload), cancellationToken, flush: false);
    }

    private static byte[] Payload(CachedApplication app, ApplicationQuery query) =>
        query.Fields is null ? app.Json : Encoding.UTF8.GetBytes(query.Fields.Project(app.Object).ToJsonString());

    private static byte[] Envelope(string type, byte[] application)
    {
        var head = Encoding.UTF8.GetBytes($"{{\"result\":{{\"type\":\"{type}\",\"application\":");
        var message = new byte[head.Length + application.Length + 2];
        head.CopyTo(message, 0);
        application.CopyTo(message, head.Length);
        message[^2] = (byte)'}';
        message[^1] = (byte)'}';
        return message;
    }

    private static bool CanGet(RbacService rbac, RbacClaims claims, CachedApplication app, ServerOptions options) =>
        rbac.Enforcer.EnforceClaims(claims, RbacRequest.Application(RbacAction.Get, ApplicationEndpoints.ObjectOf(app, options))).Allowed;
}
