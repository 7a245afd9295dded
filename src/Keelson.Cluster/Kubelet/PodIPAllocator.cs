namespace Keelson.Cluster.Kubelet;

/// <summary>Pod addresses from the node's pod CIDR 10.42.0.0/16, each unique among the pods that hold one.</summary>
internal sealed class PodIPAllocator
{
    private const int First = 2;
    private const int Last = 65534;

    private readonly HashSet<int> _used = [];
    private int _next = First;

    /// <summary>The next free address, or null when all are taken.</summary>
    public string? Allocate()
    {
        for (var tried = 0; tried < Last - First + 1; tried++)
        {
            var candidate = _next;
            _next = _next >= Last ? First : _next + 1;
            if (candidate % 256 is 0 or 255) continue;
            if (_used.Add(candidate)) return Format(candidate);
        }
        return null;
    }

    /// <summary>Marks an address as taken (a pod adopted at start); false when it is not one of ours.</summary>
    public bool Reserve(string ip)
    {
        var offset = Parse(ip);
        return offset is not null && _used.Add(offset.Value);
    }

    public void Release(string? ip)
    {
        if (ip is not null && Parse(ip) is { } offset) _used.Remove(offset);
    }

    private static string Format(int offset) => $"10.42.{offset / 256}.{offset % 256}";

    private static int? Parse(string ip)
    {
        var parts = ip.Split('.');
        if (parts.Length != 4 || parts[0] != "10" || parts[1] != "42") return null;
        return int.TryParse(parts[2], out var a) && int.TryParse(parts[3], out var b) && a is >= 0 and < 256 && b is >= 0 and < 256 ? (a * 256) + b : null;
    }
}
