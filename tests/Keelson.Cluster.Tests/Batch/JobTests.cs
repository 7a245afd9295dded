using System.Text.Json.Nodes;
using Keelson.Cluster.Tests.Simulation;

namespace Keelson.Cluster.Tests.Batch;

/// <summary>Jobs through real kubectl: pods run to completion, failures hit the backoff limit.</summary>
public sealed class JobTests(SimulatedCluster k) : IClassFixture<SimulatedCluster>
{
    private static string Job(string ns, string name, int exitCode, int completions = 1, int parallelism = 1, int backoffLimit = 6, string extra = "") => $"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          completions: {completions}
          parallelism: {parallelism}
          backoffLimit: {backoffLimit}
        {extra}
          template:
            metadata:
              annotations:
                sim.keelson.dev/exit-code: "{exitCode}"
                sim.keelson.dev/run-for: 100ms
            spec:
              restartPolicy: Never
              containers:
              - name: work
                image: busybox:1.36
        """;

    [Fact]
    public async Task Job_runs_its_completions_and_reports_Complete()
    {
        var ns = await k.NamespaceAsync("job");
        await k.OkAsync("apply -f -", Job(ns, "pi", exitCode: 0, completions: 3, parallelism: 2));

        await k.OkAsync($"wait --for=condition=Complete job/pi -n {ns} --timeout=30s");

        var job = JsonNode.Parse(await k.OkAsync($"get job pi -n {ns} -o json"))!;
        var status = job["status"]!;
        Assert.Equal(3, (int)status["succeeded"]!);
        Assert.Null(status["failed"]);
        Assert.Null(status["active"]);
        Assert.Equal(0, (int)status["ready"]!);
        Assert.Equal(0, (int)status["terminating"]!);
        Assert.NotNull(status["startTime"]);
        Assert.NotNull(status["completionTime"]);
        var conditions = status["conditions"]!.AsArray().Select(c => c!["type"]!.ToString()).ToList();
        Assert.Equal(["SuccessCriteriaMet", "Complete"], conditions);

        var pods = JsonNode.Parse(await k.OkAsync($"get pods -n {ns} -l job-name=pi -o json"))!["items"]!.AsArray();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p =>
        {
            Assert.Matches("^pi-[a-z0-9]{5}$", p!["metadata"]!["name"]!.ToString());
            Assert.Equal("Succeeded", p["status"]!["phase"]!.ToString());
            Assert.Null(p["metadata"]!["finalizers"]);
            Assert.Equal(job["metadata"]!["uid"]!.ToString(), p["metadata"]!["labels"]!["batch.kubernetes.io/controller-uid"]!.ToString());
            Assert.True((bool)p["metadata"]!["ownerReferences"]![0]!["controller"]!);
        });
        var events = await k.OkAsync($"get events -n {ns} --field-selector involvedObject.name=pi");
        Assert.Contains("SuccessfulCreate", events);
        Assert.Contains("Completed", events);
        Assert.Matches(@"pi\s+Complete\s+3/3", await k.OkAsync($"get job pi -n {ns}"));
    }

    [Fact]
    public async Task Failing_job_stops_at_the_backoff_limit()
    {
        var ns = await k.NamespaceAsync("fail");
        await k.OkAsync("apply -f -", Job(ns, "broken", exitCode: 1, backoffLimit: 2));

        await k.OkAsync($"wait --for=condition=Failed job/broken -n {ns} --timeout=30s");

        var status = JsonNode.Parse(await k.OkAsync($"get job broken -n {ns} -o json"))!["status"]!;
        Assert.Equal(3, (int)status["failed"]!);
        var failed = status["conditions"]!.AsArray().Single(c => c!["type"]!.ToString() == "Failed")!;
        Assert.Equal("BackoffLimitExceeded", failed["reason"]!.ToString());
        Assert.Equal("Job has reached the specified backoff limit", failed["message"]!.ToString());
        Assert.Contains(status["conditions"]!.AsArray(), c => c!["type"]!.ToString() == "FailureTarget");
        Assert.Null(status["completionTime"]);
        Assert.Contains("BackoffLimitExceeded", await k.OkAsync($"get events -n {ns}"));
    }

    [Fact]
    public async Task Job_past_its_deadline_reports_Failed_only_once_its_pods_are_gone()
    {
        var ns = await k.NamespaceAsync("deadline");
        var job = Job(ns, "slow", exitCode: 0, parallelism: 2, completions: 2, extra: "  activeDeadlineSeconds: 1")
            .Replace("run-for: 100ms", "run-for: 60s", StringComparison.Ordinal);
        await k.OkAsync("apply -f -", job);

        await k.OkAsync($"wait --for=condition=Failed job/slow -n {ns} --timeout=30s");

        // FailureTarget came first; Failed waited until the pods the deadline stopped had terminated.
        var status = JsonNode.Parse(await k.OkAsync($"get job slow -n {ns} -o json"))!["status"]!;
        Assert.Equal(0, (int)status["terminating"]!);
        Assert.Null(status["active"]);
        Assert.Null(status["completionTime"]);
        var conditions = status["conditions"]!.AsArray().Select(c => c!["type"]!.ToString()).ToList();
        Assert.Equal(["FailureTarget", "Failed"], conditions);
        Assert.Equal("DeadlineExceeded", status["conditions"]![1]!["reason"]!.ToString());
        Assert.Empty(JsonNode.Parse(await k.OkAsync($"get pods -n {ns} -l job-name=slow -o json"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task Indexed_job_completes_every_index()
    {
        var ns = await k.NamespaceAsync("idx");
        await k.OkAsync("apply -f -", Job(ns, "shards", exitCode: 0, completions: 3, parallelism: 3, extra: "  completionMode: Indexed"));

        await k.OkAsync($"wait --for=condition=Complete job/shards -n {ns} --timeout=30s");

        var status = JsonNode.Parse(await k.OkAsync($"get job shards -n {ns} -o json"))!["status"]!;
        Assert.Equal("0-2", status["completedIndexes"]!.ToString());
        var names = await k.OkAsync($"get pods -n {ns} -o name");
        Assert.Matches("pod/shards-0-[a-z0-9]{5}", names);
        Assert.Matches("pod/shards-2-[a-z0-9]{5}", names);
    }

    [Fact]
    public async Task Finished_job_with_ttl_is_deleted_with_its_pods()
    {
        var ns = await k.NamespaceAsync("ttl");
        await k.OkAsync("apply -f -", Job(ns, "once", exitCode: 0, extra: "  ttlSecondsAfterFinished: 1"));

        await k.OkAsync($"wait --for=delete job/once -n {ns} --timeout=30s");
        await k.OkAsync($"wait --for=delete pods -l job-name=once -n {ns} --timeout=30s");
    }

    [Fact]
    public async Task Deleting_a_running_job_removes_its_pods()
    {
        var ns = await k.NamespaceAsync("del");
        await k.OkAsync("apply -f -", Job(ns, "long", exitCode: 0).Replace("run-for: 100ms", "run-for: 60s", StringComparison.Ordinal));
        await k.OkAsync($"wait --for=condition=Ready pods -l job-name=long -n {ns} --timeout=30s");

        await k.OkAsync($"delete job long -n {ns}");

        await k.OkAsync($"wait --for=delete pods -l job-name=long -n {ns} --timeout=30s");
    }
}
