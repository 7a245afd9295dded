using System.Text;
using Keelson.Engine.Customizations;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Server.Applications;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Streams;

/// <summary>
/// <c>GET /api/v1/stream/applications/{applicationName}/resource-tree</c>: the Application's resource tree
/// (<see cref="ResourceTree"/>) as <c>{"result":&lt;ApplicationTree&gt;}</c> messages — the tree as it is, then the
/// tree again each time it differs from the last one sent. It is rebuilt when the Application changes and every
/// <see cref="PollInterval"/> (objects it does not manage, such as pods, change without it). Ends when the
/// Application is deleted. Needs <c>applications, get</c>.
/// </summary>
public static class ResourceTreeStreamEndpoints
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/stream").RequireCaller();
        group.MapGet("/applications/{applicationName}/resource-tree", StreamAsync);
    }

    private static async Task StreamAsync(HttpContext context, string applicationName, ApplicationCache cache, RbacService rbac, ServerOptions options,
        ApplicationSources sources, KubeClient control, ResourceCustomizationsSource settings)
    {
        var (app, refusal) = ApplicationReadEndpoints.Find(context, cache, rbac, options, applicationName);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        var writer = ResultStream.Start(context);
        var cancellationToken = context.RequestAborted;
        var (_, events, subscription) = cache.Subscribe();
        using (subscription)
        {
            byte[]? sent = null;
            try
            {
                Task<bool>? pending = null;
                while (app is not null)
                {
                    if (sources.Clusters.Resolve(Application.Parse(app.Object).Spec.Destination) is not { } destination)
                    {
                        await writer.WriteErrorAsync(GrpcCode.FailedPrecondition, $"application {applicationName}: its destination cluster is not known to Keelson", cancellationToken);
                        return;
                    }
                    var customizations = await settings.ReadAsync(control, options.ControlNamespace, cancellationToken);
                    var tree = Encoding.UTF8.GetBytes((await ResourceTree.BuildAsync(app.Object, destination.Client, cancellationToken, customizations)).ToJsonString());
                    if (sent is null || !sent.AsSpan().SequenceEqual(tree))
                    {
                        await writer.WriteResultAsync(tree, cancellationToken);
                        sent = tree;
                    }
                    else
                    {
                        await writer.KeepAliveIfDueAsync(cancellationToken);
                    }

                    // Until the poll comes round or the Application changes; one wait at a time on the subscription.
                    pending ??= events.WaitToReadAsync(cancellationToken).AsTask();
                    if (await Task.WhenAny(pending, Task.Delay(PollInterval, cancellationToken)) != pending) continue;
                    var more = await pending;
                    pending = null;
                    if (!more) return;
                    while (events.TryRead(out var e))
                    {
                        if (e.Application.Name != applicationName) continue;
                        app = e.Type == ApplicationEventType.Deleted ? null : e.Application;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The client went away.
            }
        }
    }
}
