using System.Text.Json.Nodes;
using Keelson.Engine.Kube;

namespace Keelson.Server.Applications;

/// <summary>An object of an Application, found: the Application, the object's type, the cluster it lives in and the object as it is there.</summary>
public sealed record ResourceTarget(CachedApplication App, ResourceRef Ref, ApiResource Type, KubeClient Cluster, JsonObject Live)
{
    /// <summary>The namespace to address the object in (null for a cluster-scoped type).</summary>
    public string? Namespace => Type.Namespaced ? Ref.Namespace : null;

    public bool IsSecret => Type.Group.Length == 0 && Type.Kind == "Secret";
}
