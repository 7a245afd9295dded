using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keelson.Ui.Tests;

/// <summary>The application page's resource views: the tree (live, collapsed groups), its filters, and the list.</summary>
[Collection(LabCollection.Name)]
public sealed class ResourceTreeTests(LabFixture lab)
{
    [Fact]
    public async Task The_tree_shows_guestbook_dev_from_the_application_through_Deployment_and_ReplicaSet_to_healthy_Pods()
    {
        var pod = await ResourceLab.PodOfAsync(lab, "guestbook-dev", "frontend");
        var replicaSet = ResourceLab.OwnerOf(pod);
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/applications/argocd/guestbook-dev");

        var tree = page.GetByRole(AriaRole.Region, new() { Name = "Resource tree" });
        var app = tree.Locator("[data-testid=resource-node][data-kind=Application]");
        var deployment = tree.GetByRole(AriaRole.Button, new() { Name = "Deployment frontend" });
        var rs = tree.GetByRole(AriaRole.Button, new() { Name = $"ReplicaSet {replicaSet}" });
        var podNode = tree.GetByRole(AriaRole.Button, new() { Name = $"Pod {pod.Name()}" });
        await Expect(app).ToContainTextAsync("guestbook-dev");
        await Expect(deployment).ToContainTextAsync("Healthy");
        await Expect(deployment).ToContainTextAsync("Synced");
        await Expect(rs).ToContainTextAsync("Healthy");
        await Expect(podNode).ToContainTextAsync("Healthy");
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = "Service frontend" })).ToBeVisibleAsync();
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = "Ingress guestbook" })).ToBeVisibleAsync();

        // Left to right: each level of the tree stands right of its parent.
        await AssertLeftToRightAsync("Application → Deployment → ReplicaSet → Pod", app, deployment, rs, podNode);
        await Screenshots.SaveAsync(page, "application-tree");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Filtering_by_kind_hides_the_other_kinds_and_clearing_shows_them_again()
    {
        var pods = await ResourceLab.ListAsync(lab, "v1", "Pod", "guestbook-dev");
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/applications/argocd/guestbook-dev");
        var tree = page.GetByRole(AriaRole.Region, new() { Name = "Resource tree" });
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = "Deployment frontend" })).ToBeVisibleAsync();

        await page.GetByLabel("Kind").SelectOptionAsync("Pod");

        await Expect(tree.Locator("[data-testid=resource-node][data-kind=Pod]")).ToHaveCountAsync(pods.Count);
        foreach (var kind in new[] { "Deployment", "ReplicaSet", "Service", "Ingress", "EndpointSlice" })
            await Expect(tree.Locator($"[data-testid=resource-node][data-kind={kind}]")).ToHaveCountAsync(0);
        // The pods hang under the application itself while their owners are hidden.
        await Expect(tree.Locator("[data-testid=resource-node][data-kind=Application]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(tree.GetByRole(AriaRole.Button, new() { Name = "Deployment frontend" })).ToBeVisibleAsync();
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_list_view_lists_the_resources_of_the_tree_and_is_kept_in_the_url()
    {
        using var api = await lab.ApiAsync("admin");
        var nodes = (await api.GetFromJsonAsync<JsonObject>("api/v1/applications/guestbook-dev/resource-tree"))!["nodes"]!.AsArray();
        var pod = await ResourceLab.PodOfAsync(lab, "guestbook-dev", "frontend");
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/applications/argocd/guestbook-dev");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Resource tree" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Group, new() { Name = "View" }).GetByRole(AriaRole.Button, new() { Name = "List" }).ClickAsync();

        await page.WaitForURLAsync("**/applications/argocd/guestbook-dev?view=list");
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table).ToHaveAttributeAsync("aria-rowcount", (nodes.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = "Deployment guestbook-dev frontend" })).ToContainTextAsync("Synced");
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = $"Pod guestbook-dev {pod.Name()}" })).ToContainTextAsync("Healthy");
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = "Ingress guestbook-dev guestbook" })).ToBeVisibleAsync();

        // The view survives a reload: it is the URL's.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "List", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = "Deployment guestbook-dev frontend" })).ToBeVisibleAsync();
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_network_view_leads_from_the_ingress_url_through_the_service_to_its_pod()
    {
        var pod = await ResourceLab.PodOfAsync(lab, "guestbook-dev", "frontend");
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync("/applications/argocd/guestbook-dev?view=network");

        var network = page.GetByRole(AriaRole.Region, new() { Name = "Network" });
        var url = network.GetByRole(AriaRole.Link, new() { Name = "http://guestbook.local/" });
        var ingress = network.GetByRole(AriaRole.Button, new() { Name = "Ingress guestbook" });
        var service = network.GetByRole(AriaRole.Button, new() { Name = "Service frontend" });
        var podNode = network.GetByRole(AriaRole.Button, new() { Name = $"Pod {pod.Name()}" });
        await Expect(podNode).ToContainTextAsync("Healthy");
        await AssertLeftToRightAsync("URL → Ingress → Service → Pod", url, ingress, service, podNode);
        ui.AssertNoConsoleErrors();
    }

    private static async Task AssertLeftToRightAsync(string what, params ILocator[] nodes)
    {
        var x = new List<float>();
        foreach (var node in nodes) x.Add((await node.BoundingBoxAsync())!.X);
        Assert.True(x.Zip(x.Skip(1)).All(p => p.First < p.Second), $"{what} is not left to right: {string.Join(", ", x)}");
    }

    [Fact]
    public async Task Sixty_pods_collapse_into_group_nodes_that_expand_on_click_and_follow_the_cluster_live()
    {
        await using var own = await ResourceLab.CreateAppAsync(lab, "ui-tree-scale");
        await using var ui = await lab.LoggedInAsync("admin");
        var page = ui.Page;
        await page.GotoAsync($"/applications/argocd/{own.Name}");
        var tree = page.GetByRole(AriaRole.Region, new() { Name = "Resource tree" });
        await Expect(tree.Locator("[data-testid=resource-node][data-kind=Pod]")).ToHaveCountAsync(3);

        // Scaled in the cluster (the app does not sync by itself): the open page follows the tree's stream.
        foreach (var deployment in new[] { "frontend", "redis-replica" }) await ResourceLab.ScaleAsync(lab, own.Name, deployment, 30);

        var groups = tree.GetByRole(AriaRole.Button, new() { Name = "30 Pods" });
        await Expect(groups).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(groups.First).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(groups.First).ToContainTextAsync("(30 Healthy)", new() { Timeout = 60_000 });
        // Only the one redis-master pod is drawn on its own.
        await Expect(tree.Locator("[data-testid=resource-node][data-kind=Pod]")).ToHaveCountAsync(1);

        await groups.First.ClickAsync();

        await Expect(groups).ToHaveCountAsync(1);
        await Expect(tree.Locator("[data-testid=resource-node][data-kind=Pod]")).ToHaveCountAsync(31);
        await page.GetByRole(AriaRole.Button, new() { Name = "Collapse groups" }).ClickAsync();
        await Expect(groups).ToHaveCountAsync(2);
        ui.AssertNoConsoleErrors();
    }
}

/// <summary>What the resource tests read from and make in the lab: its objects, and Applications of their own.</summary>
internal static class ResourceLab
{
    public static string Name(this JsonObject obj) => obj["metadata"]!["name"]!.ToString();

    public static string OwnerOf(JsonObject obj) => obj["metadata"]!["ownerReferences"]![0]!["name"]!.ToString();

    public static async Task<IReadOnlyList<JsonObject>> ListAsync(LabFixture lab, string apiVersion, string kind, string ns)
    {
        var type = await lab.Client.FindAsync(apiVersion, kind) ?? throw new InvalidOperationException($"the cluster does not serve {kind}");
        return (await lab.Client.ListAsync(type, ns)).Items;
    }

    /// <summary>The running pod of a Deployment (of its newest ReplicaSet, when several are there).</summary>
    public static async Task<JsonObject> PodOfAsync(LabFixture lab, string ns, string deployment)
    {
        var pods = (await ListAsync(lab, "v1", "Pod", ns)).Where(p => p.Name().StartsWith(deployment + "-", StringComparison.Ordinal) && p["metadata"]!["deletionTimestamp"] is null);
        return pods.OrderByDescending(p => p["metadata"]!["creationTimestamp"]!.ToString(), StringComparer.Ordinal).First();
    }

    public static async Task ScaleAsync(LabFixture lab, string ns, string deployment, int replicas)
    {
        var type = (await lab.Client.FindAsync("apps/v1", "Deployment"))!;
        await lab.Client.MergePatchAsync(type, ns, deployment, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } });
    }

    /// <summary>
    /// An Application of the test's own: the guestbook's base into namespace <paramref name="name"/>, synced once by
    /// hand and Healthy (it does not sync by itself, so what a test changes in the cluster stays); deleted with its
    /// resources when disposed.
    /// </summary>
    public static async Task<OwnApp> CreateAppAsync(LabFixture lab, string name)
    {
        var api = await lab.ApiAsync("admin");
        var app = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "argocd" },
            ["spec"] = new JsonObject
            {
                ["project"] = "default",
                ["source"] = new JsonObject { ["repoURL"] = lab.Repo, ["path"] = "examples/guestbook/base", ["targetRevision"] = "main" },
                ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = name },
                ["syncPolicy"] = new JsonObject { ["syncOptions"] = new JsonArray("CreateNamespace=true") },
            },
        };
        var own = new OwnApp(lab, name, api);
        await own.SendAsync(HttpMethod.Post, "api/v1/applications?upsert=true", app);
        await own.SendAsync(HttpMethod.Post, $"api/v1/applications/{name}/sync", new JsonObject());
        await own.WaitAsync(a => a["status"]?["sync"]?["status"]?.ToString() == "Synced" && a["status"]?["health"]?["status"]?.ToString() == "Healthy", "Synced and Healthy");
        return own;
    }
}

/// <summary>An Application a test made; disposing deletes it (cascading to its resources).</summary>
internal sealed class OwnApp(LabFixture lab, string name, HttpClient api) : IAsyncDisposable
{
    public string Name { get; } = name;

    public async Task SendAsync(HttpMethod method, string path, JsonNode body)
    {
        var response = await api.SendAsync(LabFixture.Json(method, path, body));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task WaitAsync(Func<JsonObject, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            last = await api.GetFromJsonAsync<JsonObject>($"api/v1/applications/{Name}");
            if (last is not null && condition(last)) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} was not {what} within 90 s: {last?["status"]?.ToJsonString()}");
    }

    /// <summary>
    /// Deletes the app with its resources, then its namespace, and waits until its pods are gone: the lab's one
    /// simulated node has room for so many pods, and the next test class must not find it full of this one's.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using (api)
        {
            var deleted = await LabFixture.DeleteAsync(api, $"api/v1/applications/{Name}?cascade=true");
            if (!deleted.IsSuccessStatusCode && deleted.StatusCode != System.Net.HttpStatusCode.NotFound)
                throw new InvalidOperationException($"deleting {Name}: {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
        }
        var namespaces = (await lab.Client.FindAsync("v1", "Namespace"))!;
        await lab.Client.DeleteAsync(namespaces, null, Name);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && (await ResourceLab.ListAsync(lab, "v1", "Pod", Name)).Count > 0) await Task.Delay(250);
    }
}
