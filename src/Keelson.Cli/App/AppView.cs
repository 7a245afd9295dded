using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>How `keelson app` shows an Application's fields, in the words `argocd app` uses.</summary>
public static class AppView
{
    public static string Cluster(Application app) =>
        app.Spec.Destination.Server is { Length: > 0 } server ? server : app.Spec.Destination.Name ?? "";

    public static string SyncPolicy(Application app)
    {
        if (app.Spec.SyncPolicy?.Automated is not { } automated) return "Manual";
        if (automated.Enabled == false) return "Manual (automated sync suspended)";
        var extras = new List<string>();
        if (automated.Prune) extras.Add("Prune");
        if (automated.SelfHeal) extras.Add("SelfHeal");
        return extras.Count == 0 ? "Auto" : $"Auto-{string.Join("-", extras)}";
    }

    public static string SyncStatus(Application app) => app.Status.Sync?.Status ?? "Unknown";

    public static string Health(Application app) => app.Status.Health?.Status ?? "Unknown";

    public static string Target(Application app) =>
        app.PrimarySource?.TargetRevision is { Length: > 0 } target ? target : "HEAD";

    public static string Short(string? sha) => sha is null ? "" : sha.Length > 7 && IsSha(sha) ? sha[..7] : sha;

    private static bool IsSha(string text) => text.Length == 40 && text.All(Uri.IsHexDigit);

    /// <summary>The operation the engine has not finished yet, or null: <c>operation</c> is set, or its state is Running.</summary>
    public static string? RunningOperation(JsonObject raw)
    {
        if (raw["operation"] is JsonObject) return raw.GetPath("status", "operationState", "phase")?.ToString() ?? "Pending";
        return raw.GetPath("status", "operationState", "phase")?.ToString() is "Running" or "Terminating" ? "Running" : null;
    }

    /// <summary>A resource tree node's or managed resource's key, group/kind/namespace/name, as status.resources are keyed.</summary>
    public static string NodeKey(JsonObject node) => $"{node["group"]}/{node["kind"]}/{node["namespace"]}/{node["name"]}";

    public static string Conditions(Application app) =>
        string.Join(",", (app.Status.Conditions ?? []).Select(c => c.Type).Distinct(StringComparer.Ordinal));

    /// <summary>One line for progress and timeout messages: sync, health, operation.</summary>
    public static string State(JsonObject raw)
    {
        var app = Application.Parse(raw);
        var text = $"sync {SyncStatus(app)}, health {Health(app)}";
        if (app.Status.Health?.Message is { Length: > 0 } message) text += $" ({message})";
        if (RunningOperation(raw) is { } op) text += $", operation {op}";
        if (app.Status.OperationState is { Phase: "Running", Message: { Length: > 0 } opMessage }) text += $": {opMessage}";
        return text;
    }
}
