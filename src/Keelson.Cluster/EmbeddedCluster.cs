using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers;
using Keelson.Cluster.Registry;
using Keelson.Cluster.Storage;
using Keelson.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster;

/// <summary>
/// The embedded Kubernetes-API-compatible cluster: a revisioned SQLite store, the resource catalog, the API server
/// on 127.0.0.1 and the in-process controllers (CRDs, namespaces, garbage collection, the scheduler and the simulated
/// kubelet of its node keelson-node).
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IRevisionedStore _store;
    private readonly List<IAsyncDisposable> _controllers;

    private EmbeddedCluster(WebApplication app, IRevisionedStore store, List<IAsyncDisposable> controllers, Uri address, string token, ObjectRegistry registry, ResourceCatalog catalog, X509Certificate2 certificate, ClusterClient client)
    {
        Client = client;
        Certificate = certificate;
        _app = app;
        _store = store;
        _controllers = controllers;
        BaseAddress = address;
        Token = token;
        Registry = registry;
        Catalog = catalog;
    }

    /// <summary>The self-signed serving certificate; clients trust it as the certificate authority.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Where the API listens, e.g. https://127.0.0.1:6443/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The bearer token every request but /version and the health checks must carry.</summary>
    public string Token { get; }

    public ObjectRegistry Registry { get; }

    /// <summary>In-process access for controllers and tests (same admission as the API).</summary>
    public ClusterClient Client { get; }

    public ResourceCatalog Catalog { get; }

    public static async Task<EmbeddedCluster> StartAsync(ClusterOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        loggerFactory ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        string token;
        SqliteStore store;
        X509Certificate2 certificate;
        if (options.InMemory)
        {
            token = options.Token ?? NewToken();
            certificate = ServingCertificate.LoadOrCreate(null);
            store = SqliteStore.OpenInMemory();
        }
        else
        {
            var dir = options.DataDirectory ?? ClusterOptions.DefaultDataDirectory;
            Directory.CreateDirectory(dir);
            // The store first: it refuses a database another process has open, before anything else is touched.
            store = SqliteStore.Open(Path.Combine(dir, "state.db"), new SqliteStoreOptions { Owner = options.Owner });
            try
            {
                token = options.Token ?? LoadOrCreateToken(Path.Combine(dir, "token"));
                certificate = ServingCertificate.LoadOrCreate(dir);
            }
            catch
            {
                await store.DisposeAsync();
                throw;
            }
        }
        store.StartCompactor(TimeSpan.FromSeconds(30), options.RetainedRevisions);

        var catalog = ResourceCatalog.CreateBuiltin();
        var registry = new ObjectRegistry(store);
        var ipAllocator = new ClusterIPAllocator();
        var events = new ClusterEvents();
        var handler = new ResourceHandler(catalog, registry, options.Time, ipAllocator, events);
        var controllers = new List<IAsyncDisposable>();
        try
        {
            var crds = new CustomResourceController(catalog, registry);
            crds.LoadExisting();
            events.Subscribe(crds);
            var services = new ServiceIPController(catalog, registry, ipAllocator);
            services.LoadExisting();
            events.Subscribe(services);
            var gc = new GarbageCollector(handler, loggerFactory.CreateLogger<GarbageCollector>());
            events.Subscribe(gc);
            controllers.Add(gc);
            var namespaces = new NamespaceController(handler, loggerFactory.CreateLogger<NamespaceController>());
            events.Subscribe(namespaces);
            controllers.Add(namespaces);
            await EnsureDefaultNamespacesAsync(catalog, registry, options.Time, cancellationToken);
            var client = new ClusterClient(handler, options.Time);
            // The node registers before anything is scheduled, so `kubectl get nodes` sees it as soon as the API answers.
            await Kubelet.SimulatedNode.RegisterAsync(client, options.Simulation, cancellationToken);
            await Kubelet.ImageCatalog.EnsureExistsAsync(client, cancellationToken);
            controllers.Add(new ControllerHost(client, ControllerSet.Create(options, loggerFactory), loggerFactory.CreateLogger<ControllerHost>()));

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate));
                // Bodies over the API's 3 MiB limit are read and refused with a Status; past this the connection is cut.
                kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
                kestrel.AddServerHeader = false;
            });
            var app = builder.Build();
            var router = new ApiRouter(handler, new MetricsApi(new Metrics.SimulatedMetrics(client)), token, loggerFactory.CreateLogger<ApiRouter>());
            app.Run(router.HandleAsync);
            await app.StartAsync(cancellationToken);
            var address = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
            return new EmbeddedCluster(app, store, controllers, address, token, registry, catalog, certificate, client);
        }
        catch
        {
            foreach (var c in controllers) await c.DisposeAsync();
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a kubeconfig whose current context "keelson" points at this cluster with its token.</summary>
    public string WriteKubeconfig(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Kubeconfig.Render(BaseAddress, Token, Certificate));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>An HttpClient that trusts this cluster's certificate and sends its token.</summary>
    public HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512 };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();
        var http = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var c in _controllers) await c.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static async Task EnsureDefaultNamespacesAsync(ResourceCatalog catalog, ObjectRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var type = catalog.Find("", "v1", "namespaces")!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            if (registry.Get(type, null, name) is not null) continue;
            var ns = new System.Text.Json.Nodes.JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["name"] = name,
                    ["uid"] = Guid.NewGuid().ToString(),
                    ["creationTimestamp"] = KubeTime.Format(time.GetUtcNow()),
                    ["labels"] = new System.Text.Json.Nodes.JsonObject { ["kubernetes.io/metadata.name"] = name },
                },
                ["spec"] = new System.Text.Json.Nodes.JsonObject { ["finalizers"] = new System.Text.Json.Nodes.JsonArray("kubernetes") },
                ["status"] = new System.Text.Json.Nodes.JsonObject { ["phase"] = "Active" },
            };
            try
            {
                await registry.CreateAsync(type, ns, cancellationToken);
            }
            catch (KeyExistsException)
            {
                // Another start won the race.
            }
        }
    }

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private static string LoadOrCreateToken(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0) return existing;
        }
        var token = NewToken();
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }
}
