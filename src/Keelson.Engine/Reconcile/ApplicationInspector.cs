using System.Collections.Concurrent;
using Keelson.Engine.Customizations;
using Keelson.Engine.Kube;
using Keelson.Engine.Live;
using Keelson.Engine.Model;
using Keelson.Git;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keelson.Engine.Reconcile;

/// <summary>Read-only views of an Application for tools (the CLI's diff): the same comparison the controller makes, without a controller.</summary>
public static class ApplicationInspector
{
    /// <summary>
    /// Compares an Application's manifests (at its target revision, or <paramref name="revision"/>) with its
    /// destination, changing nothing. <see cref="Comparison.Errors"/> lists what failed.
    /// </summary>
    public static async Task<Comparison> CompareAsync(KubeClient control, Application app, RepositoryCache git, string? revision = null,
        ClusterRegistry? clusters = null, CancellationToken cancellationToken = default)
    {
        clusters ??= new ClusterRegistry(control);
        var projects = new Dictionary<string, AppProject>(StringComparer.Ordinal);
        if (await control.FindAsync(ArgoAnnotations.ApiVersion, "AppProject", cancellationToken) is { } projectType)
        {
            var (items, _) = await control.ListAsync(projectType, app.Namespace, null, cancellationToken);
            foreach (var item in items)
            {
                try
                {
                    var project = AppProject.Parse(item);
                    projects[project.Name] = project;
                }
                catch (InvalidOperationException)
                {
                    // An unreadable project is reported as missing by validation.
                }
            }
        }
        var customizations = await new ResourceCustomizationsSource().ReadAsync(control, app.Namespace, cancellationToken);
        var caches = new ConcurrentDictionary<string, LiveStateCache>(StringComparer.Ordinal);
        try
        {
            var reconciler = new ApplicationReconciler(control, clusters, git, new EngineOptions(), projects.GetValueOrDefault,
                cluster => caches.GetOrAdd(cluster.Name, _ => new LiveStateCache(cluster.Client, (_, _) => { })), NullLogger.Instance)
            {
                Customizations = () => customizations,
            };
            return await reconciler.InspectAsync(app, revision, cancellationToken);
        }
        finally
        {
            foreach (var cache in caches.Values) await cache.DisposeAsync();
        }
    }
}
