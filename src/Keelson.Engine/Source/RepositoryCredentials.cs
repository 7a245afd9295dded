using System.Collections.Immutable;
using System.Net;
using Keelson.Engine.Kube;
using Keelson.Git;
using Keelson.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keelson.Engine.Source;

/// <summary>
/// The Git credentials Argo CD users declare: Secrets of the control namespace labelled
/// <c>argocd.argoproj.io/secret-type: repository</c> (what <c>POST /api/v1/repositories</c> and <c>argocd repo add</c>
/// write) or <c>repo-creds</c> (a template for every repository under a URL prefix), kept current by a list and
/// watch. <see cref="For"/> answers from the Secrets as they are when a fetch asks, so a Secret added or changed is
/// used by the next fetch.
/// </summary>
/// <remarks>
/// Order of lookup, as Argo CD's: a repository Secret for the same URL (compared case-insensitively, with or without
/// <c>.git</c> and a trailing <c>/</c>; one not scoped to a project first); if it has no credential, the repo-creds
/// Secret with the longest matching prefix; then the <c>fallback</c> (<see cref="EngineOptions.Credentials"/>).
/// Only https credentials are served: a Secret holding just an <c>sshPrivateKey</c> gives none. Nothing here logs or
/// formats a Secret's values. Thread-safe.
/// </remarks>
public sealed partial class RepositoryCredentials : IGitCredentials, IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly string _namespace;
    private readonly IGitCredentials? _fallback;
    private readonly Action<RepositoryCredentialSecret> _changed;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _listed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableDictionary<string, RepositoryCredentialSecret> _secrets = ImmutableDictionary.Create<string, RepositoryCredentialSecret>(StringComparer.Ordinal);
    private Task? _run;

    /// <param name="client">The control cluster.</param>
    /// <param name="ns">The control namespace, where Argo CD keeps its Secrets.</param>
    /// <param name="fallback">Asked when no Secret has a credential for the repository.</param>
    /// <param name="changed">Called (after the first list) with each Secret added, changed or removed, old and new form.</param>
    /// <param name="logger">Where unreadable Secrets and watch failures are reported.</param>
    public RepositoryCredentials(KubeClient client, string ns, IGitCredentials? fallback = null, Action<RepositoryCredentialSecret>? changed = null, ILogger? logger = null)
    {
        _client = client;
        _namespace = ns;
        _fallback = fallback;
        _changed = changed ?? (_ => { });
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Completes when the Secrets have been listed once, or when the control cluster refuses to list them (then only
    /// the fallback serves until a later list succeeds).
    /// </summary>
    public Task Listed => _listed.Task;

    /// <summary>Starts the list and watch (once).</summary>
    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    public GitCredential? For(string repoUrl)
    {
        var wanted = RepositoryUrl.Normalize(repoUrl);
        var secrets = Volatile.Read(ref _secrets).Values;
        var repository = secrets
            .Where(s => !s.IsTemplate && s.Credential is not null && s.Serves(wanted))
            .OrderBy(s => s.Project.Length > 0)
            .ThenBy(s => s.SecretName, StringComparer.Ordinal)
            .FirstOrDefault();
        if (repository is not null) return repository.Credential;
        var template = secrets
            .Where(s => s.IsTemplate && s.Credential is not null && s.Serves(wanted))
            .OrderByDescending(s => s.Key.Length)
            .ThenBy(s => s.SecretName, StringComparer.Ordinal)
            .FirstOrDefault();
        return template?.Credential ?? _fallback?.For(repoUrl);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var type = await _client.FindAsync("v1", "Secret", cancellationToken)
                    ?? throw new KubeApiException(HttpStatusCode.NotFound, "NotFound", "the control cluster serves no v1 Secret");
                // Every Secret of the namespace, filtered here: a Secret whose label is changed or removed must leave the
                // index, and a label-selected watch would not show it doing so.
                var (items, rv) = await _client.ListAsync(type, _namespace, null, cancellationToken);
                Replace(items.Select(RepositoryCredentialSecret.Read).OfType<RepositoryCredentialSecret>().ToDictionary(s => s.SecretName, StringComparer.Ordinal));
                _listed.TrySetResult();
                delay = TimeSpan.FromMilliseconds(200);
                await foreach (var e in _client.WatchAsync(type, _namespace, rv, cancellationToken))
                {
                    if (e.Type is not (WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)) continue;
                    var name = $"{e.Object.GetNamespace()}/{e.Object.GetName()}";
                    Set(name, e.Type == WatchEventType.Deleted ? null : RepositoryCredentialSecret.Read(e.Object));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                // Refused (RBAC): the controller runs on without them, saying so once; other failures are passing.
                if (ex is KubeApiException { Code: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized })
                {
                    if (_listed.TrySetResult()) LogSecretsRefused(_logger, _namespace, ex.Message);
                }
                else LogWatchFailed(_logger, _namespace, ex.Message);
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

    /// <summary>Takes a fresh list; after the first, reports what it changed (a watch may have missed it).</summary>
    private void Replace(Dictionary<string, RepositoryCredentialSecret> listed)
    {
        var old = Interlocked.Exchange(ref _secrets, listed.ToImmutableDictionary(StringComparer.Ordinal));
        if (!_listed.Task.IsCompleted) return;
        foreach (var name in old.Keys.Union(listed.Keys, StringComparer.Ordinal))
            Report(old.GetValueOrDefault(name), listed.GetValueOrDefault(name));
    }

    private void Set(string name, RepositoryCredentialSecret? secret)
    {
        ImmutableDictionary<string, RepositoryCredentialSecret> before, after;
        do
        {
            before = Volatile.Read(ref _secrets);
            after = secret is null ? before.Remove(name) : before.SetItem(name, secret);
        }
        while (Interlocked.CompareExchange(ref _secrets, after, before) != before);
        Report(before.GetValueOrDefault(name), secret);
    }

    private void Report(RepositoryCredentialSecret? before, RepositoryCredentialSecret? after)
    {
        if (before == after) return;
        if (before is not null) _changed(before);
        if (after is not null && after != before) _changed(after);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
            }
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "watch of repository Secrets in {Namespace} failed, relisting: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, string @namespace, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cannot read the Secrets of {Namespace} ({Reason}): repository and repo-creds Secrets are not used until they can be read")]
    private static partial void LogSecretsRefused(ILogger logger, string @namespace, string reason);
}
