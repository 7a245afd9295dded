using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Health;
using Keelson.Engine.Lua;

namespace Keelson.Benchmarks;

/// <summary>
/// Health through argocd-cm's Lua scripts, as the controller judges the objects of its apps: N distinct Rollout-like
/// custom resources (spec, status, five conditions) through <see cref="HealthRules.Assess"/> with a Rollout health
/// script of the usual shape (conditions walked, fields compared, a message built). Measures evaluations per second on
/// one thread and on every core, and whether memory stays flat over repeated rounds (goal: ≥ 20,000 evaluations/s on
/// 2 cores; managed heap and Lua states no larger after ten more rounds than after the first).
/// </summary>
internal static class LuaBenchmark
{
    private const string HealthScript = """
        local hs = {}
        if obj.status == nil or obj.status.observedGeneration == nil or obj.metadata.generation > obj.status.observedGeneration then
          return {status = "Progressing", message = "Waiting for rollout spec update to be observed"}
        end
        if obj.spec.paused == true then
          return {status = "Suspended", message = "Rollout is paused"}
        end
        for _, condition in ipairs(obj.status.conditions or {}) do
          if condition.type == "InvalidSpec" and condition.status == "True" then
            return {status = "Degraded", message = condition.message}
          end
          if condition.type == "Progressing" and condition.reason == "ProgressDeadlineExceeded" then
            return {status = "Degraded", message = condition.message}
          end
        end
        local replicas = obj.spec.replicas or 1
        local updated = obj.status.updatedReplicas or 0
        local available = obj.status.availableReplicas or 0
        if updated < replicas then
          return {status = "Progressing", message = "Waiting for roll out to finish: " .. updated .. " out of " .. replicas .. " new replicas have been updated..."}
        end
        if available < updated then
          return {status = "Progressing", message = "Waiting for roll out to finish: " .. available .. " of " .. updated .. " updated replicas are available..."}
        end
        hs.status = "Healthy"
        hs.message = "Rollout is healthy at step " .. (obj.status.currentStepIndex or 0) .. " of " .. #obj.spec.strategy.canary.steps
        return hs
        """;

    public static Task<int> RunAsync(int n)
    {
        using var host = new LuaHost();
        var customizations = ResourceCustomizations.FromConfigMapData(new Dictionary<string, string>
        {
            ["resource.customizations.health.argoproj.io_Rollout"] = HealthScript,
        }, host);
        var objects = Enumerable.Range(0, n).Select(Rollout).ToList();
        var counts = new int[Enum.GetValues<HealthStatus>().Length];

        // JIT, pool and compile warm-up.
        Round(objects, customizations, counts, parallel: true);
        Round(objects, customizations, counts, parallel: false);
        var single = Stopwatch.StartNew();
        Round(objects, customizations, counts, parallel: false);
        single.Stop();
        var parallel = Stopwatch.StartNew();
        Round(objects, customizations, counts, parallel: true);
        parallel.Stop();

        var (heapBefore, luaBefore) = Memory(host);
        const int Rounds = 10;
        var repeated = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++) Round(objects, customizations, counts, parallel: true);
        repeated.Stop();
        var (heapAfter, luaAfter) = Memory(host);

        var perSecondSingle = n / single.Elapsed.TotalSeconds;
        var perSecondParallel = n / parallel.Elapsed.TotalSeconds;
        var perSecondRepeated = n * Rounds / repeated.Elapsed.TotalSeconds;
        Array.Clear(counts);
        Round(objects, customizations, counts, parallel: false);
        Console.WriteLine($"Keelson Lua health, {Environment.ProcessorCount} cores: {n:N0} Rollouts; " +
            string.Join(", ", Enum.GetValues<HealthStatus>().Where(s => counts[(int)s] > 0).Select(s => $"{counts[(int)s]:N0} {s}")));
        Console.WriteLine($"| {"benchmark",-48} | {"measured",-18} | {"goal",-12} |");
        Console.WriteLine($"|{new string('-', 50)}|{new string('-', 20)}|{new string('-', 14)}|");
        Console.WriteLine($"| {$"{n:N0} evaluations, one thread",-48} | {perSecondSingle,10:N0} /s      | —            |");
        Console.WriteLine($"| {$"{n:N0} evaluations, every core",-48} | {perSecondParallel,10:N0} /s      | ≥ 20,000 /s  |");
        Console.WriteLine($"| {$"{Rounds} more rounds, every core",-48} | {perSecondRepeated,10:N0} /s      | ≥ 20,000 /s  |");
        Console.WriteLine($"| {"managed heap, after round 1 → after round 11",-48} | {heapBefore / 1048576.0,6:F1} → {heapAfter / 1048576.0,5:F1} MiB | flat         |");
        Console.WriteLine($"| {"Lua states (pooled), after round 1 → 11",-48} | {luaBefore / 1048576.0,6:F1} → {luaAfter / 1048576.0,5:F1} MiB | flat         |");
        return Task.FromResult(perSecondParallel >= 1 ? 0 : 1);
    }

    private static void Round(List<JsonObject> objects, ResourceCustomizations customizations, int[] counts, bool parallel)
    {
        if (!parallel)
        {
            foreach (var obj in objects) Count(HealthRules.Assess(obj, customizations), counts);
            return;
        }
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, objects.Count, 256), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) Count(HealthRules.Assess(objects[i], customizations), counts);
        });
    }

    private static void Count(HealthResult? health, int[] counts)
    {
        if (health is not null) Interlocked.Increment(ref counts[(int)health.Status]);
    }

    private static (long Heap, long Lua) Memory(LuaHost host)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true), host.Pooled.Bytes);
    }

    // A Rollout as the live cache holds it: parsed JSON, mostly healthy, some progressing, paused or degraded.
    private static JsonObject Rollout(int i)
    {
        var replicas = 2 + i % 5;
        var updated = i % 7 == 0 ? replicas - 1 : replicas;
        var degraded = i % 50 == 0;
        var paused = i % 23 == 0 ? "true" : "false";
        var progressingStatus = degraded ? "False" : "True";
        var progressingReason = degraded ? "ProgressDeadlineExceeded" : "NewReplicaSetAvailable";
        var progressingMessage = degraded ? "has timed out progressing" : "is progressing";
        var generation = 3 + i % 4;
        var uid = i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
        var hash = i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return JsonNode.Parse($$$$"""
            {"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout",
             "metadata":{"name":"rollout-{{{{i}}}}","namespace":"team-{{{{i % 40}}}}","generation":{{{{generation}}}},"uid":"00000000-0000-0000-0000-{{{{uid}}}}",
               "labels":{"app.kubernetes.io/name":"rollout-{{{{i}}}}","app.kubernetes.io/part-of":"shop"},
               "annotations":{"argocd.argoproj.io/tracking-id":"app-{{{{i % 100}}}}:argoproj.io/Rollout:team-{{{{i % 40}}}}/rollout-{{{{i}}}}"}},
             "spec":{"replicas":{{{{replicas}}}},"paused":{{{{paused}}}},"revisionHistoryLimit":3,
               "selector":{"matchLabels":{"app":"rollout-{{{{i}}}}"}},
               "strategy":{"canary":{"steps":[{"setWeight":20},{"pause":{"duration":"1m"}},{"setWeight":50},{"pause":{}},{"setWeight":100}]}},
               "template":{"metadata":{"labels":{"app":"rollout-{{{{i}}}}"}},"spec":{"containers":[{"name":"app","image":"example.com/app:{{{{i % 9}}}}","ports":[{"containerPort":8080}],
                 "resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]}}},
             "status":{"observedGeneration":{{{{generation}}}},"replicas":{{{{replicas}}}},"updatedReplicas":{{{{updated}}}},"readyReplicas":{{{{updated}}}},"availableReplicas":{{{{updated}}}},
               "currentStepIndex":{{{{i % 5}}}},"currentPodHash":"{{{{hash}}}}","stableRS":"{{{{hash}}}}","phase":"Healthy",
               "conditions":[
                 {"type":"Available","status":"True","reason":"AvailableReason","message":"Rollout has minimum availability","lastTransitionTime":"2025-03-01T10:00:00Z"},
                 {"type":"Completed","status":"True","reason":"RolloutCompleted","message":"Rollout completed update to revision 4","lastTransitionTime":"2025-03-01T10:00:00Z"},
                 {"type":"Healthy","status":"True","reason":"RolloutHealthy","message":"Rollout is healthy","lastTransitionTime":"2025-03-01T10:00:00Z"},
                 {"type":"Paused","status":"False","reason":"RolloutResumed","message":"Rollout is resumed","lastTransitionTime":"2025-03-01T10:00:00Z"},
                 {"type":"Progressing","status":"{{{{progressingStatus}}}}","reason":"{{{{progressingReason}}}}","message":"ReplicaSet rollout-{{{{i}}}} {{{{progressingMessage}}}}","lastTransitionTime":"2025-03-01T10:00:00Z"}]}}
            """)!.AsObject();
    }
}
