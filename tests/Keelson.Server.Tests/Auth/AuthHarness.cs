using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Server.Auth;
using Microsoft.Extensions.Logging;

namespace Keelson.Server.Tests.Auth;

/// <summary>
/// One test's server side of authentication: its own namespace in the shared cluster, a manual clock, captured
/// logs, and a store and session manager as the server makes them (with the login delay noise off).
/// </summary>
internal sealed class AuthHarness : IDisposable
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);
    private static readonly ApiResource Secrets = new("", "v1", "Secret", "secrets", true);
    private readonly ILoggerFactory _loggers;

    private AuthHarness(AuthCluster cluster, string ns, SessionOptions? options)
    {
        Client = cluster.Client;
        Namespace = ns;
        _loggers = Logs.Factory();
        Store = NewStore();
        Sessions = new SessionManager(Store, options ?? new SessionOptions { VerificationDelayNoise = false }, _loggers.CreateLogger<SessionManager>());
    }

    public KubeClient Client { get; }

    public string Namespace { get; }

    public ManualTime Time { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public AuthSettingsStore Store { get; }

    public SessionManager Sessions { get; }

    /// <summary>A namespace with <paramref name="argocdCm"/> as argocd-cm's data (when given), initialised as on the server's first start unless told not to.</summary>
    public static async Task<AuthHarness> StartAsync(AuthCluster cluster, IReadOnlyDictionary<string, string>? argocdCm = null, bool initialize = true, SessionOptions? options = null)
    {
        var harness = new AuthHarness(cluster, await cluster.NewNamespaceAsync(), options);
        if (argocdCm is not null) await harness.SetConfigMapAsync(argocdCm);
        if (initialize) await harness.Store.InitializeAsync();
        return harness;
    }

    /// <summary>Another server replica on the same namespace and clock.</summary>
    public AuthSettingsStore NewStore() => new(Client, Namespace, Time, _loggers.CreateLogger<AuthSettingsStore>());

    public async Task<string> AdminPasswordAsync() =>
        await Store.ReadInitialPasswordAsync() ?? throw new InvalidOperationException($"{Namespace}/{AuthNames.InitialAdminSecret} has no password");

    /// <summary>Replaces argocd-cm's data (creating it), as an administrator's kubectl apply would; the server sees it once its cache is older than CacheFor.</summary>
    public async Task SetConfigMapAsync(IReadOnlyDictionary<string, string> data)
    {
        var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["data"] = new JsonObject(data.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) };
        cm.SetName(AuthNames.ConfigMap);
        cm.SetNamespace(Namespace);
        await Client.ApplyAsync(ConfigMaps, cm, "tests");
    }

    /// <summary>Moves the clock past the store's cache so the next read sees what kubectl changed.</summary>
    public void ExpireCache() => Time.Advance(Store.CacheFor + TimeSpan.FromSeconds(1));

    public async Task<SecretData> ReadSecretAsync(string name) =>
        SecretData.FromSecret(await Client.GetAsync(Secrets, Namespace, name));

    public async Task<JsonObject?> GetSecretAsync(string name) => await Client.GetAsync(Secrets, Namespace, name);

    public async Task CreateSecretAsync(string name, IReadOnlyDictionary<string, string> data)
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["data"] = new SecretData(data.ToDictionary(p => p.Key, p => System.Text.Encoding.UTF8.GetBytes(p.Value))).ToJson(),
        };
        secret.SetName(name);
        secret.SetNamespace(Namespace);
        await Client.CreateAsync(Secrets, secret, "tests");
    }

    /// <summary>Logs in and returns the token, failing the test with the refusal otherwise.</summary>
    public async Task<string> LoginAsync(string user, string password)
    {
        var result = await Sessions.LoginAsync(user, password, "test");
        Assert.True(result.Succeeded, $"login of {user} was refused: {result.Error}");
        return result.Value;
    }

    /// <summary>Verifies a token that must be accepted.</summary>
    public async Task<VerifiedToken> AcceptedAsync(string token)
    {
        var result = await Sessions.VerifyAsync(token);
        Assert.True(result.Succeeded, $"the token was refused: {result.Error}");
        return result.Value;
    }

    /// <summary>Verifies a token that must be refused; returns the refusal.</summary>
    public async Task<AuthError> RefusedAsync(string token)
    {
        var result = await Sessions.VerifyAsync(token);
        Assert.False(result.Succeeded, "the token was accepted");
        return result.Error;
    }

    public void Dispose()
    {
        Sessions.Dispose();
        _loggers.Dispose();
    }
}
