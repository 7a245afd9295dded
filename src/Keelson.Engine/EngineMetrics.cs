using System.Collections.Concurrent;

namespace Keelson.Engine;

/// <summary>
/// What the controller has done since it started: reconciles (with their durations, as Argo CD's
/// <c>argocd_app_reconcile</c> histogram), and the durations kept for percentiles (the most recent 100,000).
/// </summary>
public sealed class EngineMetrics
{
    private const int Kept = 100_000;
    private readonly ConcurrentQueue<double> _durations = new();
    private long _reconciles;
    private long _failures;

    public long Reconciles => Interlocked.Read(ref _reconciles);

    /// <summary>Reconciles that ended in an infrastructure fault (retried later).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public void RecordReconcile(TimeSpan duration)
    {
        Interlocked.Increment(ref _reconciles);
        _durations.Enqueue(duration.TotalSeconds);
        while (_durations.Count > Kept) _durations.TryDequeue(out _);
    }

    public void RecordFailure() => Interlocked.Increment(ref _failures);

    /// <summary>The reconcile duration at quantile <paramref name="q"/> (0–1) of those kept, in seconds; 0 when none.</summary>
    public double ReconcilePercentile(double q)
    {
        var sorted = _durations.ToArray();
        if (sorted.Length == 0) return 0;
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Forgets the kept durations (a benchmark measuring one phase at a time).</summary>
    public void ResetDurations() => _durations.Clear();
}
