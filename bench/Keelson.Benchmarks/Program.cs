using Keelson.Benchmarks;

// Prints measured figures as a table.
// Usage: dotnet run -c Release --project bench/Keelson.Benchmarks [-- cluster [--seconds N] | kustomize [--n N] | workloads [--n N] | apps [--n N] | rbac [--n N] | lua [--n N] | server [--n N --clients C] | ui [--n N]]
// (no argument: cluster, as before).
var which = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "cluster";
int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) ? v : fallback;
}
switch (which)
{
    case "cluster":
        return await ClusterBenchmark.RunAsync(TimeSpan.FromSeconds(Option("--seconds", 5)));
    case "workloads":
        return await WorkloadBenchmark.RunAsync(Option("--n", 1000));
    case "apps":
        return await AppsBenchmark.RunAsync(Option("--n", 1000));
    case "server":
        return await ServerBenchmark.RunAsync(Option("--n", 1000), Option("--clients", 100));
    case "ui":
        return await UiBenchmark.RunAsync(Option("--n", 1000));
    case "rbac":
        return await RbacBenchmark.RunAsync(Option("--n", 1000));
    case "lua":
        return await LuaBenchmark.RunAsync(Option("--n", 10_000));
    case "kustomize":
        return await KustomizeBenchmark.RunAsync(Option("--n", 50));
    default:
        await Console.Error.WriteLineAsync($"unknown benchmark '{which}': use cluster, kustomize, workloads, apps, rbac, lua, server or ui");
        return 2;
}
