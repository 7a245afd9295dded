using System.Text;
using System.Text.Json.Nodes;
using Keelson.Cluster;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Keelson.Git;
using Keelson.Resources;
using Keelson.Server;
using Keelson.Tests.Shared;

namespace Keelson.Benchmarks;

/// <summary>
/// N guestbook-like Applications synced by the engine, behind the API server over HTTPS, all in one process: the Git
/// repository (served over smart HTTP), the embedded cluster on disk, the engine and the server, with admin logged in.
/// What the server and UI benchmarks stand on.
/// </summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private GitHttpServer? _git;

    private BenchSystem(string dir) => Dir = dir;

    public string Dir { get; }

    public string Repo => Path.Combine(Dir, "git", "guestbook");

    public string RepoUrl => _git!.UrlFor("guestbook");

    public KubeClient Client { get; private set; } = null!;

    public ApiResource AppType { get; private set; } = null!;

    public ApplicationController Controller { get; private set; } = null!;

    public KeelsonServer Server { get; private set; } = null!;

    public string AdminPassword { get; private set; } = "";

    public string Token { get; private set; } = "";

    /// <summary>
    /// Starts it all and waits until the <paramref name="apps"/> Applications (plus any <paramref name="extra"/> ones,
    /// whose files <paramref name="writeExtra"/> adds to the repository) are Synced and Healthy and the engine is idle.
    /// </summary>
    public static async Task<BenchSystem> StartAsync(int apps, Func<int, JsonObject>? annotate = null, int extraPods = 100,
        Action<string>? writeExtra = null, Func<string, IEnumerable<JsonObject>>? extra = null)
    {
        var system = new BenchSystem(Directory.CreateTempSubdirectory("keelson-bench-").FullName);
        try
        {
            await system.InitializeAsync(apps, annotate, extraPods, writeExtra, extra);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(int apps, Func<int, JsonObject>? annotate, int extraPods, Action<string>? writeExtra, Func<string, IEnumerable<JsonObject>>? extra)
    {
        LocalRepository.Init(Repo);
        AppsBenchmark.WriteBase(Repo);
        for (var i = 0; i < apps; i++) AppsBenchmark.WriteOverlay(Repo, i, "1.0.0");
        writeExtra?.Invoke(Repo);
        LocalRepository.CommitAll(Repo, "seed");
        _git = new GitHttpServer(Path.Combine(Dir, "git"));

        var cluster = await EmbeddedCluster.StartAsync(new ClusterOptions
        {
            DataDirectory = Path.Combine(Dir, "cluster"),
            Simulation = new SimulationOptions { NodePods = apps + extraPods, NodeCpu = "1000", NodeMemory = "4Ti", PodStartDelay = TimeSpan.FromMilliseconds(100) },
        });
        _owned.Add(cluster);
        Client = KubeClient.FromKubeconfig(cluster.WriteKubeconfig(Path.Combine(Dir, "kubeconfig")));
        Controller = await ApplicationController.StartAsync(Client, new EngineOptions
        {
            CacheDirectory = Path.Combine(Dir, "cache"),
            Workers = 16,
            RefreshInterval = TimeSpan.FromHours(1),
        });
        _owned.Insert(0, Controller);
        AppType = (await Client.FindAsync("argoproj.io/v1alpha1", "Application"))!;
        await AppsBenchmark.ApplyAllAsync(Client, AppType, apps, RepoUrl, annotate);
        var extraApps = extra?.Invoke(RepoUrl).ToList() ?? [];
        foreach (var app in extraApps) await Client.ApplyAsync(AppType, app, "bench", force: true);
        var total = apps + extraApps.Count;
        try
        {
            await AppsBenchmark.WaitAllAsync(Client, AppType, total, a => AppsBenchmark.Sync(a) == "Synced" && AppsBenchmark.Health(a) == "Healthy",
                TimeSpan.FromMinutes(total < 100 ? 1 : 10));
        }
        catch (TimeoutException)
        {
            var first = await Client.GetAsync(AppType, "argocd", AppsBenchmark.Name(0));
            throw new TimeoutException($"not all Applications became Synced and Healthy; {AppsBenchmark.Name(0)}'s status: {first?["status"]?.ToJsonString()}");
        }
        await AppsBenchmark.Quiesce(Controller);

        Server = await KeelsonServer.StartAsync(Client, new ServerOptions { Port = 0 });
        _owned.Insert(0, Server);
        AdminPassword = Encoding.UTF8.GetString(Convert.FromBase64String(
            (await Client.GetAsync("v1", "Secret", "argocd", "argocd-initial-admin-secret"))!["data"]!["password"]!.ToString()));
        Token = await LoginAsync(AdminPassword) ?? throw new InvalidOperationException("admin cannot log in");
    }

    /// <summary>Logs admin in over the API; null when refused.</summary>
    public async Task<string?> LoginAsync(string password)
    {
        using var anonymous = Server.CreateHttpClient();
        var response = await anonymous.SendAsync(Json(HttpMethod.Post, "api/v1/session", new JsonObject { ["username"] = "admin", ["password"] = password }.ToJsonString()));
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.ToString() : null;
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(method, path) { Content = content };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync();
        Client?.Dispose();
        _git?.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
