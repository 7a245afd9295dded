namespace Keelson.Cluster.Tests.Kubelet;

/// <summary>
/// Real kubectl's logs, exec, attach and port-forward against simulated pods: logs are told from the pod's status,
/// the streaming commands are refused with a message that says why.
/// </summary>
public sealed class KubectlPodSubresourceTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    private const string Timestamp = @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z";

    /// <summary>A namespace with a Ready pod "web" (one container "app", nginx:1.27).</summary>
    private async Task<string> RunningPodAsync(string annotations = "", string restartPolicy = "Always")
    {
        var ns = await cluster.NewNamespaceAsync("logs");
        await cluster.Kubectl.OkAsync("apply -f -", Pods.Yaml(ns, "web", annotations: annotations, restartPolicy: restartPolicy));
        await cluster.Kubectl.OkAsync($"wait --for=condition=Ready pod/web -n {ns} --timeout=20s");
        return ns;
    }

    /// <summary>Runs kubectl, asserts it failed and returns what it printed on standard error.</summary>
    private async Task<string> FailsAsync(string arguments, string? stdin = null)
    {
        var result = await cluster.Kubectl.RunAsync(arguments, stdin);
        Assert.True(result.ExitCode != 0, $"kubectl {arguments} succeeded:\n{result}");
        return result.Stderr;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Logs_of_a_running_pod_tell_its_image_start_and_readiness()
    {
        var ns = await RunningPodAsync();
        var lines = Lines(await cluster.Kubectl.OkAsync($"logs web -n {ns}"));
        Assert.Collection(
            lines,
            l => Assert.Equal("keelson: simulated container app, image docker.io/library/nginx:1.27", l),
            l => Assert.Matches($"^keelson: started at {Timestamp}$", l),
            l => Assert.Matches($"^keelson: ready at {Timestamp}$", l));
    }

    [Fact]
    public async Task Logs_with_tail_1_print_only_the_last_line()
    {
        var ns = await RunningPodAsync();
        var line = Assert.Single(Lines(await cluster.Kubectl.OkAsync($"logs web -n {ns} -c app --tail=1")));
        Assert.StartsWith("keelson: ready at ", line);
    }

    [Fact]
    public async Task Logs_with_timestamps_prefix_each_line_with_its_time()
    {
        var ns = await RunningPodAsync();
        var lines = Lines(await cluster.Kubectl.OkAsync($"logs web -n {ns} --timestamps"));
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Matches($"^{Timestamp} keelson: ", l));
        // The start line's time is the time it tells.
        var started = lines[1].Split(' ');
        Assert.Equal(started[0], started[^1]);
    }

    [Fact]
    public async Task Logs_since_a_time_and_limited_in_bytes_are_cut_as_asked()
    {
        var ns = await RunningPodAsync();
        Assert.Equal("keelson: s", await cluster.Kubectl.OkAsync($"logs web -n {ns} --limit-bytes=10"));
        Assert.Equal(3, Lines(await cluster.Kubectl.OkAsync($"logs web -n {ns} --since=1h")).Length);
        var later = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("", await cluster.Kubectl.OkAsync($"logs web -n {ns} --since-time={later}"));
    }

    [Fact]
    public async Task Logs_of_an_unknown_container_are_refused_as_kube_apiserver_refuses_them()
    {
        var ns = await RunningPodAsync();
        // kubectl checks the container itself; the server's answer to the same request is the apiserver's 400.
        Assert.Contains("error: container nope is not valid for pod web", await FailsAsync($"logs web -n {ns} -c nope"));
        Assert.Contains("Error from server (BadRequest): container nope is not valid for pod web", await FailsAsync($"get --raw /api/v1/namespaces/{ns}/pods/web/log?container=nope"));
    }

    [Fact]
    public async Task Logs_of_a_missing_pod_are_not_found()
    {
        var ns = await cluster.NewNamespaceAsync("logs");
        Assert.Contains($"error: error from server (NotFound): pods \"ghost\" not found in namespace \"{ns}\"", await FailsAsync($"logs ghost -n {ns}"));
        Assert.Contains("Error from server (NotFound): pods \"ghost\" not found", await FailsAsync($"get --raw /api/v1/namespaces/{ns}/pods/ghost/log"));
    }

    [Fact]
    public async Task Logs_of_a_deployment_come_from_a_pod_its_selector_picks()
    {
        var ns = await cluster.NewNamespaceAsync("logs");
        await cluster.Kubectl.OkAsync($"create deployment web -n {ns} --image=busybox:1.36");
        await cluster.Kubectl.OkAsync($"rollout status deployment/web -n {ns} --timeout=20s");
        var output = await cluster.Kubectl.OkAsync($"logs deploy/web -n {ns}");
        Assert.Contains("keelson: simulated container busybox, image docker.io/library/busybox:1.36\n", output);
    }

    [Fact]
    public async Task Logs_previous_show_how_the_last_run_exited_and_are_refused_before_a_restart()
    {
        var ns = await RunningPodAsync();
        Assert.Contains("Error from server (BadRequest): previous terminated container \"app\" in pod \"web\" not found", await FailsAsync($"logs web -n {ns} --previous"));

        await cluster.Kubectl.OkAsync("apply -f -", Pods.Yaml(ns, "crash", annotations: "sim.keelson.dev/crash: \"true\""));
        await Pods.WaitAsync(cluster.Client, ns, "crash", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount > 0, "a restart");
        var previous = Lines(await cluster.Kubectl.OkAsync($"logs crash -n {ns} -p"));
        Assert.Matches($"^keelson: exited with code 1 \\(Error\\) at {Timestamp}$", previous[^1]);
    }

    [Fact]
    public async Task Logs_follow_write_the_exit_when_the_run_ends_and_then_end()
    {
        var ns = await RunningPodAsync(annotations: "sim.keelson.dev/run-for: 4s", restartPolicy: "Never");
        var output = await cluster.Kubectl.OkAsync($"logs web -n {ns} -f");
        var lines = Lines(output);
        Assert.True(lines.Length == 4, $"expected image, started, ready and exited lines:\n{output}");
        Assert.Matches($"^keelson: exited with code 0 \\(Completed\\) at {Timestamp}$", lines[3]);
    }

    [Fact]
    public async Task Logs_follow_of_a_running_pod_stay_open_until_the_pod_is_deleted()
    {
        var ns = await RunningPodAsync();
        using var follow = cluster.Kubectl.Start($"logs web -n {ns} -f");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var line = await follow.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
                Assert.StartsWith("keelson: ", line);
            }
            Assert.False(follow.HasExited, "kubectl logs -f ended while the container still runs");
            await cluster.Kubectl.OkAsync($"delete pod web -n {ns} --wait=false");
            var rest = await follow.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
            await follow.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("", rest);
            Assert.Equal(0, follow.ExitCode);
        }
        finally
        {
            if (!follow.HasExited) follow.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("exec web -- ls /", "Error from server (BadRequest): pod web is simulated by the embedded cluster: exec is not available; see README")]
    [InlineData("exec -i web -c app -- sh", "Error from server (BadRequest): pod web is simulated by the embedded cluster: exec is not available; see README")]
    [InlineData("attach web", "Error from server (BadRequest): pod web is simulated by the embedded cluster: attach is not available; see README")]
    [InlineData("port-forward pod/web :80", "error: error upgrading connection: pod web is simulated by the embedded cluster: port-forward is not available; see README")]
    public async Task Streaming_commands_are_refused_with_a_message_that_says_the_pod_is_simulated(string command, string printed)
    {
        // kubectl tries a WebSocket upgrade (GET) first and falls back to SPDY (POST); both are refused with the same Status.
        var ns = await RunningPodAsync();
        var stderr = await FailsAsync($"-n {ns} {command}", stdin: "");
        Assert.Contains(printed, stderr.Split('\n'));
    }
}
