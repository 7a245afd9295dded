using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Kubelet;

/// <summary>How a pod's containers behave, from its restartPolicy and its sim.keelson.dev annotations.</summary>
internal sealed record PodBehaviour(
    string RestartPolicy,
    bool Crash,
    bool NeverReady,
    TimeSpan? ReadyAfter,
    TimeSpan? RunFor,
    int ExitCode,
    TimeSpan StartDelay)
{
    public static PodBehaviour Of(JsonObject pod, SimulationOptions options)
    {
        var annotations = pod.GetAnnotations();
        string? Get(string key) => annotations.TryGetValue(key, out var value) ? value : null;
        TimeSpan? Duration(string key) => GoDuration.TryParse(Get(key), out var d) ? d : null;
        var crash = string.Equals(Get(SimulationAnnotations.Crash), "true", StringComparison.OrdinalIgnoreCase);
        var exitCode = int.TryParse(Get(SimulationAnnotations.ExitCode), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : 0;
        if (crash && exitCode == 0) exitCode = 1;
        return new PodBehaviour(
            pod.GetPath("spec", "restartPolicy")?.ToString() ?? "Always",
            crash,
            string.Equals(Get(SimulationAnnotations.Ready), "false", StringComparison.OrdinalIgnoreCase),
            Duration(SimulationAnnotations.ReadyAfter),
            Duration(SimulationAnnotations.RunFor),
            exitCode,
            Duration(SimulationAnnotations.StartDelay) ?? options.PodStartDelay);
    }

    /// <summary>Whether app containers exit on their own (after <see cref="RunFor"/> or the default run time).</summary>
    public bool ContainersExit => Crash || RestartPolicy != "Always" || RunFor is not null;

    /// <summary>Whether a container that exited with <paramref name="exitCode"/> is started again.</summary>
    public bool Restarts(int exitCode) => RestartPolicy == "Always" || (RestartPolicy == "OnFailure" && exitCode != 0);
}
