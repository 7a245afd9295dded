using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Cli.Tests.App;
using Keelson.Cluster;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Keelson.Git;
using Keelson.Resources;
using Keelson.Server;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests.Server;

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "keelson against the API server";
}

/// <summary>
/// One started system for the CLI's server-mode tests, as the server's own API tests start it: the embedded cluster,
/// the engine, a Git repository on disk with the sample app, the seed's AppProjects, argocd-rbac-cm and argocd-cm
/// (accounts alice, bob, carol), two Applications (web-dev in default, automated; web-prod in production, manual), and
/// <c>KeelsonServer</c> over real HTTPS with its self-signed certificate. Tests run the real `keelson` program, each
/// with its own HOME and KEELSON_CONFIG.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private EmbeddedCluster? _cluster;
    private ApplicationController? _controller;
    private int _homes;

    public string Dir { get; } = Directory.CreateTempSubdirectory("keelson-cli-server-").FullName;

    public string Repo => Path.Combine(Dir, "repo");

    public string Kubeconfig => Path.Combine(Dir, "kubeconfig");

    public KubeClient Client { get; private set; } = null!;

    public KeelsonServer Server { get; private set; } = null!;

    /// <summary>host:port, as `keelson login` takes it.</summary>
    public string Host => $"{Server.BaseAddress.Host}:{Server.BaseAddress.Port}";

    public string AdminPassword { get; private set; } = "";

    /// <summary>The requests the server has received (its hosting log), to tell how the CLI asked.</summary>
    public RequestLog Requests { get; } = new();

    public static string PasswordOf(string account) => $"{account}-secret-1";

    public string Password(string account) => account == "admin" ? AdminPassword : PasswordOf(account);

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync(new ClusterOptions
        {
            InMemory = true,
            Simulation = new SimulationOptions { PodStartDelay = TimeSpan.FromMilliseconds(50), DefaultRunFor = TimeSpan.FromMilliseconds(300) },
        });
        _cluster.WriteKubeconfig(Kubeconfig);
        LocalRepository.Init(Repo);
        SampleApp.Seed(Repo);
        Directory.CreateDirectory(Path.Combine(Repo, "apps/web/prod"));
        File.WriteAllText(Path.Combine(Repo, "apps/web/prod/kustomization.yaml"), "resources:\n  - ../base\n");
        LocalRepository.CommitAll(Repo, "initial");
        Client = KubeClient.FromKubeconfig(Kubeconfig);
        _controller = await ApplicationController.StartAsync(Client, new EngineOptions { CacheDirectory = Path.Combine(Dir, "cache"), WaveDelay = TimeSpan.FromMilliseconds(100) });

        var examples = Path.Combine(RepositoryRoot, "examples", "argocd-apps");
        var projects = File.ReadAllText(Path.Combine(examples, "projects.yaml"))
            .Replace("https://github.com/keelson-dev/keelson.git", Repo, StringComparison.Ordinal)
            .Replace("namespace: guestbook-prod", "namespace: web-prod", StringComparison.Ordinal);
        await Client.ApplyManifestsAsync(projects, "test", "projects.yaml");
        await Client.ApplyManifestsAsync(File.ReadAllText(Path.Combine(examples, "argocd-rbac-cm.yaml")), "test", "argocd-rbac-cm.yaml");
        // dave is the password-change test's own account, so that changing it leaves the others' alone.
        var settings = File.ReadAllText(Path.Combine(examples, "argocd-cm.yaml")) + "  accounts.dave: apiKey, login\n";
        await Client.ApplyManifestsAsync(settings, "test", "argocd-cm.yaml");
        await Client.ApplyManifestsAsync(App("web-dev", "default", "apps/web/overlays/dev", "web-dev", SampleApp.Automated), "test", "web-dev");
        await Client.ApplyManifestsAsync(App("web-prod", "production", "apps/web/prod", "web-prod", SampleApp.Manual), "test", "web-prod");

        Server = await KeelsonServer.StartAsync(Client, new ServerOptions { Port = 0 }, Requests);
        await Server.Rbac.RefreshAsync(CancellationToken.None);
        var secret = (await Client.GetAsync("v1", "Secret", "argocd", "argocd-initial-admin-secret"))!["data"]!["password"]!.ToString();
        AdminPassword = Encoding.UTF8.GetString(Convert.FromBase64String(secret));
        foreach (var account in new[] { "alice", "bob", "carol", "dave" })
        {
            var failure = await Server.Sessions.UpdatePasswordAsync("admin", AdminPassword, PasswordOf(account), account);
            if (failure is not null) throw new InvalidOperationException($"setting {account}'s password: {failure}");
        }
    }

    private static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Keelson.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException($"no Keelson.slnx above {AppContext.BaseDirectory}");
        }
    }

    private string App(string name, string project, string path, string ns, string syncPolicy) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
        spec:
          project: {project}
          source:
            repoURL: {Repo}
            path: {path}
            targetRevision: main
          destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        {string.Join("\n", syncPolicy.Split('\n').Select(l => "  " + l))}
        """;

    /// <summary>Writes files (path → content) into the repository and commits them on main; the commit's SHA.</summary>
    public string Commit(string message, IReadOnlyDictionary<string, string?> files) => AppFixture.Commit(Repo, message, files);

    /// <summary>
    /// Adds an Application of a test's own in the default project (through the kubeconfig, as a GitOps repository
    /// would), deploying <paramref name="path"/> to the namespace of its name; waits until the engine has compared it.
    /// </summary>
    public async Task CreateAppAsync(string name, string path, string syncPolicy = SampleApp.Manual)
    {
        await Client.ApplyManifestsAsync(App(name, "default", path, name, syncPolicy), "test", name);
        await WaitForAppAsync(name, a => AppFixture.Sync(a) is { Length: > 0 }, "compared");
    }

    /// <summary>Removes a test's own Application (its objects stay) and waits until it is gone, so that the listings of other tests do not see it.</summary>
    public async Task DeleteAppAsync(string name)
    {
        var type = (await Client.FindAsync("argoproj.io/v1alpha1", "Application"))!;
        await Client.DeleteAsync(type, "argocd", name);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await GetAppAsync(name) is not null) await Task.Delay(100, deadline.Token);
    }

    /// <summary>A new empty home directory for one test's `keelson` runs: HOME and KEELSON_CONFIG point into it.</summary>
    public CliHome NewHome() => new(this, Path.Combine(Dir, "homes", $"home{Interlocked.Increment(ref _homes)}"));

    /// <summary>A session token from the API (as another client would have), for the environment-variable tests.</summary>
    public async Task<string> TokenAsync(string account)
    {
        using var http = Server.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/session")
        {
            Content = new StringContent(new JsonObject { ["username"] = account, ["password"] = Password(account) }.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.ToString();
    }

    public Task<JsonObject?> GetAppAsync(string name) => Client.GetAsync("argoproj.io/v1alpha1", "Application", "argocd", name);

    /// <summary>Waits until the Application, read from the cluster, satisfies <paramref name="condition"/>; the failure shows its last status.</summary>
    public Task<JsonObject> WaitForAppAsync(string name, Func<JsonObject, bool> condition, string what) =>
        AppFixture.WaitForAppAsync(Client, name, condition, what, 60);

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 50 ms; past <paramref name="seconds"/> the failure names <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, double seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"expected {what} within {seconds} s");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_controller is not null) await _controller.DisposeAsync();
        Client.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}

/// <summary>One test's user: a home directory of its own (no kubeconfig, no login context until `keelson login`).</summary>
public sealed class CliHome(ServerFixture fixture, string dir)
{
    public string Dir { get; } = Directory.CreateDirectory(dir).FullName;

    /// <summary>$KEELSON_CONFIG: the login contexts.</summary>
    public string Config => Path.Combine(Dir, "keelson-config");

    public ServerFixture Fixture { get; } = fixture;

    /// <summary>Runs `keelson ARGS` to the end with this home and without any KEELSON_/ARGOCD_ server variables but <paramref name="environment"/>.</summary>
    public Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string? stdin, params string[] args)
    {
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = Dir,
            ["KEELSON_CONFIG"] = Config,
            ["KEELSON_SERVER"] = null,
            ["KEELSON_AUTH_TOKEN"] = null,
            ["ARGOCD_SERVER"] = null,
            ["ARGOCD_AUTH_TOKEN"] = null,
            ["KUBECONFIG"] = null,
        };
        foreach (var (name, value) in environment) env[name] = value;
        return CliRun.RunAsync(args, env, stdin, 120);
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), null, args);

    /// <summary>`keelson login HOST --insecure --username ACCOUNT --password-stdin`, asserting it succeeds.</summary>
    public async Task LoginAsync(string account, params string[] extra)
    {
        var login = await RunAsync(new Dictionary<string, string?>(), Fixture.Password(account) + "\n",
            ["login", Fixture.Host, "--insecure", "--username", account, "--password-stdin", .. extra]);
        Assert.True(login.ExitCode == 0, login.ToString());
    }
}
