using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Kube;
using Keelson.Engine.Live;
using Keelson.Engine.Model;
using Keelson.Engine.Source;
using Keelson.Git;
using Keelson.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keelson.Engine.Reconcile;

/// <summary>
/// The application controller: watches Applications and AppProjects in the control namespace, and the objects
/// Applications deploy in every destination; queues an Application when any of them changes, when its refresh
/// interval comes round, or when asked; and runs <see cref="ApplicationReconciler"/> on a pool of workers. Git
/// credentials come from the repository and repo-creds Secrets of the control namespace (<see cref="RepositoryCredentials"/>),
/// then from <see cref="EngineOptions.Credentials"/>.
/// </summary>
public sealed partial class ApplicationController : IAsyncDisposable
{
    private readonly KubeClient _control;
    private readonly EngineOptions _options;
    private readonly ClusterRegistry _clusters;
    private readonly ILogger _logger;
    private readonly WorkQueue _queue;
    private readonly CancellationTokenSource _stop = new();
    // Each Application's project and repositories, so a change to a project, or a push to a repository, queues it.
    private readonly ConcurrentDictionary<string, AppIndexEntry> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AppProject> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LiveStateCache> _live = new(StringComparer.Ordinal);
    private readonly List<Task> _tasks = [];
    private readonly ApplicationReconciler _reconciler;
    private readonly TaskCompletionSource _appsListed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _projectsListed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _settingsListed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApplicationController(KubeClient control, EngineOptions options, ClusterRegistry clusters, ILoggerFactory loggerFactory)
    {
        _control = control;
        _options = options;
        _clusters = clusters;
        _logger = loggerFactory.CreateLogger("Keelson.Engine");
        _queue = new WorkQueue(options.Time);
        Credentials = new RepositoryCredentials(control, options.ControlNamespace, options.Credentials, RefreshServedBy, _logger);
        Git = new RepositoryCache(options.CacheDirectory, Credentials, options.Time);
        _reconciler = new ApplicationReconciler(control, clusters, Git, options, name => _projects.GetValueOrDefault(name), LiveCache, _logger)
        {
            Requeue = (name, delay) => _ = RequeueAfterAsync(name, delay),
            Customizations = () => Customizations.Current,
        };
    }

    public RepositoryCache Git { get; }

    /// <summary>The credentials every fetch uses: the control namespace's repository Secrets, then <see cref="EngineOptions.Credentials"/>.</summary>
    public RepositoryCredentials Credentials { get; }

    public ClusterRegistry Clusters => _clusters;

    /// <summary>argocd-cm's resource customizations (health scripts, ignoreDifferences…), kept current by a watch.</summary>
    public ResourceCustomizationsSource Customizations { get; } = new();

    /// <summary>Reconciles run since start (for metrics and tests).</summary>
    public long Reconciles => Metrics.Reconciles;

    public EngineMetrics Metrics { get; } = new();

    /// <summary>Applications queued or being reconciled right now.</summary>
    public int Pending => _queue.Pending;

    /// <summary>
    /// Installs Argo CD's CRDs in the control cluster (namespace, default project), starts watching (Applications,
    /// AppProjects, repository Secrets) and starts the workers. <paramref name="clusters"/> defaults to the control
    /// cluster alone.
    /// </summary>
    public static async Task<ApplicationController> StartAsync(KubeClient control, EngineOptions? options = null, ClusterRegistry? clusters = null,
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new EngineOptions();
        await ControlPlane.InstallAsync(control, options.ControlNamespace, cancellationToken);
        var controller = new ApplicationController(control, options, clusters ?? new ClusterRegistry(control), loggerFactory ?? NullLoggerFactory.Instance);
        controller.Start();
        await Task.WhenAll(controller._appsListed.Task, controller._projectsListed.Task, controller._settingsListed.Task, controller.Credentials.Listed).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return controller;
    }

    /// <summary>Queues an Application; with <paramref name="refreshSource"/> Git is asked again.</summary>
    public void Refresh(string name, bool refreshSource = true) => _queue.Add(name, refreshSource);

    /// <summary>
    /// Queues, with Git asked again, every Application with a source in the repository <paramref name="repoUrl"/>
    /// (compared as <see cref="RepositoryUrl.Normalize"/> compares URLs); returns their names. This is what a push
    /// notification (a ref watch, a webhook) calls.
    /// </summary>
    public IReadOnlyList<string> RefreshRepository(string repoUrl)
    {
        var wanted = RepositoryUrl.Normalize(repoUrl);
        var queued = new List<string>();
        foreach (var (name, entry) in _apps)
        {
            if (!entry.Repositories.Contains(wanted, StringComparer.Ordinal)) continue;
            _queue.Add(name, true);
            queued.Add(name);
        }
        return queued;
    }

    /// <summary>
    /// A repository Secret was added, changed or removed: the Applications it serves look at Git again now, so a
    /// repository that failed for want of credentials is fetched without waiting for the next refresh.
    /// </summary>
    private void RefreshServedBy(RepositoryCredentialSecret secret)
    {
        foreach (var (name, entry) in _apps)
        {
            if (entry.Repositories.Any(secret.Serves)) _queue.Add(name, true);
        }
    }

    private void Start()
    {
        var token = _stop.Token;
        Credentials.Start();
        _tasks.Add(Task.Run(() => WatchApplicationsAsync(token)));
        _tasks.Add(Task.Run(() => WatchProjectsAsync(token)));
        _tasks.Add(Task.Run(() => WatchSettingsAsync(token)));
        for (var i = 0; i < Math.Max(1, _options.Workers); i++) _tasks.Add(Task.Run(() => WorkAsync(token)));
    }

    private LiveStateCache LiveCache(RegisteredCluster cluster) =>
        _live.GetOrAdd(cluster.Name, _ => new LiveStateCache(cluster.Client, (app, _) => _queue.Add(app, false), _logger,
            (old, updated) => !Customizations.Current.IgnoresUpdate(old, updated)));

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string name;
            DateTimeOffset? refresh;
            try
            {
                (name, refresh) = await _queue.TakeAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var type = await _control.FindAsync(ArgoAnnotations.ApiVersion, "Application", cancellationToken);
                // Read the object afresh: the watch may not have delivered this controller's own last status write yet.
                var raw = type is null ? null : await _control.GetAsync(type, _options.ControlNamespace, name, cancellationToken);
                if (raw is null)
                {
                    _reconciler.Forget(name);
                    continue;
                }
                raw["apiVersion"] ??= ArgoAnnotations.ApiVersion;
                raw["kind"] ??= "Application";
                var app = Application.Parse(raw);
                var refreshAnnotation = raw.GetAnnotations().ContainsKey(ArgoAnnotations.Refresh);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                if (refreshAnnotation) refresh ??= _options.Time.GetUtcNow();
                await _reconciler.ReconcileAsync(app, new ReconcileRequest(refresh), cancellationToken);
                Metrics.RecordReconcile(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or IOException or TimeoutException)
            {
                Metrics.RecordFailure();
                LogReconcileFailed(_logger, name, ex.Message);
                _ = RequeueAfterAsync(name, TimeSpan.FromSeconds(2));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug must not take the controller down with it: log it, and try this Application again later.
                LogReconcileCrashed(_logger, name, ex);
                _ = RequeueAfterAsync(name, TimeSpan.FromSeconds(10));
            }
            finally
            {
                _queue.Done(name);
            }
        }
    }

    private async Task RequeueAfterAsync(string name, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _options.Time, _stop.Token);
            _queue.Add(name, false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task WatchApplicationsAsync(CancellationToken cancellationToken) =>
        InformAsync("Application", _appsListed, (type, obj) =>
        {
            var name = obj.GetName()!;
            if (type == WatchEventType.Deleted)
            {
                _apps.TryRemove(name, out _);
                _fingerprints.TryRemove(name, out _);
                _reconciler.Forget(name);
                return;
            }
            _apps[name] = AppIndexEntry.Of(obj);
            // A terminate (the API server sets the phase) stops the running sync now — one asked for, or an automated one
            // (which has no operation field) — or is handled by the next reconcile.
            if (obj.GetPath("status", "operationState", "phase")?.ToString() == "Terminating")
            {
                _reconciler.Terminate(name);
                _queue.Add(name, false);
            }
            // Only what the user (or another tool) changes triggers a reconcile; this controller's status writes do not.
            var fingerprint = Fingerprint(obj);
            var old = _fingerprints.GetValueOrDefault(name);
            if (old == fingerprint) return;
            _fingerprints[name] = fingerprint;
            var refresh = old is null || SpecOf(old) != SpecOf(fingerprint) || obj.GetAnnotations().ContainsKey(ArgoAnnotations.Refresh);
            _queue.Add(name, refresh);
        }, cancellationToken);

    private Task WatchProjectsAsync(CancellationToken cancellationToken) =>
        InformAsync("AppProject", _projectsListed, (type, obj) =>
        {
            var name = obj.GetName()!;
            if (type == WatchEventType.Deleted) _projects.TryRemove(name, out _);
            else
            {
                try
                {
                    _projects[name] = AppProject.Parse(obj);
                }
                catch (InvalidOperationException ex)
                {
                    LogBadProject(_logger, name, ex.Message);
                    _projects.TryRemove(name, out _);
                }
            }
            foreach (var (appName, entry) in _apps)
                if (entry.Project == name) _queue.Add(appName, false);
        }, cancellationToken);

    /// <summary>
    /// argocd-cm: a change to its resource customizations queues every Application, so health is judged again by
    /// the scripts now in force (Git is not asked again).
    /// </summary>
    private Task WatchSettingsAsync(CancellationToken cancellationToken) =>
        InformAsync("ConfigMap", _settingsListed, (type, obj) =>
        {
            if (obj.GetName() != ResourceCustomizationsSource.ConfigMapName) return;
            if (!Customizations.Update(type == WatchEventType.Deleted ? null : obj)) return;
            foreach (var error in Customizations.Current.Overrides.Errors) LogBadCustomization(_logger, error);
            foreach (var name in _apps.Keys) _queue.Add(name, false);
        }, cancellationToken, apiVersion: "v1");

    /// <summary>List then watch a kind in the control namespace, relisting after errors, feeding every object to <paramref name="handle"/>.</summary>
    private async Task InformAsync(string kind, TaskCompletionSource listed, Action<WatchEventType, JsonObject> handle, CancellationToken cancellationToken,
        string apiVersion = ArgoAnnotations.ApiVersion)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var type = await _control.FindAsync(apiVersion, kind, cancellationToken)
                    ?? throw new KubeApiException(System.Net.HttpStatusCode.NotFound, "NotFound", $"{kind} is not served");
                var (items, rv) = await _control.ListAsync(type, _options.ControlNamespace, null, cancellationToken);
                foreach (var item in items) handle(WatchEventType.Added, item);
                listed.TrySetResult();
                delay = TimeSpan.FromMilliseconds(200);
                await foreach (var e in _control.WatchAsync(type, _options.ControlNamespace, rv, cancellationToken))
                {
                    if (e.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted) handle(e.Type, e.Object);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                LogWatchFailed(_logger, kind, ex.Message);
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private static string Fingerprint(JsonObject app)
    {
        var meta = app.GetMetadata();
        return string.Join("\u0001",
            app["spec"]?.ToJsonString() ?? "",
            app["operation"]?.ToJsonString() ?? "",
            meta?["deletionTimestamp"]?.ToJsonString() ?? "",
            meta?["finalizers"]?.ToJsonString() ?? "",
            app.GetAnnotations().GetValueOrDefault(ArgoAnnotations.Refresh) ?? "");
    }

    private static string SpecOf(string fingerprint) => fingerprint[..fingerprint.IndexOf('\u0001')];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_tasks).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }
        foreach (var cache in _live.Values) await cache.DisposeAsync();
        await Credentials.DisposeAsync();
        Git.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "reconcile of {App} failed, retrying: {Reason}")]
    private static partial void LogReconcileFailed(ILogger logger, string app, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "reconcile of {App} crashed (a Keelson bug)")]
    private static partial void LogReconcileCrashed(ILogger logger, string app, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "watch of {Kind} failed, relisting: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resource customization refused: {Reason}")]
    private static partial void LogBadCustomization(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AppProject {Project} cannot be read: {Reason}")]
    private static partial void LogBadProject(ILogger logger, string project, string reason);
}
