namespace Keelson.Cluster.Controllers.Autoscaling;

/// <summary>
/// The HorizontalPodAutoscaler's arithmetic, as in Kubernetes' replica calculator: desired = ceil(ratio × ready pods)
/// where ratio = usage / target, left alone within the tolerance; pods without metrics count as 0 usage when scaling
/// up and as 100 % of the target when scaling down, and unready pods as 0 when scaling up, so a rollout in progress
/// neither inflates nor deflates the result. Pure: no clock, no I/O.
/// </summary>
public static class ReplicaCalculator
{
    /// <summary>For a Utilization target (percent of request).</summary>
    public static ReplicaProposal ForUtilization(int currentReplicas, IReadOnlyList<PodSample> pods, int targetUtilization, double tolerance, string resource)
    {
        if (pods.Count == 0) return ReplicaProposal.Failed("no pods returned by selector while calculating replica count");
        var (ready, unready, missing) = Group(pods, resource);
        if (ready.Count == 0) return ReplicaProposal.Failed("did not receive metrics for targeted pods (pods might be unready)");
        var withoutRequest = pods.FirstOrDefault(p => p.Request is null);
        if (withoutRequest is not null) return ReplicaProposal.Failed($"missing request for {resource} in pod {withoutRequest.Name}");

        var usage = ready.ToDictionary(p => p.Name, p => p.Usage!.Value);
        var requests = pods.ToDictionary(p => p.Name, p => p.Request!.Value);
        var (ratio, utilization, average) = Ratio(usage, requests, targetUtilization);
        var scaleUpWithUnready = unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && missing.Count == 0)
        {
            if (Math.Abs(1.0 - ratio) <= tolerance) return new ReplicaProposal(currentReplicas, utilization, average);
            return new ReplicaProposal((int)Math.Ceiling(ratio * ready.Count), utilization, average);
        }
        if (missing.Count > 0)
        {
            var fallback = ratio < 1.0 ? Math.Max(100, targetUtilization) : 0;
            foreach (var pod in missing) usage[pod.Name] = requests[pod.Name] * fallback / 100;
        }
        if (scaleUpWithUnready)
        {
            foreach (var pod in unready) usage[pod.Name] = 0;
        }
        var (newRatio, _, _) = Ratio(usage, requests, targetUtilization);
        if (Math.Abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0))
        {
            return new ReplicaProposal(currentReplicas, utilization, average);
        }
        var replicas = (int)Math.Ceiling(newRatio * usage.Count);
        if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) replicas = currentReplicas;
        return new ReplicaProposal(replicas, utilization, average);
    }

    /// <summary>For an AverageValue target (usage per pod, in millicores or bytes).</summary>
    public static ReplicaProposal ForAverageValue(int currentReplicas, IReadOnlyList<PodSample> pods, long targetAverage, double tolerance)
    {
        if (pods.Count == 0) return ReplicaProposal.Failed("no pods returned by selector while calculating replica count");
        var (ready, _, _) = Group(pods, "");
        if (ready.Count == 0 || targetAverage <= 0) return ReplicaProposal.Failed("did not receive metrics for targeted pods (pods might be unready)");
        var total = ready.Sum(p => p.Usage!.Value);
        var ratio = (double)total / (targetAverage * (double)ready.Count);
        var average = total / ready.Count;
        if (Math.Abs(1.0 - ratio) <= tolerance) return new ReplicaProposal(currentReplicas, 0, average);
        return new ReplicaProposal((int)Math.Ceiling(total / (double)targetAverage), 0, average);
    }

    private static (List<PodSample> Ready, List<PodSample> Unready, List<PodSample> Missing) Group(IReadOnlyList<PodSample> pods, string resource)
    {
        List<PodSample> ready = [], unready = [], missing = [];
        foreach (var pod in pods)
        {
            if (pod.Deleting || pod.Phase == "Failed") continue;
            if (pod.Phase == "Pending") unready.Add(pod);
            else if (pod.Usage is null) missing.Add(pod);
            else if (resource == "cpu" && !pod.Ready) unready.Add(pod);
            else ready.Add(pod);
        }
        return (ready, unready, missing);
    }

    private static (double Ratio, int Utilization, long Average) Ratio(Dictionary<string, long> usage, Dictionary<string, long> requests, int target)
    {
        long usageTotal = 0, requestTotal = 0;
        foreach (var (name, value) in usage)
        {
            if (!requests.TryGetValue(name, out var request)) continue;
            usageTotal += value;
            requestTotal += request;
        }
        if (requestTotal == 0 || target <= 0) return (0, 0, 0);
        var utilization = (int)(usageTotal * 100 / requestTotal);
        return ((double)utilization / target, utilization, usage.Count == 0 ? 0 : usageTotal / usage.Count);
    }
}
