using System.Text.Json.Nodes;
using Keelson.Cluster.Tests.Api;
using Keelson.Cluster.Tests.Simulation;

namespace Keelson.Cluster.Tests.Batch;

/// <summary>CronJobs through real kubectl, with the cluster's clock moved forward by the test.</summary>
public sealed class CronJobTests(SimulatedCluster k) : IClassFixture<SimulatedCluster>
{
    private static string CronJob(string ns, string name, string schedule, string extra = "") => $"""
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          schedule: "{schedule}"
        {extra}
          jobTemplate:
            spec:
              template:
                metadata:
                  annotations:
                    sim.keelson.dev/exit-code: "0"
                    sim.keelson.dev/run-for: 100ms
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: report
                    image: busybox:1.36
        """;

    private async Task<JsonNode> GetAsync(string what, string ns) => JsonNode.Parse(await k.OkAsync($"get {what} -n {ns} -o json"))!;

    /// <summary>kubectl wait refuses a Job that does not exist yet: wait for the controller to create it first.</summary>
    private async Task WaitCompleteAsync(string job, string ns)
    {
        await Eventually.HoldsAsync(async () => (await k.RunAsync($"get job {job} -n {ns}")).ExitCode == 0, $"job {job} created");
        await k.OkAsync($"wait --for=condition=Complete job/{job} -n {ns} --timeout=30s");
    }

    [Fact]
    public async Task CronJob_creates_a_job_when_the_clock_passes_the_schedule()
    {
        var ns = await k.NamespaceAsync("cron");
        await k.OkAsync("apply -f -", CronJob(ns, "report", "*/5 * * * *"));
        await Task.Delay(300);
        Assert.Empty((await GetAsync("jobs", ns))["items"]!.AsArray());

        var before = k.Clock.GetUtcNow();
        k.Clock.Advance(TimeSpan.FromMinutes(5));
        var due = DateTimeOffset.FromUnixTimeSeconds((before.ToUnixTimeSeconds() / 300 + 1) * 300);
        var jobName = $"report-{due.ToUnixTimeSeconds() / 60}";

        await WaitCompleteAsync(jobName, ns);
        var job = await GetAsync($"job {jobName}", ns);
        Assert.Equal("CronJob", job["metadata"]!["ownerReferences"]![0]!["kind"]!.ToString());
        Assert.Equal(due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            job["metadata"]!["annotations"]!["batch.kubernetes.io/cronjob-scheduled-timestamp"]!.ToString());
        await Eventually.HoldsAsync(async () => (await GetAsync("cronjob report", ns))["status"]?["lastSuccessfulTime"] is not null,
            "status.lastSuccessfulTime after the job completed");
        var status = (await GetAsync("cronjob report", ns))["status"]!;
        Assert.NotNull(status["lastScheduleTime"]);
        Assert.Null(status["active"]);
        Assert.Contains("SuccessfulCreate", await k.OkAsync($"get events -n {ns} --field-selector involvedObject.kind=CronJob"));
    }

    [Fact]
    public async Task Suspended_cronjob_creates_nothing()
    {
        var ns = await k.NamespaceAsync("susp");
        await k.OkAsync("apply -f -", CronJob(ns, "paused", "* * * * *", extra: "  suspend: true"));
        k.Clock.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(500);
        Assert.Empty((await GetAsync("jobs", ns))["items"]!.AsArray());
    }

    [Fact]
    public async Task History_limit_keeps_the_newest_successful_jobs()
    {
        var ns = await k.NamespaceAsync("hist");
        await k.OkAsync("apply -f -", CronJob(ns, "tick", "* * * * *", extra: "  successfulJobsHistoryLimit: 1"));
        for (var i = 0; i < 3; i++)
        {
            k.Clock.Advance(TimeSpan.FromMinutes(1));
            var minute = k.Clock.GetUtcNow().ToUnixTimeSeconds() / 60;
            await WaitCompleteAsync($"tick-{minute}", ns);
        }
        await Eventually.HoldsAsync(async () => (await GetAsync("jobs", ns))["items"]!.AsArray().Count == 1, "one job kept by successfulJobsHistoryLimit 1");
    }

    [Fact]
    public async Task Job_from_a_cronjob_template_runs()
    {
        var ns = await k.NamespaceAsync("from");
        await k.OkAsync("apply -f -", CronJob(ns, "nightly", "@daily"));

        // kubectl's typed create sends protobuf, which the embedded cluster does not decode yet: the same Job, rendered
        // by kubectl from the CronJob, goes through apply as JSON.
        var manifest = await k.OkAsync($"create job manual --from=cronjob/nightly -n {ns} --dry-run=client -o yaml");
        await k.OkAsync("apply -f -", manifest);

        await k.OkAsync($"wait --for=condition=Complete job/manual -n {ns} --timeout=30s");
    }
}
