using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keelson.Server.Auth;

/// <summary>
/// The authentication settings of one control namespace, read from <c>argocd-cm</c> and <c>argocd-secret</c>
/// through the Kubernetes API. A reading is kept for <see cref="CacheFor"/> and then read again, so edits made with
/// kubectl take effect within that time; the store's own writes take effect at once. Writes go to
/// <c>argocd-secret</c> only, each a read–change–replace on the Secret's resourceVersion, retried on conflict,
/// so concurrent writers (other replicas, kubectl) never lose each other's changes. Thread-safe.
/// </summary>
public sealed partial class AuthSettingsStore
{
    internal static readonly ApiResource ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);
    internal static readonly ApiResource Secrets = new("", "v1", "Secret", "secrets", true);

    private const string FieldManager = "keelson-server";
    private const int MaxWriteAttempts = 5;

    private readonly KubeClient _client;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Lock _warningsLock = new();
    private volatile Reading? _current;
    private long _writes;
    private IReadOnlyList<string> _loggedWarnings = [];

    public AuthSettingsStore(KubeClient client, string ns = AuthNames.DefaultNamespace, TimeProvider? time = null, ILogger<AuthSettingsStore>? logger = null)
    {
        _client = client;
        Namespace = ns;
        Time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The control namespace.</summary>
    public string Namespace { get; }

    /// <summary>The clock of the cache and of every time the store writes (password mtimes).</summary>
    public TimeProvider Time { get; }

    /// <summary>How long a reading is used before the objects are read again (default 2 s).</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The settings in force: the cached reading, or a new one when it is older than <see cref="CacheFor"/>.</summary>
    public Task<AuthSettings> GetAsync(CancellationToken cancellationToken = default) => GetAsync(CacheFor, cancellationToken);

    /// <summary>The settings read at most <paramref name="maxAge"/> ago (zero: read now).</summary>
    public async Task<AuthSettings> GetAsync(TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        if (Fresh(maxAge) is { } cached) return cached;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(maxAge) is { } read) return read;
            // A write that lands while this read is under way is newer than what it returns: keep the write's reading.
            var writes = Interlocked.Read(ref _writes);
            var (configMap, secret) = await ReadAsync(cancellationToken);
            return Remember(configMap, SecretData.FromSecret(secret), keep: Interlocked.Read(ref _writes) == writes);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets the cached reading: the next <see cref="GetAsync"/> reads the objects.</summary>
    public void Invalidate() => _current = null;

    /// <summary>
    /// Changes <c>argocd-secret</c>: reads both objects afresh, lets <paramref name="change"/> edit the Secret's data
    /// (or refuse, returning the error), and writes the Secret if anything changed (creating it when absent).
    /// A conflict re-runs the whole step on the new state. Throws <see cref="KubeApiException"/> for other refusals.
    /// </summary>
    internal async Task<AuthError?> UpdateSecretAsync(Func<AuthSettings, SecretData, AuthError?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var writes = Interlocked.Read(ref _writes);
            var (configMap, secret) = await ReadAsync(cancellationToken);
            var data = SecretData.FromSecret(secret);
            var settings = AuthSettings.Parse(configMap, data.Values);
            var refused = change(settings, data);
            if (refused is not null || !data.Changed)
            {
                Remember(configMap, data, keep: Interlocked.Read(ref _writes) == writes);
                return refused;
            }
            try
            {
                await WriteSecretAsync(AuthNames.Secret, secret, data, cancellationToken);
                Interlocked.Increment(ref _writes);
                Remember(configMap, data);
                return null;
            }
            catch (KubeApiException ex) when (ex.IsConflict && attempt < MaxWriteAttempts)
            {
                AuthLog.WriteConflict(_logger, Namespace, AuthNames.Secret, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(10 * Math.Pow(5, attempt - 1) * (0.9 + (0.2 * Random.Shared.NextDouble()))), cancellationToken);
            }
        }
    }

    private AuthSettings? Fresh(TimeSpan maxAge) =>
        _current is { } current && Time.GetUtcNow() - current.ReadAt < maxAge ? current.Settings : null;

    private async Task<(IReadOnlyDictionary<string, string> ConfigMap, JsonObject? Secret)> ReadAsync(CancellationToken cancellationToken)
    {
        var configMap = _client.GetAsync(ConfigMaps, Namespace, AuthNames.ConfigMap, cancellationToken);
        var secret = _client.GetAsync(Secrets, Namespace, AuthNames.Secret, cancellationToken);
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (await configMap)?["data"] as JsonObject ?? [])
            if (value is JsonValue v && v.TryGetValue<string>(out var text)) data[key] = text;
        return (data, await secret);
    }

    private AuthSettings Remember(IReadOnlyDictionary<string, string> configMap, SecretData secret, bool keep = true)
    {
        var settings = AuthSettings.Parse(configMap, secret.Values);
        if (keep) _current = new Reading(settings, Time.GetUtcNow());
        lock (_warningsLock)
        {
            foreach (var warning in settings.Warnings.Except(_loggedWarnings)) AuthLog.SettingsWarning(_logger, warning);
            _loggedWarnings = settings.Warnings;
        }
        return settings;
    }

    /// <summary>Creates the Secret when <paramref name="read"/> is null, else replaces its data on the resourceVersion it was read at.</summary>
    private async Task WriteSecretAsync(string name, JsonObject? read, SecretData data, CancellationToken cancellationToken)
    {
        if (read is null)
        {
            await _client.CreateAsync(Secrets, NewSecret(name, data), FieldManager, cancellationToken: cancellationToken);
            return;
        }
        read["data"] = data.ToJson();
        await _client.ReplaceAsync(Secrets, read, FieldManager, cancellationToken: cancellationToken);
    }

    private JsonObject NewSecret(string name, SecretData data)
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["type"] = "Opaque",
            ["data"] = data.ToJson(),
        };
        secret.SetName(name);
        secret.SetNamespace(Namespace);
        secret.SetLabel("app.kubernetes.io/name", name);
        secret.SetLabel("app.kubernetes.io/part-of", "argocd");
        return secret;
    }

    private sealed record Reading(AuthSettings Settings, DateTimeOffset ReadAt);
}
