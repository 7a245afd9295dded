using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Cluster;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Keelson.Git;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>
/// One started system for the API tests: the embedded cluster, the engine, a Git repository on disk with the sample
/// app, the seed's AppProjects and argocd-rbac-cm, two Applications (web-dev in default, automated; web-prod in
/// production, manual), and the server over real HTTPS.
/// </summary>
public sealed class ServerHarness : IAsyncLifetime
{
    private EmbeddedCluster? _cluster;
    private ApplicationController? _controller;

    public string Dir { get; } = Directory.CreateTempSubdirectory("keelson-server-").FullName;

    public string Repo => Path.Combine(Dir, "repo");

    public KubeClient Client { get; private set; } = null!;

    public KeelsonServer Server { get; private set; } = null!;

    /// <summary>The admin password the server made on first start (argocd-initial-admin-secret).</summary>
    public string AdminPassword { get; private set; } = "";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public static string PasswordOf(string account) => $"{account}-secret-1";

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync(new ClusterOptions
        {
            InMemory = true,
            Simulation = new SimulationOptions { PodStartDelay = TimeSpan.FromMilliseconds(50), DefaultRunFor = TimeSpan.FromMilliseconds(300) },
        });
        var kubeconfig = _cluster.WriteKubeconfig(Path.Combine(Dir, "kubeconfig"));
        LocalRepository.Init(Repo);
        SampleApp.Seed(Repo);
        Directory.CreateDirectory(Path.Combine(Repo, "apps/web/prod"));
        File.WriteAllText(Path.Combine(Repo, "apps/web/prod/kustomization.yaml"), "resources:\n  - ../base\n");
        LocalRepository.CommitAll(Repo, "initial");
        Client = KubeClient.FromKubeconfig(kubeconfig);
        _controller = await ApplicationController.StartAsync(Client, new EngineOptions { CacheDirectory = Path.Combine(Dir, "cache") });

        var examples = Path.Combine(Rbac.RbacFixture.RepositoryRoot, "examples", "argocd-apps");
        var projects = File.ReadAllText(Path.Combine(examples, "projects.yaml"))
            .Replace("https://github.com/keelson-dev/keelson.git", Repo, StringComparison.Ordinal)
            .Replace("namespace: guestbook-prod", "namespace: web-prod", StringComparison.Ordinal);
        await Client.ApplyManifestsAsync(projects, "test", "projects.yaml");
        await Client.ApplyManifestsAsync(File.ReadAllText(Path.Combine(examples, "argocd-rbac-cm.yaml")), "test", "argocd-rbac-cm.yaml");
        await Client.ApplyManifestsAsync(File.ReadAllText(Path.Combine(examples, "argocd-cm.yaml")), "test", "argocd-cm.yaml");
        await Client.ApplyManifestsAsync(App("web-dev", "default", "apps/web/overlays/dev", "web-dev", SampleApp.Automated), "test", "web-dev");
        await Client.ApplyManifestsAsync(App("web-prod", "production", "apps/web/prod", "web-prod", SampleApp.Manual), "test", "web-prod");

        Server = await KeelsonServer.StartAsync(Client, new ServerOptions { Port = 0 });
        await Server.Rbac.RefreshAsync(CancellationToken.None);
        // The seed's local accounts get passwords from admin, as an operator would set them.
        AdminPassword = (await Client.GetAsync("v1", "Secret", "argocd", "argocd-initial-admin-secret"))!["data"]!["password"]!.ToString();
        AdminPassword = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(AdminPassword));
        foreach (var account in new[] { "alice", "bob", "carol" })
        {
            var failure = await Server.Sessions.UpdatePasswordAsync("admin", AdminPassword, PasswordOf(account), account);
            if (failure is not null) throw new InvalidOperationException($"setting {account}'s password: {failure}");
        }
    }

    public string App(string name, string project, string path, string ns, string syncPolicy, string labels = "team: web") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          labels:
            {labels}
        spec:
          project: {project}
          source:
            repoURL: REPO
            path: {path}
            targetRevision: main
          destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        {Indent(syncPolicy)}
        """.Replace("REPO", Repo, StringComparison.Ordinal);

    private static string Indent(string yaml) => string.Join("\n", yaml.Split('\n').Select(l => "  " + l));

    /// <summary>A client of the server calling as <paramref name="account"/>, logged in through the API once (null: no credentials).</summary>
    public HttpClient As(string? account)
    {
        if (account is null) return Server.CreateHttpClient();
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(account, out var token))
            {
                token = LoginAsync(account, account == "admin" ? AdminPassword : PasswordOf(account)).GetAwaiter().GetResult()
                    ?? throw new InvalidOperationException($"{account} cannot log in");
                _tokens[account] = token;
            }
            return Server.CreateHttpClient(token);
        }
    }

    /// <summary>POST /api/v1/session; the token, or null when refused.</summary>
    public async Task<string?> LoginAsync(string username, string password)
    {
        using var http = Server.CreateHttpClient();
        var response = await SendJsonAsync(http, HttpMethod.Post, "api/v1/session", new JsonObject { ["username"] = username, ["password"] = password }.ToJsonString());
        return response.IsSuccessStatusCode ? (await JsonAsync(response))["token"]!.ToString() : null;
    }

    /// <summary>Sends JSON with Content-Type application/json, as Argo's CSRF guard wants of every request but a GET (a null body is sent empty).</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(HttpClient http, HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json ?? "", Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        request.Content.Headers.ContentType!.CharSet = null;
        return http.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Waits until the Application, read over the API as admin, satisfies <paramref name="condition"/>.</summary>
    public async Task<JsonObject> WaitForAsync(string name, Func<JsonObject, bool> condition, string what, double seconds = 30)
    {
        using var http = As("admin");
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var response = await http.GetAsync($"api/v1/applications/{name}");
            if (response.IsSuccessStatusCode)
            {
                last = await JsonAsync(response);
                if (condition(last)) return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{name} did not become {what} within {seconds} s; last status: {last?["status"]?.ToJsonString()}");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_controller is not null) await _controller.DisposeAsync();
        Client.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}
