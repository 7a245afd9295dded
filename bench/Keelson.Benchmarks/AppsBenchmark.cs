using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Cluster;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Keelson.Git;
using Keelson.Resources;

namespace Keelson.Benchmarks;

/// <summary>
/// N guestbook-like Applications (each a small overlay of ~8 objects) in one Git repository, against the embedded
/// cluster, in one process: cold start to all Synced and Healthy, one full no-change refresh, then a commit to one
/// app followed by a refresh, and a drift on a selfHeal app. Prints times, peak memory and reconcile percentiles.
/// Goals (2 cores): cold ≤ 60 s, no-change refresh ≤ 5 s, memory ≤ 1 GiB, commit → Synced ≤ 1 s median, heal ≤ 1 s median.
/// </summary>
internal static class AppsBenchmark
{
    public static async Task<int> RunAsync(int apps)
    {
        var dir = Directory.CreateTempSubdirectory("keelson-apps-bench-").FullName;
        try
        {
            var repo = Path.Combine(dir, "repo");
            LocalRepository.Init(repo);
            WriteBase(repo);
            for (var i = 0; i < apps; i++) WriteOverlay(repo, i, "1.0.0");
            LocalRepository.CommitAll(repo, "seed");

            await using var cluster = await EmbeddedCluster.StartAsync(new ClusterOptions
            {
                DataDirectory = Path.Combine(dir, "cluster"),
                Simulation = new SimulationOptions { NodePods = apps + 100, NodeCpu = "1000", NodeMemory = "4Ti", PodStartDelay = TimeSpan.FromMilliseconds(100) },
            });
            var kubeconfig = cluster.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
            using var client = KubeClient.FromKubeconfig(kubeconfig);
            var options = new EngineOptions { CacheDirectory = Path.Combine(dir, "cache"), Workers = 16, RefreshInterval = TimeSpan.FromHours(1) };
            await using var controller = await ApplicationController.StartAsync(client, options);
            var appType = (await client.FindAsync("argoproj.io/v1alpha1", "Application"))!;

            // Cold: from nothing to every Application Synced and Healthy.
            var clock = Stopwatch.StartNew();
            await ApplyAllAsync(client, appType, apps, repo);
            var created = clock.Elapsed;
            await WaitAllAsync(client, appType, apps, a => Sync(a) == "Synced" && Health(a) == "Healthy", TimeSpan.FromMinutes(10));
            var cold = clock.Elapsed;
            var coldPercentiles = Percentiles(controller.Metrics);

            // One full refresh that finds nothing to change.
            await Quiesce(controller);
            controller.Metrics.ResetDurations();
            var before = controller.Reconciles;
            clock.Restart();
            for (var i = 0; i < apps; i++) controller.Refresh(Name(i));
            while (controller.Reconciles - before < apps || controller.Pending > 0) await Task.Delay(10);
            var refresh = clock.Elapsed;
            var refreshPercentiles = Percentiles(controller.Metrics);
            var stillSynced = await CountAsync(client, appType, a => Sync(a) == "Synced");

            // A commit to one app's overlay, then a refresh of that app: time until it is Synced and Healthy at the new revision.
            var commitLatencies = new List<double>();
            for (var k = 0; k < 10; k++)
            {
                var i = k * (apps / 10);
                WriteOverlay(repo, i, $"1.1.{k}");
                var sha = LocalRepository.CommitAll(repo, $"app {i}: 1.1.{k}");
                clock.Restart();
                controller.Refresh(Name(i));
                while (true)
                {
                    var app = await client.GetAsync(appType, "argocd", Name(i));
                    if (app is not null && Revision(app) == sha && Sync(app) == "Synced" && Health(app) == "Healthy") break;
                    if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{Name(i)} did not reach {sha}");
                    await Task.Delay(5);
                }
                commitLatencies.Add(clock.Elapsed.TotalSeconds);
            }

            // Drift on a selfHeal app: time until the engine has put it back.
            var deploymentType = (await client.FindAsync("apps/v1", "Deployment"))!;
            var healLatencies = new List<double>();
            for (var k = 0; k < 10; k++)
            {
                var i = k * (apps / 10) + 1;
                var ns = Name(i);
                await client.MergePatchAsync(deploymentType, ns, "frontend", new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 3 } });
                clock.Restart();
                while (true)
                {
                    var d = await client.GetAsync(deploymentType, ns, "frontend");
                    if (d?.GetPath("spec", "replicas")?.GetValue<int>() == 1) break;
                    if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{ns} was not healed");
                    await Task.Delay(5);
                }
                healLatencies.Add(clock.Elapsed.TotalSeconds);
            }

            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            Console.WriteLine($"Applications (one Git repository, ~8 objects each, embedded cluster (on disk) and engine in one process, {Environment.ProcessorCount} cores)");
            Console.WriteLine($"| measure | value | goal |");
            Console.WriteLine($"|---|---|---|");
            Console.WriteLine($"| {apps} Applications created | {created.TotalSeconds:0.0} s | |");
            Console.WriteLine($"| cold: all Synced and Healthy | {cold.TotalSeconds:0.0} s | ≤ 60 s |");
            Console.WriteLine($"| reconcile p50 / p90 / p99 (cold) | {coldPercentiles} | |");
            Console.WriteLine($"| no-change refresh of all | {refresh.TotalSeconds:0.00} s ({stillSynced}/{apps} Synced) | ≤ 5 s |");
            Console.WriteLine($"| reconcile p50 / p90 / p99 (refresh) | {refreshPercentiles} | |");
            Console.WriteLine($"| commit + refresh → Synced and Healthy, median (10) | {Median(commitLatencies) * 1000:0} ms | ≤ 1 s |");
            Console.WriteLine($"| drift healed (selfHeal), median (10) | {Median(healLatencies) * 1000:0} ms | ≤ 1 s |");
            Console.WriteLine($"| peak memory (working set) | {peak:0} MiB | ≤ 1024 MiB |");
            Console.WriteLine($"| Git fetches | {controller.Git.Metrics.Repositories.Sum(r => r.Fetches)} | |");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Applies Applications 0..<paramref name="apps"/>-1 on <paramref name="repo"/>, eight at a time; with
    /// <paramref name="annotate"/>, each carries its own metadata annotations (e.g. manifest-generate-paths).
    /// </summary>
    internal static async Task ApplyAllAsync(KubeClient client, ApiResource appType, int apps, string repo, Func<int, JsonObject>? annotate = null)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < apps)
            {
                var app = Application(Name(i), repo);
                if (annotate is not null) app["metadata"]!["annotations"] = annotate(i);
                await client.ApplyAsync(appType, app, "bench", force: true);
            }
        }));
    }

    internal static string Name(int i) => $"app-{i:0000}";

    internal static string Sync(JsonObject a) => a.GetPath("status", "sync", "status")?.ToString() ?? "";

    internal static string Health(JsonObject a) => a.GetPath("status", "health", "status")?.ToString() ?? "";

    internal static string Revision(JsonObject a) => a.GetPath("status", "sync", "revision")?.ToString() ?? "";

    private static string Percentiles(EngineMetrics m) =>
        $"{m.ReconcilePercentile(0.5) * 1000:0} / {m.ReconcilePercentile(0.9) * 1000:0} / {m.ReconcilePercentile(0.99) * 1000:0} ms";

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    internal static async Task Quiesce(ApplicationController controller)
    {
        var quiet = 0;
        while (quiet < 20)
        {
            quiet = controller.Pending == 0 ? quiet + 1 : 0;
            await Task.Delay(50);
        }
    }

    internal static async Task WaitAllAsync(KubeClient client, ApiResource type, int apps, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = 0;
        while (clock.Elapsed < timeout)
        {
            last = await CountAsync(client, type, done);
            if (last == apps) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"only {last} of {apps} Applications were done within {timeout}");
    }

    internal static async Task<int> CountAsync(KubeClient client, ApiResource type, Func<JsonObject, bool> done)
    {
        var (items, _) = await client.ListAsync(type, "argocd");
        return items.Count(done);
    }

    internal static JsonObject Application(string name, string repo) => new()
    {
        ["apiVersion"] = "argoproj.io/v1alpha1",
        ["kind"] = "Application",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "argocd" },
        ["spec"] = new JsonObject
        {
            ["project"] = "default",
            ["source"] = new JsonObject { ["repoURL"] = repo, ["targetRevision"] = "main", ["path"] = $"apps/{name}" },
            ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = name },
            ["syncPolicy"] = new JsonObject
            {
                ["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true },
                ["syncOptions"] = new JsonArray("CreateNamespace=true"),
            },
        },
    };

    internal static void WriteOverlay(string repo, int i, string tag)
    {
        var path = Path.Combine(repo, "apps", Name(i), "kustomization.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - ../../base
            commonLabels:
              app.kubernetes.io/instance: {Name(i)}
            images:
              - name: example.com/guestbook
                newTag: {tag}
            configMapGenerator:
              - name: settings
                literals:
                  - GREETING=hello from {Name(i)}
            """);
    }

    internal static void WriteBase(string repo)
    {
        var dir = Path.Combine(repo, "base");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), "resources: [all.yaml]\n");
        File.WriteAllText(Path.Combine(dir, "all.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: frontend
            spec:
              replicas: 1
              selector:
                matchLabels: {app: frontend}
              template:
                metadata:
                  labels: {app: frontend}
                spec:
                  serviceAccountName: frontend
                  containers:
                    - name: frontend
                      image: example.com/guestbook:1.0.0
                      envFrom:
                        - configMapRef: {name: settings}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: frontend
            spec:
              selector: {app: frontend}
              ports:
                - port: 80
                  targetPort: 8080
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: frontend
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: redis-auth
            stringData:
              password: not-a-real-secret
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: frontend
            rules:
              - apiGroups: [""]
                resources: [configmaps]
                verbs: [get]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: frontend
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: frontend
            subjects:
              - kind: ServiceAccount
                name: frontend
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: frontend
            spec:
              minAvailable: 0
              selector:
                matchLabels: {app: frontend}
            """);
    }
}
