using System.Diagnostics;
using System.Text;
using Keelson.Cluster;

namespace Keelson.Benchmarks;

/// <summary>
/// GET, LIST, durable write and watch fan-out figures of the embedded cluster, measured over HTTP on loopback
/// with a file-backed (durable) store. Goals: ≥ 10,000 GET/s, ≥ 2,000 durable writes/s, 100 watchers each
/// receiving every event with p99 delivery under 50 ms.
/// </summary>
internal static class ClusterBenchmark
{
    private const int Concurrency = 32;
    private const int Watchers = 100;

    public static async Task<int> RunAsync(TimeSpan duration)
    {
        var dir = Directory.CreateTempSubdirectory("keelson-bench-").FullName;
        try
        {
            await using var cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { DataDirectory = dir, Port = 0 });
            using var http = Client(cluster);
            await SeedAsync(http);

            var rows = new List<(string Name, string Figure, string Goal)>();
            var get = await ThroughputAsync(duration, () => http.GetAsync("api/v1/namespaces/bench/configmaps/cm-7"));
            rows.Add(("GET configmap", $"{get:N0} req/s", "≥ 10,000 req/s"));
            var list = await ThroughputAsync(duration, () => http.GetAsync("api/v1/namespaces/bench/configmaps"));
            rows.Add(("LIST 100 configmaps", $"{list:N0} req/s", "—"));
            var counter = 0;
            var writes = await ThroughputAsync(duration, () =>
            {
                var i = Interlocked.Increment(ref counter);
                return http.PostAsync("api/v1/namespaces/bench/configmaps", Json($$$"""{"metadata":{"name":"w-{{{i}}}"},"data":{"k":"v"}}"""));
            });
            rows.Add(("durable create (fsync)", $"{writes:N0} writes/s", "≥ 2,000 writes/s"));
            var (delivered, expected, p50, p99) = await WatchFanOutAsync(cluster, http);
            rows.Add(($"watch fan-out ({Watchers} watchers)", $"{delivered:N0}/{expected:N0} events", "every event"));
            rows.Add(("watch delivery latency", $"p50 {p50:F1} ms, p99 {p99:F1} ms", "p99 < 50 ms"));

            Console.WriteLine($"Keelson embedded cluster, {Environment.ProcessorCount} cores, {Concurrency} concurrent clients, {duration.TotalSeconds:F0} s per figure");
            Console.WriteLine($"| {"benchmark",-32} | {"measured",-28} | {"goal",-18} |");
            Console.WriteLine($"|{new string('-', 34)}|{new string('-', 30)}|{new string('-', 20)}|");
            foreach (var (name, figure, goal) in rows) Console.WriteLine($"| {name,-32} | {figure,-28} | {goal,-18} |");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static HttpClient Client(EmbeddedCluster cluster) => cluster.CreateHttpClient();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task SeedAsync(HttpClient http)
    {
        (await http.PostAsync("api/v1/namespaces", Json("""{"metadata":{"name":"bench"}}"""))).EnsureSuccessStatusCode();
        for (var i = 0; i < 100; i++)
        {
            (await http.PostAsync("api/v1/namespaces/bench/configmaps", Json($$$"""{"metadata":{"name":"cm-{{{i}}}","labels":{"app":"bench"}},"data":{"k":"value-{{{i}}}"}}"""))).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Requests per second with <see cref="Concurrency"/> clients for <paramref name="duration"/>; failures abort.</summary>
    private static async Task<double> ThroughputAsync(TimeSpan duration, Func<Task<HttpResponseMessage>> call)
    {
        // Warm up connections and JIT.
        for (var i = 0; i < 200; i++) (await call()).EnsureSuccessStatusCode();
        var stop = Stopwatch.StartNew();
        long done = 0;
        var workers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                using var response = await call();
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref done);
            }
        });
        await Task.WhenAll(workers);
        return done / stop.Elapsed.TotalSeconds;
    }

    /// <summary>Opens <see cref="Watchers"/> watches, writes 200 updates and measures when each watcher sees each one.</summary>
    private static async Task<(long Delivered, long Expected, double P50, double P99)> WatchFanOutAsync(EmbeddedCluster cluster, HttpClient writer)
    {
        const int Updates = 200;
        var sent = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        long delivered = 0;
        // Watch from the current revision (an object's own version may be older than the compacted history: 410).
        var start = await writer.GetStringAsync("api/v1/namespaces/bench/configmaps?fieldSelector=metadata.name%3Dcm-0");
        var rv = System.Text.Json.Nodes.JsonNode.Parse(start)!["metadata"]!["resourceVersion"]!.ToString();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ready = new CountdownEvent(Watchers);
        var watchers = Enumerable.Range(0, Watchers).Select(_ => Task.Run(async () =>
        {
            using var http = Client(cluster);
            using var response = await http.GetAsync($"api/v1/namespaces/bench/configmaps?watch=true&fieldSelector=metadata.name%3Dcm-0&resourceVersion={rv}", HttpCompletionOption.ResponseHeadersRead, cts.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
            ready.Signal();
            var seen = 0;
            while (seen < Updates && await reader.ReadLineAsync(cts.Token) is { } line)
            {
                var now = Stopwatch.GetTimestamp();
                var marker = System.Text.Json.Nodes.JsonNode.Parse(line)!["object"]!["data"]!["k"]!.ToString();
                if (sent.TryGetValue(marker, out var at)) latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                seen++;
                Interlocked.Increment(ref delivered);
            }
        })).ToList();
        ready.Wait(cts.Token);
        for (var i = 0; i < Updates; i++)
        {
            var marker = $"u-{i}";
            sent[marker] = Stopwatch.GetTimestamp();
            using var content = new StringContent($$$"""{"data":{"k":"{{{marker}}}"}}""", Encoding.UTF8, "application/merge-patch+json");
            (await writer.PatchAsync("api/v1/namespaces/bench/configmaps/cm-0", content)).EnsureSuccessStatusCode();
            await Task.Delay(2);
        }
        await Task.WhenAll(watchers).WaitAsync(cts.Token);
        var sorted = latencies.OrderBy(x => x).ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        return (delivered, (long)Watchers * Updates, Percentile(0.50), Percentile(0.99));
    }
}
