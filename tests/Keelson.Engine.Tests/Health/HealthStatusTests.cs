using Keelson.Engine.Health;

namespace Keelson.Engine.Tests.Health;

public class HealthStatusTests
{
    private static readonly HealthStatus[] ArgoOrder =
    [
        HealthStatus.Healthy, HealthStatus.Suspended, HealthStatus.Progressing,
        HealthStatus.Missing, HealthStatus.Degraded, HealthStatus.Unknown,
    ];

    [Fact]
    public void Each_status_is_worse_than_exactly_the_ones_before_it_in_Argo_order()
    {
        for (var i = 0; i < ArgoOrder.Length; i++)
        {
            for (var j = 0; j < ArgoOrder.Length; j++)
                Assert.True(ArgoOrder[i].IsWorseThan(ArgoOrder[j]) == i > j, $"{ArgoOrder[i]}.IsWorseThan({ArgoOrder[j]})");
        }
    }

    [Fact]
    public void The_enum_declares_every_status_in_Argo_order() => Assert.Equal(ArgoOrder, Enum.GetValues<HealthStatus>());

    [Fact]
    public void A_status_is_not_worse_than_itself()
    {
        foreach (var status in ArgoOrder) Assert.False(status.IsWorseThan(status));
    }

    [Theory]
    [InlineData(HealthStatus.Healthy, "Healthy")]
    [InlineData(HealthStatus.Suspended, "Suspended")]
    [InlineData(HealthStatus.Progressing, "Progressing")]
    [InlineData(HealthStatus.Missing, "Missing")]
    [InlineData(HealthStatus.Degraded, "Degraded")]
    [InlineData(HealthStatus.Unknown, "Unknown")]
    public void Argo_string_round_trips(HealthStatus status, string argo)
    {
        Assert.Equal(argo, status.ToArgoString());
        Assert.Equal(status, HealthStatusExtensions.ParseArgo(argo));
    }

    [Theory]
    [InlineData("healthy", HealthStatus.Healthy)]
    [InlineData("DEGRADED", HealthStatus.Degraded)]
    [InlineData(null, HealthStatus.Unknown)]
    [InlineData("", HealthStatus.Unknown)]
    [InlineData("Splendid", HealthStatus.Unknown)]
    public void ParseArgo_ignores_case_and_reads_anything_else_as_Unknown(string? text, HealthStatus expected) =>
        Assert.Equal(expected, HealthStatusExtensions.ParseArgo(text));
}
