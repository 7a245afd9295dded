using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Keelson.Benchmarks;

/// <summary>
/// The web UI in Debian's Chromium (headless, driven by Playwright) against the server with N Applications synced by
/// the engine, plus one app of 500 resources (100 Deployments, 100 Services, 300 ConfigMaps): navigation → the list
/// rendered (all N counted, first tiles drawn); a change to an app → on screen; the big app's tree rendered; the
/// page's JS heap. Goals (2 cores): list ≤ 1.5 s, tree ≤ 1 s, page memory ≤ 200 MB.
/// </summary>
internal static class UiBenchmark
{
    private const string Big = "big";

    public static async Task<int> RunAsync(int apps)
    {
        await using var system = await BenchSystem.StartAsync(apps, extraPods: 300, writeExtra: WriteBig, extra: repo => [BigApp(repo)]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = system.Server.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });
        context.SetDefaultTimeout(60_000);
        await context.AddCookiesAsync([new Cookie { Name = "argocd.token", Value = system.Token, Url = system.Server.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        var total = apps + 1;

        // Navigation → the list rendered: every app counted and the first tiles drawn (5 runs, after one warm-up).
        var list = new List<double>();
        for (var k = 0; k < 6; k++)
        {
            await page.GotoAsync("about:blank");
            var clock = Stopwatch.StartNew();
            await page.GotoAsync("/applications");
            await page.Locator($"[data-testid='counts'] strong:text-is('{total}')").WaitForAsync();
            await page.Locator($"[data-app='{AppsBenchmark.Name(0)}']").WaitForAsync();
            if (k > 0) list.Add(clock.Elapsed.TotalMilliseconds);
        }
        var listHeap = await HeapMegabytesAsync(page);

        // A change to an app (auto-sync turned off) → on its tile; then back on.
        var live = new List<double>();
        for (var k = 0; k < 5; k++)
        {
            var name = AppsBenchmark.Name(0);
            var tile = page.Locator($"[data-app='{name}']");
            var clock = Stopwatch.StartNew();
            await system.Client.MergePatchAsync(system.AppType, "argocd", name, new JsonObject { ["spec"] = new JsonObject { ["syncPolicy"] = new JsonObject { ["automated"] = null } } });
            await tile.Locator("text=auto-sync off").WaitForAsync();
            live.Add(clock.Elapsed.TotalMilliseconds);
            await system.Client.MergePatchAsync(system.AppType, "argocd", name, new JsonObject
            {
                ["spec"] = new JsonObject { ["syncPolicy"] = new JsonObject { ["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true } } },
            });
            await tile.Locator("text=auto-sync on").WaitForAsync();
        }

        // The big app's page → its tree drawn (5 runs, after one warm-up).
        var tree = new List<double>();
        for (var k = 0; k < 6; k++)
        {
            await page.GotoAsync("about:blank");
            var clock = Stopwatch.StartNew();
            await page.GotoAsync($"/applications/argocd/{Big}");
            await page.Locator(TreeReady).First.WaitForAsync();
            if (k > 0) tree.Add(clock.Elapsed.TotalMilliseconds);
        }
        var nodes = await page.Locator(TreeNode).CountAsync();

        // The group of 300 ConfigMaps expanded: each laid out as a box of its own (5 runs).
        var expanded = new List<double>();
        var expandedNodes = 0;
        for (var k = 0; k < 5; k++)
        {
            await page.GotoAsync($"/applications/argocd/{Big}");
            await page.Locator(TreeReady).First.WaitForAsync();
            var clock = Stopwatch.StartNew();
            await page.Locator("[data-testid='resource-group'][data-kind='ConfigMap']").ClickAsync();
            // Laid out whole, drawn where the view is (past 150 boxes the canvas draws only what is near it).
            await page.Locator("[data-testid='resource-node'][data-kind='ConfigMap']").First.WaitForAsync();
            expanded.Add(clock.Elapsed.TotalMilliseconds);
            expandedNodes = await page.Locator(TreeNode).CountAsync();
        }
        var treeHeap = await HeapMegabytesAsync(page);

        Console.WriteLine($"Web UI in headless Chromium, {apps} Applications + one of 500 resources, server, engine and cluster in one process, {Environment.ProcessorCount} cores");
        Console.WriteLine("| measure | measured | goal |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| navigation → list rendered ({total} apps counted, tiles drawn), p50 / max of {list.Count} | {P50Max(list)} | ≤ 1.5 s |");
        Console.WriteLine($"| a change to an app → on its tile, p50 / max of {live.Count} | {P50Max(live)} | |");
        Console.WriteLine($"| navigation → tree of the 500-resource app rendered ({nodes} boxes: groups of more than 8 of a kind), p50 / max of {tree.Count} | {P50Max(tree)} | ≤ 1 s |");
        Console.WriteLine($"| … its group of 300 ConfigMaps expanded → laid out and drawn ({expandedNodes} boxes near the view in the DOM), p50 / max of {expanded.Count} | {P50Max(expanded)} | |");
        Console.WriteLine($"| page JS heap: list / tree | {listHeap:0} / {treeHeap:0} MB | ≤ 200 MB |");
        return 0;
    }

    /// <summary>What the tree view draws: a box per resource, and one per collapsed group.</summary>
    private const string TreeNode = "[data-testid='resource-node'], [data-testid='resource-group']";

    /// <summary>
    /// The tree is drawn once the boxes of the app's objects are (the app's own box comes first); more than 8 of a kind
    /// under one parent are one group box until expanded.
    /// </summary>
    private const string TreeReady = "[data-testid='resource-group'], [data-testid='resource-node']:not([data-kind='Application'])";

    private static async Task<double> HeapMegabytesAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        await cdp.SendAsync("Performance.enable");
        var metrics = await cdp.SendAsync("Performance.getMetrics");
        var used = metrics!.Value.GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("name").GetString() == "JSHeapUsedSize");
        return used.GetProperty("value").GetDouble() / 1e6;
    }

    private static string P50Max(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        return $"{sorted[sorted.Count / 2]:0} / {sorted[^1]:0} ms";
    }

    private static void WriteBig(string repo)
    {
        var dir = Path.Combine(repo, Big);
        Directory.CreateDirectory(dir);
        var all = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            all.Append($$"""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web-{{i:000}}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: web-{{i:000}}}
                  template:
                    metadata:
                      labels: {app: web-{{i:000}}}
                    spec:
                      containers:
                        - name: web
                          image: example.com/guestbook:1.0.0
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web-{{i:000}}
                spec:
                  selector: {app: web-{{i:000}}}
                  ports:
                    - port: 80
                ---

                """);
        }
        for (var i = 0; i < 300; i++)
            all.Append($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-{i:000}\ndata:\n  index: \"{i}\"\n---\n");
        File.WriteAllText(Path.Combine(dir, "all.yaml"), all.ToString());
        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), "resources: [all.yaml]\n");
    }

    private static JsonObject BigApp(string repo)
    {
        var app = AppsBenchmark.Application(Big, repo);
        app["spec"]!["source"]!["path"] = Big;
        return app;
    }
}
