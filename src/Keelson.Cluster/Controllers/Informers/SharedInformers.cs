using System.Collections.Concurrent;

namespace Keelson.Cluster.Controllers.Informers;

/// <summary>
/// One <see cref="Informer"/> per resource type for all the controllers of a cluster (client-go's
/// SharedInformerFactory): each type is watched and decoded once however many controllers read it.
/// </summary>
internal sealed class SharedInformers
{
    private readonly ConcurrentDictionary<string, Informer> _informers = new(StringComparer.Ordinal);

    public Informer For(ClusterClient client, string group, string version, string plural) =>
        _informers.GetOrAdd($"{group}/{plural}", _ => new Informer(client.Type(group, version, plural)));
}
