namespace Keelson.Engine.Diff;

/// <summary>
/// Annotation keys the diff treats specially. (Kept here until the engine has one constants file for its keys.)
/// </summary>
internal static class KnownAnnotations
{
    /// <summary>Written by client-side <c>kubectl apply</c>; holds the whole applied manifest, Secret data included.</summary>
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Set by the Deployment controller on every rollout.</summary>
    public const string DeploymentRevision = "deployment.kubernetes.io/revision";
}
