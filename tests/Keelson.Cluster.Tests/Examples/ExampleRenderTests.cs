using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Kustomize;

namespace Keelson.Cluster.Tests.Examples;

/// <summary>
/// Every overlay under examples/ renders identically with Keelson's renderer and with <c>kubectl kustomize</c>,
/// and the guestbook overlays carry the values of the seed's "Environment Resource Allocation" table.
/// </summary>
public class ExampleRenderTests
{
    public static TheoryData<string, string> Overlays => new()
    {
        { "guestbook", "dev" },
        { "guestbook", "staging" },
        { "guestbook", "prod" },
        { "wordpress", "dev" },
        { "wordpress", "prod" },
    };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Keelson_render_matches_kubectl_kustomize(string app, string env)
    {
        var dir = ExampleManifests.Overlay(app, env);
        var keelson = ExampleManifests.RenderYaml(dir);
        var kubectl = await KubectlKustomizeAsync(dir);
        Assert.Equal(kubectl, keelson);
    }

    // Resource | Dev | Staging | Production (shared/seed/ARCHITECTURE.md).
    [Theory]
    [InlineData("dev", 1, 1, "50m", "100m", "64Mi", "128Mi", false)]
    [InlineData("staging", 2, 2, "100m", "250m", "128Mi", "256Mi", false)]
    [InlineData("prod", 3, 3, "200m", "500m", "256Mi", "512Mi", true)]
    public void Guestbook_overlay_follows_the_seed_table(
        string env, int frontendReplicas, int redisReplicas, string cpuRequest, string cpuLimit,
        string memoryRequest, string memoryLimit, bool autoscaled)
    {
        var objects = ExampleManifests.Render(ExampleManifests.Overlay("guestbook", env));
        var ns = $"guestbook-{env}";

        Assert.Contains(objects, o => (string?)o["kind"] == "Namespace" && (string?)o["metadata"]!["name"] == ns);
        foreach (var o in objects.Where(o => (string?)o["kind"] != "Namespace"))
            Assert.Equal(ns, (string?)o["metadata"]!["namespace"]);

        var frontend = ExampleManifests.Find(objects, "Deployment", "frontend");
        Assert.Equal(frontendReplicas, Int(frontend["spec"]!["replicas"]));
        Assert.Equal(1, Int(ExampleManifests.Find(objects, "Deployment", "redis-master")["spec"]!["replicas"]!));
        Assert.Equal(redisReplicas, Int(ExampleManifests.Find(objects, "Deployment", "redis-replica")["spec"]!["replicas"]!));
        Assert.Equal("ghcr.io/keelson-dev/guestbook-frontend:1.0.0",
            (string?)frontend["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);

        foreach (var deployment in objects.Where(o => (string?)o["kind"] == "Deployment"))
        {
            var labels = deployment["metadata"]!["labels"]!.AsObject();
            foreach (var key in new[] { "app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by" })
                Assert.True(labels.ContainsKey(key), $"{deployment["metadata"]!["name"]} lacks label {key}");
            foreach (var container in deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray())
            {
                var resources = container!["resources"]!;
                Assert.Equal(cpuRequest, (string?)resources["requests"]!["cpu"]);
                Assert.Equal(memoryRequest, (string?)resources["requests"]!["memory"]);
                Assert.Equal(cpuLimit, (string?)resources["limits"]!["cpu"]);
                Assert.Equal(memoryLimit, (string?)resources["limits"]!["memory"]);
                Assert.NotNull(container["livenessProbe"]);
                Assert.NotNull(container["readinessProbe"]);
            }
        }

        var ingress = ExampleManifests.Find(objects, "Ingress", "guestbook");
        var rule = ingress["spec"]!["rules"]![0]!;
        Assert.Equal("guestbook.local", (string?)rule["host"]);
        Assert.Equal("/", (string?)rule["http"]!["paths"]![0]!["path"]);
        Assert.Equal("frontend", (string?)rule["http"]!["paths"]![0]!["backend"]!["service"]!["name"]);

        var hpas = objects.Where(o => (string?)o["kind"] == "HorizontalPodAutoscaler").ToList();
        if (!autoscaled)
        {
            Assert.Empty(hpas);
            return;
        }
        var hpa = Assert.Single(hpas)["spec"]!;
        Assert.Equal("frontend", (string?)hpa["scaleTargetRef"]!["name"]);
        Assert.Equal(3, Int(hpa["minReplicas"]));
        Assert.Equal(10, Int(hpa["maxReplicas"]));
        var targets = hpa["metrics"]!.AsArray().ToDictionary(
            m => (string)m!["resource"]!["name"]!, m => Int(m!["resource"]!["target"]!["averageUtilization"]));
        Assert.Equal(70, targets["cpu"]);
        Assert.Equal(80, targets["memory"]);
    }

    [Fact]
    public void Set_image_in_an_overlay_changes_the_frontend_image()
    {
        var copy = Directory.CreateTempSubdirectory("keelson-examples-").FullName;
        try
        {
            CopyDirectory(Path.Combine(ExampleManifests.ExamplesDir, "guestbook"), copy);
            var dir = Path.Combine(copy, "overlays", "dev");
            var file = KustomizationEditor.FindFile(dir);
            var edited = KustomizationEditor.SetImages(File.ReadAllText(file), file,
                ["ghcr.io/keelson-dev/guestbook-frontend=ghcr.io/keelson-dev/guestbook-frontend:sha-abc1234"]);
            File.WriteAllText(file, edited);

            var frontend = ExampleManifests.Find(ExampleManifests.Render(dir), "Deployment", "frontend");
            Assert.Equal("ghcr.io/keelson-dev/guestbook-frontend:sha-abc1234",
                (string?)frontend["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static int Int(JsonNode? node) => int.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static async Task<string> KubectlKustomizeAsync(string dir)
    {
        var info = new ProcessStartInfo(Kubectl.KubectlCluster.KubectlPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("kustomize");
        info.ArgumentList.Add(dir);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {dir} failed: {await stderr}");
        return await stdout;
    }
}
