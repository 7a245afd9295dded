using Keelson.Server.Rbac;

namespace Keelson.Server.Tests.Rbac;

public sealed class RbacPolicyHolderTests
{
    private static Dictionary<string, string> Csv(string csv) => new(StringComparer.Ordinal) { ["policy.csv"] = csv };

    [Fact]
    public void A_refused_policy_keeps_the_last_valid_one_and_says_why()
    {
        var holder = new RbacPolicyHolder();
        Assert.Equal(0, holder.Version);
        Assert.True(holder.Load(Csv("p, alice, applications, sync, default/*, allow")).IsValid);
        var valid = holder.Current;
        Assert.Equal(1, holder.Version);

        var refused = holder.Load(Csv("p, alice, applications, sync, default/*, allow\np, bob, applications, sync, default/*\n"));

        Assert.False(refused.IsValid);
        Assert.Same(valid, holder.Current);
        Assert.Equal(1, holder.Version);
        Assert.Equal("policy.csv line 2: a 'p' line has 6 fields, found 5", holder.LastError);
        Assert.True(new RbacEnforcer(holder.Current).Enforce("alice", new RbacRequest("applications", "sync", "default/guestbook")));

        Assert.True(holder.Load(Csv("p, bob, applications, sync, default/*, allow")).IsValid);
        Assert.Null(holder.LastError);
        Assert.Equal(2, holder.Version);
        Assert.False(new RbacEnforcer(holder.Current).Enforce("alice", new RbacRequest("applications", "sync", "default/guestbook")));
    }
}
