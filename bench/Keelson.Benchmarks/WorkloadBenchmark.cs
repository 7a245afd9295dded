using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Cluster;

namespace Keelson.Benchmarks;

/// <summary>
/// N Deployments × 3 replicas, created over the API, until every one reports Available with 3 available replicas:
/// the controllers, scheduler and simulated kubelet working together. Goal: 1,000 Deployments in ≤ 20 s.
/// </summary>
internal static class WorkloadBenchmark
{
    private const int Concurrency = 16;

    public static async Task<int> RunAsync(int deployments)
    {
        var dir = Directory.CreateTempSubdirectory("keelson-bench-").FullName;
        try
        {
            var options = new ClusterOptions
            {
                DataDirectory = dir,
                Port = 0,
                Simulation = new SimulationOptions { NodePods = deployments * 3 + 100, NodeCpu = "1000", NodeMemory = "4Ti" },
            };
            await using var cluster = await EmbeddedCluster.StartAsync(options);
            using var http = cluster.CreateHttpClient();
            (await http.PostAsync("api/v1/namespaces", Json("""{"metadata":{"name":"bench"}}"""))).EnsureSuccessStatusCode();

            var clock = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < deployments)
                {
                    using var response = await http.PostAsync("apis/apps/v1/namespaces/bench/deployments", Json(Deployment($"app-{i}")));
                    response.EnsureSuccessStatusCode();
                }
            }));
            var created = clock.Elapsed;

            var available = 0;
            while (clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                var list = JsonNode.Parse(await http.GetStringAsync("apis/apps/v1/namespaces/bench/deployments"))!["items"]!.AsArray();
                available = list.Count(d => (int?)d!["status"]?["availableReplicas"] == 3
                    && d["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.ToString() == "Available" && c["status"]!.ToString() == "True") == true);
                if (available == deployments) break;
                await Task.Delay(250);
            }
            var total = clock.Elapsed;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

            Console.WriteLine($"Keelson embedded cluster, {Environment.ProcessorCount} cores: {deployments} Deployments × 3 replicas, durable store");
            Console.WriteLine($"| {"measure",-40} | {"value",-22} | {"goal",-12} |");
            Console.WriteLine($"|{new string('-', 42)}|{new string('-', 24)}|{new string('-', 14)}|");
            Console.WriteLine($"| {"all Deployments created (POST)",-40} | {created.TotalSeconds,8:F1} s{"",-12} | {"—",-12} |");
            Console.WriteLine($"| {"apply → all Available",-40} | {total.TotalSeconds,8:F1} s ({available}/{deployments}) | {"≤ 20 s",-12} |");
            Console.WriteLine($"| {"peak memory (server and client process)",-40} | {peak,8} MiB{"",-10} | {"—",-12} |");
            return available == deployments ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Deployment(string name) => """
        {"metadata":{"name":"NAME"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},
         "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal);
}
