namespace Keelson.Cluster.Controllers.Autoscaling;

/// <summary>
/// What the controller remembers of one HPA between syncs, as Kubernetes keeps it in memory: recent recommendations
/// (for the stabilization windows) and recent scale events (for the rate policies). Applies spec.behavior.
/// </summary>
internal sealed class ScaleHistory
{
    private readonly List<(DateTimeOffset At, int Replicas)> _recommendations = [];
    private readonly List<(DateTimeOffset At, int Change)> _scaleUps = [];
    private readonly List<(DateTimeOffset At, int Change)> _scaleDowns = [];

    /// <summary>
    /// Holds the recommendation within the windows: up to the lowest recent recommendation when rising, down to the
    /// highest when falling. Returns the stabilized count and the AbleToScale reason and message for it.
    /// </summary>
    public (int Replicas, string Reason, string Message) Stabilize(int current, int desired, ScalingRules up, ScalingRules down, DateTimeOffset now)
    {
        var upCutoff = now.AddSeconds(-up.StabilizationWindowSeconds);
        var downCutoff = now.AddSeconds(-down.StabilizationWindowSeconds);
        int upRecommendation = desired, downRecommendation = desired;
        foreach (var (at, replicas) in _recommendations)
        {
            if (at > upCutoff) upRecommendation = Math.Min(upRecommendation, replicas);
            if (at > downCutoff) downRecommendation = Math.Max(downRecommendation, replicas);
        }
        var longest = now.AddSeconds(-Math.Max(up.StabilizationWindowSeconds, down.StabilizationWindowSeconds));
        _recommendations.RemoveAll(r => r.At < longest);
        _recommendations.Add((now, desired));
        var result = Math.Min(Math.Max(current, upRecommendation), downRecommendation);
        return desired >= current
            ? (result, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
            : (result, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");
    }

    /// <summary>Limits the change by min/maxReplicas and the rate policies; returns the count and the ScalingLimited reason and message.</summary>
    public (int Replicas, string Reason, string Message) Limit(int current, int desired, int min, int max, ScalingRules up, ScalingRules down, DateTimeOffset now)
    {
        if (desired > current)
        {
            var limit = Math.Max(current, RateLimit(current, up, now, scaleUp: true));
            var (allowed, reason, message) = max > limit
                ? (limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
                : (max, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
            if (desired > allowed) return (allowed, reason, message);
        }
        else if (desired < current)
        {
            var limit = Math.Min(current, RateLimit(current, down, now, scaleUp: false));
            var (allowed, reason, message) = min < limit
                ? (limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
                : (min, "TooFewReplicas", "the desired replica count is less than the minimum replica count");
            if (desired < allowed) return (allowed, reason, message);
        }
        return (desired, "DesiredWithinRange", "the desired count is within the acceptable range");
    }

    public void RecordScale(int from, int to, DateTimeOffset now)
    {
        if (to > from) _scaleUps.Add((now, to - from));
        else if (to < from) _scaleDowns.Add((now, from - to));
        var old = now.AddMinutes(-30);
        _scaleUps.RemoveAll(e => e.At < old);
        _scaleDowns.RemoveAll(e => e.At < old);
    }

    private int RateLimit(int current, ScalingRules rules, DateTimeOffset now, bool scaleUp)
    {
        if (rules.SelectPolicy == "Disabled") return current;
        var pickMax = (rules.SelectPolicy == "Max") == scaleUp;
        var result = pickMax ? int.MinValue : int.MaxValue;
        foreach (var (type, value, period) in rules.Policies)
        {
            var cutoff = now.AddSeconds(-period);
            var added = _scaleUps.Where(e => e.At > cutoff).Sum(e => e.Change);
            var removed = _scaleDowns.Where(e => e.At > cutoff).Sum(e => e.Change);
            var periodStart = current - added + removed;
            var proposed = (type, scaleUp) switch
            {
                ("Pods", true) => periodStart + value,
                ("Pods", false) => periodStart - value,
                (_, true) => (int)Math.Ceiling(periodStart * (1 + value / 100.0)),
                _ => (int)(periodStart * (1 - value / 100.0)),
            };
            result = pickMax ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }
        return result;
    }
}
