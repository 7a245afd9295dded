using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Deployments;

/// <summary>The deployment.kubernetes.io annotations on Deployments and their ReplicaSets.</summary>
internal static class Annotations
{
    /// <summary>Deployment annotations that are not copied to its ReplicaSets (annotationsToSkip).</summary>
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        WorkloadKeys.LastAppliedConfiguration, WorkloadKeys.Revision, WorkloadKeys.RevisionHistory,
        WorkloadKeys.DesiredReplicas, WorkloadKeys.MaxReplicas, "deprecated.deployment.rollback.to",
    };

    public static int? Int(JsonObject obj, string key) =>
        obj.GetAnnotations().TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static long Revision(JsonObject obj) =>
        obj.GetAnnotations().TryGetValue(WorkloadKeys.Revision, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>
    /// Brings a new ReplicaSet's annotations up to date (SetNewReplicaSetAnnotations): the Deployment's own annotations,
    /// the revision (the previous one moves into revision-history when an old template comes back), and at creation
    /// the desired and max replicas. Returns whether anything changed.
    /// </summary>
    public static bool SetNewReplicaSetAnnotations(JsonObject d, JsonObject rs, long newRevision, bool exists)
    {
        var changed = false;
        var annotations = rs.Metadata().EnsureObject("annotations");
        foreach (var (key, value) in d.GetAnnotations())
        {
            if (NotCopied.Contains(key) || annotations[key]?.ToString() == value) continue;
            annotations[key] = value;
            changed = true;
        }
        var oldText = annotations[WorkloadKeys.Revision]?.ToString();
        var oldRevision = long.TryParse(oldText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : 0;
        if (oldRevision < newRevision)
        {
            annotations[WorkloadKeys.Revision] = newRevision.ToString(CultureInfo.InvariantCulture);
            changed = true;
            if (!string.IsNullOrEmpty(oldText))
            {
                var history = annotations[WorkloadKeys.RevisionHistory]?.ToString();
                annotations[WorkloadKeys.RevisionHistory] = string.IsNullOrEmpty(history) ? oldText : $"{history},{oldText}";
            }
        }
        if (!exists) changed |= SetReplicas(rs, Spec.Replicas(d), Spec.Replicas(d) + Spec.MaxSurge(d));
        return changed;
    }

    /// <summary>Sets desired-replicas and max-replicas; returns whether they changed.</summary>
    public static bool SetReplicas(JsonObject rs, int desired, int max)
    {
        var annotations = rs.Metadata().EnsureObject("annotations");
        var d = desired.ToString(CultureInfo.InvariantCulture);
        var m = max.ToString(CultureInfo.InvariantCulture);
        if (annotations[WorkloadKeys.DesiredReplicas]?.ToString() == d && annotations[WorkloadKeys.MaxReplicas]?.ToString() == m) return false;
        annotations[WorkloadKeys.DesiredReplicas] = d;
        annotations[WorkloadKeys.MaxReplicas] = m;
        return true;
    }
}
