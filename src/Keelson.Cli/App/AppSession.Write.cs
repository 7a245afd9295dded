using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>The kubeconfig-mode writes: Argo CD's operations as the changes to the Application its server would make.</summary>
public sealed partial class AppSession
{
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Sets the refresh annotation and waits until the engine has reconciled and removed it.</summary>
    public async Task<JsonObject> RefreshAsync(string name, string kind, CancellationToken cancellationToken)
    {
        await PatchAsync(name, new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ArgoAnnotations.Refresh] = kind } } }, cancellationToken);
        return await Terminal.ProgressAsync($"Refreshing {name}", progress => AppWaiter.UntilAsync(this, name,
            a => !a.GetAnnotations().ContainsKey(ArgoAnnotations.Refresh), "refreshed (is the engine running? `keelson up` or `keelson controller`)", RefreshTimeout, progress, cancellationToken));
    }

    public async Task<bool> CreateAsync(JsonObject app, bool upsert, CancellationToken cancellationToken)
    {
        var type = await ApplicationTypeAsync(cancellationToken);
        var appName = app.GetName()!;
        if (app.GetNamespace() is { } ns && ns != Namespace)
            throw new CliException($"{appName} names namespace {ns}, but Applications are read from {Namespace} (pass -N {ns})");
        app.SetNamespace(Namespace);
        try
        {
            await Call(() => Client.CreateAsync(type, app, "keelson-cli", cancellationToken: cancellationToken));
            return true;
        }
        catch (KubeApiException ex) when (ex.IsConflict)
        {
            if (!upsert)
                throw new CliException($"application '{appName}' already exists: pass --upsert to replace its spec, or change it with `keelson app set {appName}`");
            var existing = await GetAsync(appName, cancellationToken);
            existing["spec"] = app["spec"]?.DeepClone();
            await Call(() => Client.ReplaceAsync(type, existing, "keelson-cli", cancellationToken: cancellationToken));
            return false;
        }
    }

    /// <summary>
    /// With <paramref name="cascade"/> the Application gets Argo CD's resources finalizer first, so the engine deletes
    /// the objects it deployed before the Application goes; without, the finalizer is removed and the objects stay.
    /// </summary>
    public async Task DeleteAsync(Application app, bool cascade, string propagation, CancellationToken cancellationToken)
    {
        var type = await ApplicationTypeAsync(cancellationToken);
        var finalizer = propagation == "background" ? ArgoAnnotations.ResourcesFinalizerBackground : ArgoAnnotations.ResourcesFinalizer;
        var others = app.Finalizers.Where(f => !f.StartsWith(ArgoAnnotations.ResourcesFinalizer, StringComparison.Ordinal)).ToList();
        var wanted = cascade ? [.. others, finalizer] : others;
        if (!wanted.SequenceEqual(app.Finalizers, StringComparer.Ordinal))
        {
            var list = new JsonArray(wanted.Select(f => (JsonNode)f).ToArray());
            await PatchAsync(app.Name, new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = list } }, cancellationToken);
        }
        try
        {
            await Call(() => Client.DeleteAsync(type, Namespace, app.Name, cancellationToken: cancellationToken));
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            throw NotFound(app.Name);
        }
    }

    /// <summary>Sets the <c>operation</c> field; without a revision also the refresh annotation, so the target revision is resolved again now (as Argo CD does).</summary>
    public Task SyncAsync(string name, JsonObject sync, CancellationToken cancellationToken)
    {
        var patch = Operation(sync);
        if (sync["revision"] is null)
            patch["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ArgoAnnotations.Refresh] = "normal" } };
        return PatchAsync(name, patch, cancellationToken);
    }

    /// <summary>
    /// A sync to the entry's revision and source. Automated sync would undo that at once, so it is suspended in the
    /// same change (spec <c>automated.enabled: false</c> and the <see cref="ArgoAnnotations.AutoSyncSuspended"/>
    /// annotation, which the engine shows as an AutoSyncSuspended condition) until `keelson app set NAME --auto-sync`.
    /// </summary>
    public async Task<bool> RollbackAsync(Application app, RevisionHistory entry, bool prune, bool dryRun, CancellationToken cancellationToken)
    {
        var sync = new JsonObject { ["revision"] = entry.Revision, ["prune"] = prune, ["dryRun"] = dryRun };
        if (entry.Source is not null) sync["source"] = ArgoJson.Write(entry.Source);
        var patch = Operation(sync);
        var suspend = app.IsAutomated && !dryRun;
        if (suspend)
        {
            patch["spec"] = new JsonObject { ["syncPolicy"] = new JsonObject { ["automated"] = new JsonObject { ["enabled"] = false } } };
            patch["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [ArgoAnnotations.AutoSyncSuspended] = $"rolled back to history {entry.Id} ({AppView.Short(entry.Revision)}) by keelson app rollback",
                },
            };
        }
        await PatchAsync(app.Name, patch, cancellationToken);
        return suspend;
    }

    /// <summary>The merge patch that asks for a sync: <c>{"operation": {"sync": …, "initiatedBy": {"username": …}}}</c>.</summary>
    private static JsonObject Operation(JsonObject sync) => new()
    {
        ["operation"] = new JsonObject
        {
            ["sync"] = sync,
            ["initiatedBy"] = new JsonObject { ["username"] = UserName },
        },
    };
}
