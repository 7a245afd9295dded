using Keelson.Cluster.Tests.Kubectl;

namespace Keelson.Cluster.Tests.Examples;

/// <summary>A real embedded cluster with a fast simulated kubelet, shared by the apply tests.</summary>
public sealed class ExampleCluster : IAsyncLifetime
{
    public KubectlCluster Kubectl { get; } = new(new ClusterOptions
    {
        InMemory = true,
        Port = 0,
        Simulation = new SimulationOptions { PodStartDelay = TimeSpan.FromMilliseconds(100) },
    });

    public Task InitializeAsync() => Kubectl.InitializeAsync();

    public Task DisposeAsync() => Kubectl.DisposeAsync();
}

/// <summary>
/// Each overlay, rendered by Keelson, applies to the embedded cluster with strict field validation, and every
/// Deployment and StatefulSet in it rolls out.
/// </summary>
public class ExampleApplyTests(ExampleCluster fixture) : IClassFixture<ExampleCluster>
{
    [Theory]
    [MemberData(nameof(ExampleRenderTests.Overlays), MemberType = typeof(ExampleRenderTests))]
    public async Task Overlay_applies_strictly_and_rolls_out(string app, string env)
    {
        var kubectl = fixture.Kubectl;
        var objects = ExampleManifests.Render(ExampleManifests.Overlay(app, env));
        var yaml = ExampleManifests.RenderYaml(ExampleManifests.Overlay(app, env));

        if (app == "wordpress" && env == "prod")
        {
            // prod keeps its database password out of Git: provide it as an operator would.
            await kubectl.OkAsync("create namespace wordpress-prod");
            await kubectl.OkAsync("create secret generic mysql-credentials -n wordpress-prod --from-literal=password=p --from-literal=root-password=r");
        }

        await kubectl.OkAsync("apply --validate=strict -f -", yaml);

        var workloads = objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet").ToList();
        Assert.NotEmpty(workloads);
        foreach (var workload in workloads)
        {
            var kind = ((string)workload["kind"]!).ToLowerInvariant();
            var name = (string)workload["metadata"]!["name"]!;
            var ns = (string)workload["metadata"]!["namespace"]!;
            var output = await kubectl.OkAsync($"rollout status {kind}/{name} -n {ns} --timeout=50s");
            // A StatefulSet with the defaulted RollingUpdate partition 0 reports "partitioned roll out complete".
            Assert.True(output.Contains("successfully rolled out") || output.Contains("roll out complete"), output);
        }
    }
}
