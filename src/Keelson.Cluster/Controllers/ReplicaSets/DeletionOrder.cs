using System.Text.Json.Nodes;

namespace Keelson.Cluster.Controllers.ReplicaSets;

/// <summary>
/// Which pods a scale-down removes first (controller.ActivePods): unscheduled before scheduled, Pending before
/// Unknown before Running, not ready before ready, ready more recently before ready longer, more restarts first,
/// newer before older.
/// </summary>
internal sealed class DeletionOrder : IComparer<JsonObject>
{
    public static readonly DeletionOrder Instance = new();

    public int Compare(JsonObject? x, JsonObject? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = (PodState.NodeName(x) is null ? 0 : 1).CompareTo(PodState.NodeName(y) is null ? 0 : 1);
        if (c != 0) return c;
        c = PhaseRank(x).CompareTo(PhaseRank(y));
        if (c != 0) return c;
        var readyX = PodState.IsReady(x);
        var readyY = PodState.IsReady(y);
        c = readyX.CompareTo(readyY);
        if (c != 0) return c;
        if (readyX && readyY)
        {
            c = (PodState.ReadySince(y) ?? DateTimeOffset.MinValue).CompareTo(PodState.ReadySince(x) ?? DateTimeOffset.MinValue);
            if (c != 0) return c;
        }
        c = PodState.RestartCount(y).CompareTo(PodState.RestartCount(x));
        if (c != 0) return c;
        return PodState.Created(y).CompareTo(PodState.Created(x));
    }

    private static int PhaseRank(JsonObject pod) => PodState.Phase(pod) switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        _ => 2,
    };
}
