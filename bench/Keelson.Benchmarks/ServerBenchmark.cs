using System.Diagnostics;
using System.Net.Http.Headers;
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
/// The API server over real HTTPS with N Applications synced by the engine, all in one process on the embedded cluster,
/// the Git repository served over smart HTTP (so that a GitHub push webhook names it): the application list (whole
/// and with <c>fields=</c>), a stream watched by 100 clients, logins, and webhook → Synced.
/// Goals (2 cores): list p50 ≤ 50 ms and ≤ 2 MB with fields; stream delivery p99 ≤ 100 ms; webhook → Synced p50 ≤ 1 s.
/// </summary>
internal static class ServerBenchmark
{
    private const string GeneratePaths = "argocd.argoproj.io/manifest-generate-paths";
    private const string ListFields = "items.metadata.name,items.spec.project,items.status.sync.status,items.status.health.status";

    public static async Task<int> RunAsync(int apps, int clients)
    {
        // One repository for all the apps, each at its own path: the monorepo for which Argo CD's webhook needs
        // manifest-generate-paths, so that a push refreshes the apps whose files it changed rather than every app.
        await using var system = await BenchSystem.StartAsync(apps, _ => new JsonObject { [GeneratePaths] = "." });
        var (server, client, appType, repo) = (system.Server, system.Client, system.AppType, system.Repo);
        using var http = server.CreateHttpClient(system.Token);
        http.Timeout = Timeout.InfiniteTimeSpan;

        var (whole, wholeBytes) = await TimeListAsync(http, "api/v1/applications", 50);
        var (projected, projectedBytes) = await TimeListAsync(http, $"api/v1/applications?fields={ListFields}", 50);
        var stream = await StreamDeliveryAsync(server, system.Token, client, appType, clients, changes: 30);
        var logins = await LoginThroughputAsync(system, TimeSpan.FromSeconds(5));
        var webhook = await WebhookToSyncedAsync(http, client, appType, repo, system.RepoUrl, apps, 0, samples: 10);
        // Without the annotation every app on the repository is refreshed by every push, as in Argo CD.
        await Task.WhenAll(Enumerable.Range(0, apps).Select(i => client.MergePatchAsync(appType, "argocd", AppsBenchmark.Name(i), new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [GeneratePaths] = null } },
        })));
        await AppsBenchmark.Quiesce(system.Controller);
        var everyApp = await WebhookToSyncedAsync(http, client, appType, repo, system.RepoUrl, apps, 10, samples: 3);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);

        Console.WriteLine($"API server over HTTPS, {apps} Applications synced by the engine, cluster, engine and server in one process, {Environment.ProcessorCount} cores");
        Console.WriteLine("| measure | measured | goal |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| GET /api/v1/applications (all {apps}), p50 / p99 of 50 | {whole} ({wholeBytes / 1e6:0.00} MB) | |");
        Console.WriteLine($"| … with fields= (name, project, sync, health), p50 / p99 of 50 | {projected} ({projectedBytes / 1e6:0.00} MB) | p50 ≤ 50 ms, ≤ 2 MB |");
        Console.WriteLine($"| stream: {clients} clients, change → delivered to each, p50 / p99 of {stream.Count} | {Percentiles(stream)} | p99 ≤ 100 ms |");
        Console.WriteLine($"| logins ({LoginConcurrency} at a time, bcrypt, each padded to 0.5–1 s as Argo CD does) | {logins:0} /s | |");
        Console.WriteLine($"| commit + GitHub push webhook → Synced at the commit, apps with manifest-generate-paths, p50 / p99 of {webhook.Count} | {Percentiles(webhook)} | p50 ≤ 1 s |");
        Console.WriteLine($"| … apps without it (each push refreshes all {apps}), p50 / p99 of {everyApp.Count} | {Percentiles(everyApp)} | |");
        Console.WriteLine($"| peak memory (working set) | {peak:0} MiB | |");
        return 0;
    }

    /// <summary>Times <paramref name="count"/> GETs of <paramref name="path"/> one after another (after a warm-up); p50 / p99 and the body's size.</summary>
    private static async Task<(string Percentiles, long Bytes)> TimeListAsync(HttpClient http, string path, int count)
    {
        long bytes = 0;
        for (var i = 0; i < 5; i++) bytes = (await http.GetByteArrayAsync(path)).Length;
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            bytes = (await http.GetByteArrayAsync(path)).Length;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (Percentiles(times), bytes);
    }

    /// <summary>
    /// <paramref name="clients"/> watch <c>/api/v1/stream/applications</c> (for every app, so each first reads all the
    /// ADDED events); then one app's label is changed <paramref name="changes"/> times, and each client's arrival time of
    /// each change is measured from the moment the change was written.
    /// </summary>
    private static async Task<List<double>> StreamDeliveryAsync(KeelsonServer server, string token, KubeClient client, ApiResource appType, int clients, int changes)
    {
        var target = AppsBenchmark.Name(0);
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var latencies = new List<double>();
        var warm = 0;
        using var stop = new CancellationTokenSource();
        var ready = new CountdownEvent(clients);
        var readers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var http = server.CreateHttpClient(token);
            http.Timeout = Timeout.InfiniteTimeSpan;
            using var response = await http.GetAsync("api/v1/stream/applications", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            var signalled = false;
            try
            {
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    var at = Stopwatch.GetTimestamp();
                    if (line.Length == 0 || !line.Contains(target, StringComparison.Ordinal)) continue;
                    var app = JsonNode.Parse(line)!["result"]!["application"]!;
                    if (app["metadata"]!["name"]!.ToString() != target) continue;
                    if (!signalled)
                    {
                        signalled = true;
                        ready.Signal();
                    }
                    var mark = app["metadata"]?["labels"]?["bench-change"]?.ToString();
                    if (mark is null) continue;
                    lock (written)
                    {
                        if (!written.TryGetValue(mark, out var sent)) continue;
                        if (mark[0] == 'c') latencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                        else warm++;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        })).ToList();
        if (!ready.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("the stream clients did not all receive their ADDED events");

        // The first changes are a warm-up (JIT, connection pools): only those after them are measured.
        for (var k = -Warmup; k < changes; k++)
        {
            var mark = k < 0 ? $"w{-k}" : $"c{k}";
            lock (written) written[mark] = Stopwatch.GetTimestamp();
            await client.MergePatchAsync(appType, "argocd", target, new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["bench-change"] = mark } },
            });
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                lock (written) if (k < 0 ? warm >= (k + Warmup + 1) * clients : latencies.Count >= (k + 1) * clients) break;
                if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"change {mark} did not reach all {clients} clients");
                await Task.Delay(5);
            }
            await Task.Delay(100);
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        return latencies;
    }

    private const int Warmup = 3;

    /// <summary>Logins at once (below the server's limit of 50): each is padded to 0.5–1 s, as Argo CD pads them, so one at a time says nothing.</summary>
    private const int LoginConcurrency = 32;

    private static async Task<double> LoginThroughputAsync(BenchSystem system, TimeSpan duration)
    {
        var count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, LoginConcurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                if (await system.LoginAsync(system.AdminPassword) is null) throw new InvalidOperationException("a login was refused");
                Interlocked.Increment(ref count);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Commits to one app's overlay, posts GitHub's push webhook for it, and times until the app is Synced at that commit.</summary>
    private static async Task<List<double>> WebhookToSyncedAsync(HttpClient http, KubeClient client, ApiResource appType, string repo, string webUrl, int apps, int first, int samples)
    {
        var latencies = new List<double>();
        for (var k = first; k < first + samples; k++)
        {
            var i = (k * Math.Max(1, apps / 16) + 2) % apps;
            var name = AppsBenchmark.Name(i);
            AppsBenchmark.WriteOverlay(repo, i, $"2.0.{k}");
            var sha = LocalRepository.CommitAll(repo, $"{name}: 2.0.{k}");
            var payload = new JsonObject
            {
                ["ref"] = "refs/heads/main",
                ["before"] = new string('0', 40),
                ["after"] = sha,
                ["repository"] = new JsonObject { ["html_url"] = webUrl, ["clone_url"] = webUrl + ".git", ["default_branch"] = "main" },
                ["commits"] = new JsonArray(new JsonObject { ["id"] = sha, ["modified"] = new JsonArray($"apps/{name}/kustomization.yaml") }),
                ["head_commit"] = new JsonObject { ["id"] = sha, ["modified"] = new JsonArray($"apps/{name}/kustomization.yaml") },
            };
            var clock = Stopwatch.StartNew();
            var request = BenchSystem.Json(HttpMethod.Post, "api/webhook", payload.ToJsonString());
            request.Headers.Add("X-GitHub-Event", "push");
            var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the webhook was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            while (true)
            {
                var app = await client.GetAsync(appType, "argocd", name);
                if (app is not null && AppsBenchmark.Revision(app) == sha && AppsBenchmark.Sync(app) == "Synced"
                    && app.GetPath("status", "operationState", "syncResult", "revision")?.ToString() == sha) break;
                if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{name} did not sync {sha} after the webhook");
                await Task.Delay(5);
            }
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    internal static string Percentiles(List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return $"{At(0.5):0.0} / {At(0.99):0.0} ms";
    }
}
