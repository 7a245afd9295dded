using System.Net;

namespace Keelson.Cluster.Api;

/// <summary>Hands out Service cluster IPs from 10.43.0.0/16 (k3s's default range), never twice while in use.</summary>
public sealed class ClusterIPAllocator
{
    private readonly HashSet<uint> _used = [];
    private readonly Lock _lock = new();
    private uint _next = 10;
    private const uint Base = (10u << 24) | (43u << 16);

    public string Allocate()
    {
        lock (_lock)
        {
            for (var tries = 0; tries < 65_000; tries++)
            {
                var candidate = _next;
                _next = _next >= 65_000 ? 10 : _next + 1;
                if (_used.Add(candidate)) return ToString(Base + candidate);
            }
            throw new InvalidOperationException("the service cluster IP range 10.43.0.0/16 is exhausted");
        }
    }

    /// <summary>Marks an address as taken (existing Services at start, or a clusterIP a manifest asks for).</summary>
    public void Reserve(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address)) return;
        var bytes = address.GetAddressBytes();
        if (bytes.Length != 4 || bytes[0] != 10 || bytes[1] != 43) return;
        lock (_lock) _used.Add(((uint)bytes[2] << 8) | bytes[3]);
    }

    public void Release(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address)) return;
        var bytes = address.GetAddressBytes();
        if (bytes.Length != 4 || bytes[0] != 10 || bytes[1] != 43) return;
        lock (_lock) _used.Remove(((uint)bytes[2] << 8) | bytes[3]);
    }

    private static string ToString(uint value) => $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
}
