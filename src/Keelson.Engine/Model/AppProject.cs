using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Model;

/// <summary>An AppProject read from the control cluster.</summary>
public sealed class AppProject(string name, AppProjectSpec spec)
{
    public string Name { get; } = name;

    public AppProjectSpec Spec { get; } = spec;

    public static AppProject Parse(JsonObject raw)
    {
        try
        {
            return new AppProject(raw.GetName() ?? "", ArgoJson.Read<AppProjectSpec>(raw["spec"]) ?? new AppProjectSpec());
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"AppProject {raw.GetName()}: spec{ex.Path?.TrimStart('$')}: {ex.Message}", ex);
        }
    }

    /// <summary>The project Argo CD creates when none exists: anything from anywhere to anywhere.</summary>
    public static AppProject PermissiveDefault() => new("default", new AppProjectSpec
    {
        SourceRepos = ["*"],
        Destinations = [new ApplicationDestination { Server = "*", Namespace = "*" }],
        ClusterResourceWhitelist = [new GroupKindPattern { Group = "*", Kind = "*" }],
    });
}
