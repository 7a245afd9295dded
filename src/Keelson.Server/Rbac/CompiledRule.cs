namespace Keelson.Server.Rbac;

/// <summary>A <c>p</c> line with its resource, action and object patterns compiled.</summary>
internal sealed record CompiledRule(string Subject, PolicyPattern Resource, PolicyPattern Action, PolicyPattern Object, PolicyEffect Effect)
{
    public bool Matches(in RbacRequest request) =>
        Resource.IsMatch(request.Resource) && Action.IsMatch(request.Action) && Object.IsMatch(request.Object);
}
