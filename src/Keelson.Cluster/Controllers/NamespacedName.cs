namespace Keelson.Cluster.Controllers;

/// <summary>The key a controller reconciles: an object's namespace and name.</summary>
public readonly record struct NamespacedName(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
