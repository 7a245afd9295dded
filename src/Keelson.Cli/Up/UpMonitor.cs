using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;

namespace Keelson.Cli.Up;

/// <summary>
/// The news `keelson up` prints while it runs: watches the Applications of the control namespace (each change told by
/// <see cref="AppChange"/>) and the cluster's Warning events about pods in the Applications' destination namespaces
/// (an image that does not pull, a crash loop), and hands each line to <see cref="Report"/> as it happens.
/// </summary>
public sealed class UpMonitor : IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly string _controlNamespace;
    private readonly Action<AppChange.Line> _report;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, JsonObject> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seenEvents = new(StringComparer.Ordinal);
    private readonly List<Task> _loops = [];

    private UpMonitor(KubeClient client, string controlNamespace, Action<AppChange.Line> report)
    {
        _client = client;
        _controlNamespace = controlNamespace;
        _report = report;
    }

    /// <summary>The reasons of pod events worth a line: pulls that fail, containers that crash.</summary>
    private static readonly HashSet<string> WarningReasons = new(StringComparer.Ordinal) { "Failed", "BackOff", "Unhealthy", "FailedScheduling", "FailedCreate" };

    /// <summary>Starts watching; what exists now is the baseline, and only what changes after it is reported.</summary>
    public static UpMonitor Start(KubeClient client, string controlNamespace, Action<AppChange.Line> report)
    {
        var monitor = new UpMonitor(client, controlNamespace, report);
        monitor._loops.Add(Task.Run(() => monitor.WatchAsync("argoproj.io/v1alpha1", "Application", controlNamespace, monitor.OnApplication)));
        monitor._loops.Add(Task.Run(() => monitor.WatchAsync("v1", "Event", null, monitor.OnEvent)));
        return monitor;
    }

    private void Report(AppChange.Line line)
    {
        try
        {
            _report(line);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // The terminal went away; the lab keeps running.
        }
    }

    private void OnApplication(WatchEventType type, JsonObject app, bool initial)
    {
        var name = app.GetName() ?? "";
        if (type == WatchEventType.Deleted)
        {
            if (_apps.TryRemove(name, out _)) Report(new AppChange.Line(name, "deleted", "deleted"));
            return;
        }
        var before = _apps.GetValueOrDefault(name);
        _apps[name] = app;
        if (initial && before is null) return;
        if (before is null)
        {
            Report(new AppChange.Line(name, "created", "created"));
            return;
        }
        foreach (var line in AppChange.Describe(before, app)) Report(line);
    }

    private void OnEvent(WatchEventType type, JsonObject e, bool initial)
    {
        var uid = e.GetMetadata()?.GetString("uid") ?? "";
        // An event seen once is not told again when its count goes up.
        if (type == WatchEventType.Deleted || !_seenEvents.TryAdd(uid, 0) || initial) return;
        if (e["type"]?.ToString() != "Warning" || !WarningReasons.Contains(e["reason"]?.ToString() ?? "")) return;
        var ns = e.GetPath("involvedObject", "namespace")?.ToString();
        var app = _apps.Values.FirstOrDefault(a => a.GetPath("spec", "destination", "namespace")?.ToString() == ns);
        if (app is null) return;
        var kind = e.GetPath("involvedObject", "kind")?.ToString()?.ToLowerInvariant();
        var objectName = e.GetPath("involvedObject", "name")?.ToString();
        Report(new AppChange.Line(app.GetName() ?? "?", "warning", $"{kind} {objectName}: {e["message"]}"));
    }

    /// <summary>List, then watch, relisting after the stream ends or fails, until disposed.</summary>
    private async Task WatchAsync(string apiVersion, string kind, string? ns, Action<WatchEventType, JsonObject, bool> handle)
    {
        var token = _stop.Token;
        var first = true;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var type = await _client.FindAsync(apiVersion, kind, token);
                if (type is null)
                {
                    await Task.Delay(500, token);
                    continue;
                }
                var (items, rv) = await _client.ListAsync(type, ns, null, token);
                foreach (var item in items) handle(WatchEventType.Added, item, first);
                first = false;
                await foreach (var e in _client.WatchAsync(type, ns, rv, token))
                    if (e.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted) handle(e.Type, e.Object, false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                try
                {
                    await Task.Delay(1000, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
