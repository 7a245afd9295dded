using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Cluster;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Keelson.Git;
using Keelson.Resources;
using Keelson.Resources.Serialization;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests.App;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "keelson app";
}

/// <summary>
/// One real embedded cluster on 127.0.0.1 with the engine running against it through a kubeconfig (as
/// `keelson controller` does), shared by the `keelson app` tests; each test makes its own Git repository on disk
/// and its own Applications, and runs the real `keelson app …` program against the kubeconfig.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private int _repos;

    public string Dir { get; } = Directory.CreateTempSubdirectory("keelson-cli-app-").FullName;

    public EmbeddedCluster Cluster { get; private set; } = null!;

    public KubeClient Client { get; private set; } = null!;

    public ApplicationController Controller { get; private set; } = null!;

    public string Kubeconfig => Path.Combine(Dir, "kubeconfig");

    public async Task InitializeAsync()
    {
        Cluster = await EmbeddedCluster.StartAsync(new ClusterOptions
        {
            InMemory = true,
            Simulation = new SimulationOptions { PodStartDelay = TimeSpan.FromMilliseconds(50) },
        });
        Cluster.WriteKubeconfig(Kubeconfig);
        Client = KubeClient.FromKubeconfig(Kubeconfig);
        Controller = await ApplicationController.StartAsync(Client, new EngineOptions
        {
            CacheDirectory = Path.Combine(Dir, "engine-cache"),
            WaveDelay = TimeSpan.FromMilliseconds(100),
        });
    }

    public async Task DisposeAsync()
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
            // Best effort.
        }
    }

    /// <summary>A new Git repository on disk seeded with <see cref="SampleApp"/> and committed; returns its path (the repoURL).</summary>
    public string NewRepo()
    {
        var repo = Path.Combine(Dir, "repos", $"repo{Interlocked.Increment(ref _repos)}");
        LocalRepository.Init(repo);
        SampleApp.Seed(repo);
        LocalRepository.CommitAll(repo, "initial");
        return repo;
    }

    /// <summary>Writes files (path → content) into a repository and commits them; returns the commit SHA.</summary>
    public static string Commit(string repo, string message, IReadOnlyDictionary<string, string?> files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(repo, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        return LocalRepository.CommitAll(repo, message);
    }

    /// <summary>Runs `keelson ARGS --kubeconfig …` to the end; stdout and stderr apart.</summary>
    public Task<CliResult> RunAsync(params string[] args) =>
        CliRun.RunAsync(args.Contains("--kubeconfig") ? args : [.. args, "--kubeconfig", Kubeconfig], new Dictionary<string, string?> { ["HOME"] = Dir });

    /// <summary>Applies YAML documents (server-side apply, as kubectl apply --server-side).</summary>
    public Task ApplyAsync(string yaml) => Client.ApplyManifestsAsync(yaml, "test");

    public Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name) => Client.GetAsync(apiVersion, kind, ns, name);

    public Task<JsonObject?> GetAppAsync(string name) => GetAsync("argoproj.io/v1alpha1", "Application", "argocd", name);

    public async Task<string?> ImageAsync(string ns, string name = "web") =>
        (await GetAsync("apps/v1", "Deployment", ns, name))?.GetPath("spec", "template", "spec", "containers")?.AsArray()[0]?["image"]?.ToString();

    /// <summary>Waits until the Application satisfies <paramref name="condition"/>; the failure shows its last status.</summary>
    public Task<JsonObject> WaitForAppAsync(string name, Func<JsonObject, bool> condition, string what, double seconds = 30) =>
        WaitForAppAsync(Client, name, condition, what, seconds);

    /// <summary>Waits until the Application in the control cluster of <paramref name="client"/> satisfies <paramref name="condition"/>.</summary>
    public static async Task<JsonObject> WaitForAppAsync(KubeClient client, string name, Func<JsonObject, bool> condition, string what, double seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            last = await client.GetAsync("argoproj.io/v1alpha1", "Application", "argocd", name);
            if (last is not null && condition(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Application {name} did not become {what} within {seconds} s; last:\n{last?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })}");
    }

    public async Task WaitForAsync(Func<Task<bool>> condition, string what, double seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what} did not happen within {seconds} s");
    }

    /// <summary>An Application manifest for <paramref name="repo"/>'s dev overlay.</summary>
    public static string Application(string name, string repo, string ns, string syncPolicy) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
        spec:
          project: default
          source:
            repoURL: {repo}
            targetRevision: main
            path: apps/web/overlays/dev
          destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        {string.Join("\n", syncPolicy.Split('\n').Select(l => l.Length == 0 ? l : "  " + l))}
        """;

    /// <summary>For failure messages: the workload objects left in a namespace, with their deletion state and finalizers.</summary>
    public async Task<string> DescribeNamespaceAsync(string ns)
    {
        var sb = new System.Text.StringBuilder("\n--- objects in ").Append(ns).Append('\n');
        foreach (var (apiVersion, kind) in new[] { ("apps/v1", "Deployment"), ("apps/v1", "ReplicaSet"), ("v1", "Pod"), ("v1", "Service"), ("v1", "ConfigMap"), ("v1", "Secret") })
        {
            var type = (await Client.FindAsync(apiVersion, kind))!;
            var (items, _) = await Client.ListAsync(type, ns);
            foreach (var item in items)
                sb.Append(kind).Append(' ').Append(item.GetName()).Append(" deletionTimestamp=").Append(item.GetMetadata()?["deletionTimestamp"]?.ToString())
                    .Append(" finalizers=").Append(item.GetMetadata()?["finalizers"]?.ToJsonString()).Append('\n');
        }
        return sb.ToString();
    }

    public static string Sync(JsonObject app) => app.GetPath("status", "sync", "status")?.ToString() ?? "";

    public static string Health(JsonObject app) => app.GetPath("status", "health", "status")?.ToString() ?? "";

    public static string Revision(JsonObject app) => app.GetPath("status", "sync", "revision")?.ToString() ?? "";
}

/// <summary>What a `keelson` run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
