namespace Keelson.Cluster.Controllers.Batch;

/// <summary>The label, annotation and finalizer keys the Job and CronJob controllers read and write.</summary>
internal static class BatchKeys
{
    /// <summary>Held by every pod a Job creates until the Job has counted it (status.uncountedTerminatedPods).</summary>
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";

    public const string CompletionIndex = "batch.kubernetes.io/job-completion-index";

    /// <summary>The Job's scheduled time, set by the CronJob controller (RFC 3339).</summary>
    public const string CronJobScheduledTimestamp = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    public const string JobName = "batch.kubernetes.io/job-name";
}
