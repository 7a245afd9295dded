using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Batch;

/// <summary>What the Job controller reads from a Job's spec and status.</summary>
internal static class JobFacts
{
    public static bool IsFinished(JsonObject? status) => StatusConditions.IsTrue(status, "Complete") || StatusConditions.IsTrue(status, "Failed");

    public static bool IsIndexed(JsonObject job) => job.GetPath("spec", "completionMode")?.ToString() == "Indexed";

    public static int Succeeded(JsonObject status) => PodFacts.Int(status["succeeded"]);

    public static int Failed(JsonObject status) => PodFacts.Int(status["failed"]);

    public static int UncountedFailed(JsonObject status) => Uids(status.GetPath("uncountedTerminatedPods", "failed")).Count;

    public static HashSet<string> Uids(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>The completion index of a pod of an Indexed Job (annotation, else label), or null.</summary>
    public static int? CompletionIndex(JsonObject pod)
    {
        var text = pod.GetAnnotations().GetValueOrDefault(BatchKeys.CompletionIndex) ?? pod.GetLabels().GetValueOrDefault(BatchKeys.CompletionIndex);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    /// <summary>When the Job finished: completionTime, else the terminal condition's transition.</summary>
    public static DateTimeOffset? FinishedAt(JsonObject status) =>
        StatusConditions.ParseTimestamp(status["completionTime"])
        ?? StatusConditions.ParseTimestamp(StatusConditions.Find(status, "Complete")?["lastTransitionTime"])
        ?? StatusConditions.ParseTimestamp(StatusConditions.Find(status, "Failed")?["lastTransitionTime"]);
}
