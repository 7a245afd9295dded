using System.Text.Json.Nodes;
using Keelson.Engine.Model;

namespace Keelson.Cli.App;

/// <summary>
/// Where `keelson app` reads and changes Applications: the control cluster through a kubeconfig
/// (<see cref="AppSession"/>, with the kubeconfig's rights), or Keelson's API server (<see cref="ServerBackend"/>, with
/// the caller's RBAC). The verbs say what they want in Argo CD's words; each backend does it its own way (a sync is
/// the <c>operation</c> field for one, <c>POST …/sync</c> for the other).
/// </summary>
public interface IAppBackend : IDisposable
{
    Terminal Terminal { get; }

    /// <summary>The Applications, by name; <paramref name="selector"/> a label selector, <paramref name="projects"/> empty for all.</summary>
    Task<IReadOnlyList<JsonObject>> ListAsync(string? selector, IReadOnlyList<string> projects, CancellationToken cancellationToken);

    /// <summary>One Application; not found (or not visible) is a <see cref="CliException"/>.</summary>
    Task<JsonObject> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>One Application, or null when there is none by that name.</summary>
    Task<JsonObject?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Asks the engine to compare again (<paramref name="kind"/> normal or hard) and returns the Application once it has.</summary>
    Task<JsonObject> RefreshAsync(string name, string kind, CancellationToken cancellationToken);

    /// <summary>Creates an Application; one that exists is replaced with <paramref name="upsert"/>, else an error. True when created, false when updated.</summary>
    Task<bool> CreateAsync(JsonObject app, bool upsert, CancellationToken cancellationToken);

    /// <summary>Deletes an Application; with <paramref name="cascade"/> the engine deletes its objects first (<paramref name="propagation"/> foreground or background).</summary>
    Task DeleteAsync(Application app, bool cascade, string propagation, CancellationToken cancellationToken);

    /// <summary>Asks for a sync: <paramref name="sync"/> is Argo CD's sync operation (<c>revision, prune, dryRun, resources[], syncOptions[]</c>).</summary>
    Task SyncAsync(string name, JsonObject sync, CancellationToken cancellationToken);

    /// <summary>Asks for a rollback to a history entry; true when automated sync was suspended for it.</summary>
    Task<bool> RollbackAsync(Application app, RevisionHistory entry, bool prune, bool dryRun, CancellationToken cancellationToken);

    /// <summary>Changes an Application with a JSON merge patch (RFC 7386: null removes a key); returns it as changed.</summary>
    Task<JsonObject> PatchAsync(string name, JsonObject patch, CancellationToken cancellationToken);
}
