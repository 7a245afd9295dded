using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Keelson.Cluster.Tests.Api;

/// <summary>A small CRD (widgets.example.com) and its objects, for tests of custom resources.</summary>
internal static class Widgets
{
    internal sealed class WidgetObject : IKubernetesObject<V1ObjectMeta>
    {
        [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "example.com/v1";
        [JsonPropertyName("kind")] public string Kind { get; set; } = "Widget";
        [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
        [JsonPropertyName("spec")] public Dictionary<string, object>? Spec { get; set; }
        [JsonPropertyName("status")] public Dictionary<string, object>? Status { get; set; }
    }

    public static WidgetObject Widget(string name, string ns, int size = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new() { ["size"] = size },
    };

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>Installs widgets.example.com once per cluster (tests of one class share it).</summary>
    public static async Task InstallAsync(IKubernetes client)
    {
        await InstallLock.WaitAsync();
        try
        {
            var existing = await client.ApiextensionsV1.ListCustomResourceDefinitionAsync(fieldSelector: "metadata.name=widgets.example.com");
            if (existing.Items.Count > 0) return;
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(WidgetsCrd());
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static V1CustomResourceDefinition WidgetsCrd() => new()
    {
        Metadata = new V1ObjectMeta { Name = "widgets.example.com" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "example.com",
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ShortNames = ["wd"] },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer" } } },
                                ["status"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                            },
                        },
                    },
                },
            ],
        },
    };

}
