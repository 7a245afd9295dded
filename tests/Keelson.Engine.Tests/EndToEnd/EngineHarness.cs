using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Cluster;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Keelson.Git;
using Keelson.Resources;
using Keelson.Resources.Serialization;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

/// <summary>
/// A real embedded cluster on 127.0.0.1, a real Git repository on disk, and the engine's controller running
/// against the cluster through a kubeconfig, as `keelson controller` does.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(string dir, EmbeddedCluster cluster, KubeClient client, ApplicationController controller)
    {
        Dir = dir;
        Cluster = cluster;
        Client = client;
        Controller = controller;
    }

    public string Dir { get; }

    public EmbeddedCluster Cluster { get; }

    public KubeClient Client { get; }

    public ApplicationController Controller { get; }

    public string Kubeconfig => Path.Combine(Dir, "kubeconfig");

    /// <summary>The working copy of the test's Git repository (commits go here; Applications use its path as repoURL).</summary>
    public string Repo => Path.Combine(Dir, "repo");

    public static async Task<EngineHarness> StartAsync(Action<string>? seed = null, EngineOptions? options = null, ClusterRegistry? clusters = null)
    {
        var dir = Directory.CreateTempSubdirectory("keelson-engine-").FullName;
        var cluster = await EmbeddedCluster.StartAsync(new ClusterOptions
        {
            InMemory = true,
            Simulation = new SimulationOptions { PodStartDelay = TimeSpan.FromMilliseconds(50), DefaultRunFor = TimeSpan.FromMilliseconds(300) },
        });
        cluster.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        var repo = Path.Combine(dir, "repo");
        LocalRepository.Init(repo);
        seed?.Invoke(repo);
        LocalRepository.CommitAll(repo, "initial");
        var client = KubeClient.FromKubeconfig(Path.Combine(dir, "kubeconfig"));
        options ??= new EngineOptions();
        options = options with { CacheDirectory = Path.Combine(dir, "cache"), WaveDelay = TimeSpan.FromMilliseconds(100) };
        var controller = await ApplicationController.StartAsync(client, options, clusters ?? new ClusterRegistry(client));
        return new EngineHarness(dir, cluster, client, controller);
    }

    /// <summary>Writes files into the working copy (path → content; null content deletes) and commits them; returns the commit SHA.</summary>
    public string Commit(string message, IReadOnlyDictionary<string, string?> files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(Repo, path);
            if (content is null) File.Delete(full);
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
            }
        }
        return LocalRepository.CommitAll(Repo, message);
    }

    /// <summary>Applies YAML documents (server-side apply, as kubectl apply --server-side would).</summary>
    public Task ApplyAsync(string yaml) => Client.ApplyManifestsAsync(yaml, "test");

    public Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name) => Client.GetAsync(apiVersion, kind, ns, name);

    /// <summary>Merge-patches an Application (e.g. to request a sync through its operation field).</summary>
    public async Task PatchAppAsync(string name, string patchJson)
    {
        var type = await Client.FindAsync("argoproj.io/v1alpha1", "Application") ?? throw new InvalidOperationException("Application not served");
        await Client.MergePatchAsync(type, "argocd", name, (JsonObject)JsonNode.Parse(patchJson)!);
    }

    /// <summary>Asks for a sync as `argocd app sync` does: through the Application's operation field.</summary>
    public Task RequestSyncAsync(string name, bool prune = false) =>
        PatchAppAsync(name, "{\"operation\":{\"sync\":{\"prune\":" + (prune ? "true" : "false") + "},\"initiatedBy\":{\"username\":\"test\"}}}");

    public Task<JsonObject?> GetAppAsync(string name) => GetAsync("argoproj.io/v1alpha1", "Application", "argocd", name);

    /// <summary>Waits until the Application satisfies <paramref name="condition"/>; the failure message shows its last status.</summary>
    public async Task<JsonObject> WaitForAppAsync(string name, Func<JsonObject, bool> condition, string what, double seconds = 30)
    {
        var deadline = Stopwatch.StartNew();
        JsonObject? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            last = await GetAppAsync(name);
            if (last is not null && condition(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Application {name} did not become {what} within {seconds} s; last status:\n{last?["status"]?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })}");
    }

    public async Task<JsonObject?> WaitForAsync(string apiVersion, string kind, string? ns, string name, Func<JsonObject?, bool> condition, string what, double seconds = 30)
    {
        var deadline = Stopwatch.StartNew();
        JsonObject? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            last = await GetAsync(apiVersion, kind, ns, name);
            if (condition(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{kind} {ns}/{name} did not become {what} within {seconds} s; last:\n{last?.ToJsonString()}");
    }

    public static string Sync(JsonObject app) => app.GetPath("status", "sync", "status")?.ToString() ?? "";

    public static string Health(JsonObject app) => app.GetPath("status", "health", "status")?.ToString() ?? "";

    public static string Revision(JsonObject app) => app.GetPath("status", "sync", "revision")?.ToString() ?? "";

    /// <summary>The Application's conditions as "Type: message" lines.</summary>
    public static string Conditions(JsonObject app) =>
        string.Join("\n", (app.GetPath("status", "conditions") as JsonArray ?? []).OfType<JsonObject>().Select(c => $"{c["type"]}: {c["message"]}"));

    /// <summary>Runs the real kubectl with the harness kubeconfig.</summary>
    public Task<Kubectl.Result> KubectlAsync(string arguments, string? stdin = null) =>
        Kubectl.RunAsync(Kubeconfig, Path.Combine(Dir, "kubecache"), arguments, stdin);

    /// <summary>An Application manifest for this harness's repository.</summary>
    public string Application(string name, string path, string ns, string syncPolicy = "", string project = "default", string extraSpec = "") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
        spec:
          project: {project}
          source:
            repoURL: {Repo}
            targetRevision: main
            path: {path}
          destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        {Indent(syncPolicy)}
        {Indent(extraSpec)}
        """;

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : "  " + l));

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync();
        Client.Dispose();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
