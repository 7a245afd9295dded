using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Git;

namespace Keelson.Server.Applications;

/// <summary>
/// What the read endpoints need beyond the control cluster: the server's own Git cache (to render an Application's
/// source and describe its revisions) and the clusters Applications deploy to (to read live objects, events and logs).
/// </summary>
public sealed class ApplicationSources : IDisposable
{
    private readonly KubeClient _control;
    private readonly string _namespace;
    private readonly string? _temporaryCache;
    private readonly bool _ownsClusters;

    public ApplicationSources(KubeClient control, ServerOptions options)
    {
        _control = control;
        _namespace = options.ControlNamespace;
        if (options.GitCacheDirectory is null) _temporaryCache = Directory.CreateTempSubdirectory("keelson-server-git-").FullName;
        Git = new RepositoryCache(options.GitCacheDirectory ?? _temporaryCache!, options.GitCredentials, options.Time);
        _ownsClusters = options.Clusters is null;
        Clusters = options.Clusters ?? new ClusterRegistry(control);
    }

    public RepositoryCache Git { get; }

    public ClusterRegistry Clusters { get; }

    /// <summary>The AppProject named <paramref name="name"/> in the control namespace; null when there is none.</summary>
    public async Task<AppProject?> ProjectAsync(string name, CancellationToken cancellationToken)
    {
        var type = await _control.FindAsync(ArgoAnnotations.ApiVersion, "AppProject", cancellationToken);
        if (type is null) return null;
        var raw = await _control.GetAsync(type, _namespace, name, cancellationToken);
        return raw is null ? null : AppProject.Parse(raw);
    }

    public void Dispose()
    {
        Git.Dispose();
        if (_ownsClusters) Clusters.Dispose();
        if (_temporaryCache is null) return;
        try
        {
            Directory.Delete(_temporaryCache, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (a libgit2 handle being finalised): the temporary directory is left behind.
        }
    }
}
