namespace Keelson.Engine.Customizations;

/// <summary>
/// A field of a custom resource that holds a Kubernetes type (<c>core/v1/PodSpec</c>, <c>meta/v1/Duration</c>…),
/// so the comparison normalises it as it would in a built-in kind (argocd-cm <c>knownTypeFields</c>).
/// </summary>
/// <param name="Field">The field's path, dot-separated: <c>spec.jobTemplate.spec.template.spec</c>.</param>
/// <param name="Type">The type: <c>core/v1/PodSpec</c>, <c>meta/v1/Duration</c>, <c>resource.Quantity</c>…</param>
public sealed record KnownTypeField(string Field, string Type);
