using Keelson.Engine.Health;

namespace Keelson.Engine.Tests.Health;

public class HealthAggregateTests
{
    [Fact]
    public void An_app_with_no_resource_health_is_Healthy()
    {
        Assert.Equal(HealthStatus.Healthy, HealthRules.Aggregate(Array.Empty<HealthStatus>()));
        Assert.Equal(HealthStatus.Healthy, HealthRules.Aggregate(new HealthResult?[] { null, null }));
    }

    [Fact]
    public void App_health_is_the_worst_resource_health()
    {
        Assert.Equal(HealthStatus.Progressing, HealthRules.Aggregate([HealthStatus.Healthy, HealthStatus.Progressing, HealthStatus.Suspended]));
        Assert.Equal(HealthStatus.Degraded, HealthRules.Aggregate([HealthStatus.Degraded, HealthStatus.Missing, HealthStatus.Healthy]));
        Assert.Equal(HealthStatus.Unknown, HealthRules.Aggregate([HealthStatus.Unknown, HealthStatus.Degraded]));
    }

    [Fact]
    public void A_desired_resource_without_a_live_object_makes_the_app_Missing() =>
        Assert.Equal(HealthStatus.Missing, HealthRules.Aggregate([HealthStatus.Healthy, HealthStatus.Progressing, HealthStatus.Missing]));

    [Fact]
    public void A_suspended_resource_makes_an_otherwise_healthy_app_Suspended() =>
        Assert.Equal(HealthStatus.Suspended, HealthRules.Aggregate([HealthStatus.Healthy, HealthStatus.Suspended]));

    [Fact]
    public void Resources_without_health_do_not_count()
    {
        var results = new[] { new HealthResult(HealthStatus.Healthy), null, new HealthResult(HealthStatus.Progressing, "Waiting"), null };
        Assert.Equal(HealthStatus.Progressing, HealthRules.Aggregate(results));
    }
}
