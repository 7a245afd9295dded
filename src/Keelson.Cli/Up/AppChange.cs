using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cli.Up;

/// <summary>
/// What changed in an Application between two of its states, as the lines `keelson up` prints after "Keelson is up":
/// a sync that started or finished (with what it did), a self-heal, a sync or health status change, and a condition
/// that appeared or cleared. Pure: the caller feeds it the states a watch delivers.
/// </summary>
public static class AppChange
{
    /// <summary>One line of news about an Application.</summary>
    /// <param name="App">The Application's name.</param>
    /// <param name="Kind">What happened: sync, self-heal, sync-failed, status, health, condition.</param>
    /// <param name="Text">The line, without the name, e.g. "synced to 4f2a1c3 (auto-sync): Deployment/frontend configured".</param>
    public sealed record Line(string App, string Kind, string Text);

    /// <summary>The lines that tell what changed from <paramref name="before"/> (null: first seen) to <paramref name="after"/>.</summary>
    public static IEnumerable<Line> Describe(JsonObject? before, JsonObject after)
    {
        var name = after.GetName() ?? "?";
        var op = after.GetPath("status", "operationState") as JsonObject;
        var oldOp = before?.GetPath("status", "operationState") as JsonObject;
        var phase = op?["phase"]?.ToString();
        var finished = op?["finishedAt"]?.ToString();
        var started = op?["startedAt"]?.ToString();
        if (op is not null && before is not null)
        {
            var automated = op.GetPath("operation", "initiatedBy", "automated") is JsonValue a && a.TryGetValue<bool>(out var b) && b;
            var revision = Short(op.GetPath("syncResult", "revision")?.ToString() ?? op.GetPath("operation", "sync", "revision")?.ToString());
            var how = automated ? "auto-sync" : "by " + (op.GetPath("operation", "initiatedBy", "username")?.ToString() ?? "hand");
            if (phase == "Running" && started != oldOp?["startedAt"]?.ToString())
                yield return new Line(name, "sync", $"syncing to {revision} ({how})");
            else if (phase is "Succeeded" && finished is not null && (finished != oldOp?["finishedAt"]?.ToString() || phase != oldOp?["phase"]?.ToString()))
            {
                // An automated sync to the revision the one before it had deployed undid drift: a self-heal.
                var history = (after.GetPath("status", "history") as JsonArray ?? []).OfType<JsonObject>().ToList();
                var selfHeal = automated && history.Count >= 2
                    && Short(history[^2]["revision"]?.ToString()) == revision && Short(history[^1]["revision"]?.ToString()) == revision;
                yield return new Line(name, selfHeal ? "self-heal" : "sync",
                    (selfHeal ? $"self-healed drift at {revision}" : $"synced to {revision} ({how})") + Results(op));
            }
            else if (phase is "Failed" or "Error" && (finished != oldOp?["finishedAt"]?.ToString() || phase != oldOp?["phase"]?.ToString()))
                yield return new Line(name, "sync-failed", $"sync to {revision} failed: {op["message"]}");
        }

        var sync = after.GetPath("status", "sync", "status")?.ToString();
        var oldSync = before?.GetPath("status", "sync", "status")?.ToString();
        if (before is not null && sync is not null && sync != oldSync)
        {
            var drift = OutOfSyncResources(after);
            yield return new Line(name, "status", sync == "OutOfSync" && drift.Length > 0 ? $"OutOfSync: {drift}" : sync);
        }

        var health = after.GetPath("status", "health", "status")?.ToString();
        var oldHealth = before?.GetPath("status", "health", "status")?.ToString();
        if (before is not null && health is not null && health != oldHealth)
        {
            var message = after.GetPath("status", "health", "message")?.ToString();
            yield return new Line(name, "health", $"health {oldHealth ?? "-"} → {health}" + (string.IsNullOrEmpty(message) ? "" : $": {message}"));
        }

        var conditions = Conditions(after);
        var oldConditions = before is null ? [] : Conditions(before);
        foreach (var (type, message) in conditions)
            if (!oldConditions.Contains((type, message))) yield return new Line(name, "condition", $"condition {type}: {message}");
        foreach (var (type, _) in oldConditions)
            if (!conditions.Any(c => c.Type == type)) yield return new Line(name, "condition", $"condition {type} cleared");
    }

    private static string Short(string? revision) => revision is { Length: >= 7 } r && r.All(char.IsAsciiHexDigit) ? r[..7] : revision ?? "?";

    /// <summary>": 1 created, Deployment/frontend configured" — the objects the sync changed, or nothing when it changed none.</summary>
    private static string Results(JsonObject op)
    {
        var changed = (op.GetPath("syncResult", "resources") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => r["message"]?.ToString() is { } m && !m.EndsWith("unchanged", StringComparison.Ordinal))
            .Select(r => $"{r["kind"]}/{r["name"]} {Verb(r["message"]?.ToString())}")
            .ToList();
        if (changed.Count == 0) return "";
        return ": " + (changed.Count <= 4 ? string.Join(", ", changed) : string.Join(", ", changed.Take(3)) + $" and {changed.Count - 3} more");
    }

    /// <summary>The last word of kubectl-style apply messages ("deployment.apps/frontend configured" → "configured").</summary>
    private static string Verb(string? message) => message?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";

    private static string OutOfSyncResources(JsonObject app)
    {
        var drifted = (app.GetPath("status", "resources") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => r["status"]?.ToString() == "OutOfSync")
            .Select(r => $"{r["kind"]}/{r["name"]}")
            .ToList();
        return drifted.Count <= 4 ? string.Join(", ", drifted) : string.Join(", ", drifted.Take(3)) + $" and {drifted.Count - 3} more";
    }

    private static List<(string Type, string Message)> Conditions(JsonObject app) =>
        (app.GetPath("status", "conditions") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(c => (c["type"]?.ToString() ?? "", c["message"]?.ToString() ?? ""))
            .ToList();
}
