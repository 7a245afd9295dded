using System.Text.Json.Nodes;

namespace Keelson.Cluster.Kubelet;

/// <summary>The simulated kubelet's record of one pod on its node: the containers' states and what it last wrote.</summary>
internal sealed class PodRuntime
{
    public required string Uid { get; init; }

    public required string Namespace { get; init; }

    public required string Name { get; init; }

    /// <summary>The pod as last seen through the watch.</summary>
    public required JsonObject Pod { get; set; }

    public required PodBehaviour Behaviour { get; set; }

    public List<ContainerRuntime> InitContainers { get; } = [];

    public List<ContainerRuntime> Containers { get; } = [];

    public IEnumerable<ContainerRuntime> All => InitContainers.Concat(Containers);

    /// <summary>Bumped whenever the pod is queued again, so older queue entries are ignored.</summary>
    public long Stamp { get; set; }

    public DateTimeOffset? StartTime { get; set; }

    public string? PodIP { get; set; }

    /// <summary>The sandbox is up (PodReadyToStartContainers): set at the first start attempt.</summary>
    public bool SandboxReady { get; set; }

    /// <summary>Set once the pod reached Succeeded or Failed: nothing runs any more.</summary>
    public string? TerminalPhase { get; set; }

    /// <summary>Being deleted: containers stop and the pod is removed at <see cref="RemoveAt"/>.</summary>
    public bool Terminating { get; set; }

    public DateTimeOffset RemoveAt { get; set; }

    /// <summary>The final delete was sent: nothing more to do.</summary>
    public bool Removed { get; set; }

    /// <summary>lastTransitionTime per condition type, with the status it belongs to.</summary>
    public Dictionary<string, (string Status, string Time)> Transitions { get; } = new(StringComparer.Ordinal);

    /// <summary>The status last written (compact JSON), to skip writes that change nothing.</summary>
    public string? WrittenStatus { get; set; }

    /// <summary>The pod's identity in messages: name_namespace(uid).</summary>
    public string Identity => $"{Name}_{Namespace}({Uid})";
}
