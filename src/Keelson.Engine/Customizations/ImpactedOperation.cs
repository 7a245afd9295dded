namespace Keelson.Engine.Customizations;

/// <summary>How an action's result is written, as Argo CD's Lua actions name it: <c>patch</c> or <c>create</c>.</summary>
public enum ImpactedOperation
{
    Patch,
    Create,
}
