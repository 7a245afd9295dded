using System.Text.Json.Nodes;
using Keelson.Resources.FieldManagement;

namespace Keelson.Resources.Tests.FieldManagement;

public class FieldSetTests
{
    // A kubectl-client-side-apply entry as a real API server writes it for a Deployment.
    private static readonly string DeploymentEntry = File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "testdata", "server-side-apply", "deployment-fieldsv1", "fieldsV1.json")).Trim();

    [Fact]
    public void FieldsV1_of_a_deployment_entry_round_trips_byte_for_byte()
    {
        var set = FieldSet.ParseFieldsV1(DeploymentEntry);

        Assert.Equal(DeploymentEntry, set.ToFieldsV1Json());
    }

    [Fact]
    public void FieldsV1_decoding_yields_members_for_leaves_and_dotted_nodes_only()
    {
        var set = FieldSet.ParseFieldsV1(DeploymentEntry);
        var container = FieldPath.Fields("spec", "template", "spec", "containers")
            .Append(PathElement.Key([new("name", JsonValue.Create("web"))]));

        Assert.True(set.Contains(FieldPath.Fields("spec", "replicas")));
        Assert.True(set.Contains(FieldPath.Fields("metadata", "labels")));
        Assert.False(set.Contains(FieldPath.Fields("spec")));
        Assert.True(set.Contains(container));
        Assert.True(set.Contains(container.Append(PathElement.Field("image"))));
        Assert.True(set.Contains(FieldPath.Fields("metadata", "finalizers").Append(PathElement.ForValue(JsonValue.Create("example.com/cleanup")))));
        Assert.Equal(23, set.Count);
    }

    [Fact]
    public void FieldsV1_encoding_sorts_like_Kubernetes_whatever_the_insertion_order()
    {
        var set = FieldSet.Of(
        [
            FieldPath.Fields("spec", "replicas"),
            FieldPath.Fields("metadata", "labels", "b"),
            FieldPath.Fields("metadata", "labels", "B"),
            FieldPath.Fields("metadata", "labels"),
            FieldPath.Fields("apiVersionish"),
        ]);

        Assert.Equal(
            """{"f:apiVersionish":{},"f:metadata":{"f:labels":{".":{},"f:B":{},"f:b":{}}},"f:spec":{"f:replicas":{}}}""",
            set.ToFieldsV1Json());
    }

    [Fact]
    public void List_map_keys_are_written_sorted_by_field_name_and_items_sorted_by_key_values()
    {
        var ports = FieldPath.Fields("spec", "ports");
        var set = FieldSet.Of(
        [
            ports.Append(PathElement.Key([new("protocol", "UDP"), new("port", 53)])),
            ports.Append(PathElement.Key([new("protocol", "TCP"), new("port", 443)])),
            ports.Append(PathElement.Key([new("protocol", "TCP"), new("port", 80)])),
        ]);

        Assert.Equal(
            """{"f:spec":{"f:ports":{"k:{\"port\":53,\"protocol\":\"UDP\"}":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{},"k:{\"port\":443,\"protocol\":\"TCP\"}":{}}}}""",
            set.ToFieldsV1Json());
    }

    [Fact]
    public void Unknown_path_element_prefixes_are_dropped_when_decoding()
    {
        var set = FieldSet.ParseFieldsV1("""{"f:spec":{"x:future":{},"f:replicas":{}}}""");

        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", set.ToFieldsV1Json());
    }

    [Fact]
    public void Malformed_key_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => FieldSet.ParseFieldsV1("""{"k:[1]":{}}"""));
    }

    [Fact]
    public void Removing_a_subtree_keeps_siblings_and_prunes_empty_parents()
    {
        var set = FieldSet.Of([FieldPath.Fields("spec", "a", "x"), FieldPath.Fields("spec", "b")]);

        set.RemoveAtOrBelow(FieldPath.Fields("spec", "a"));

        Assert.Equal("""{"f:spec":{"f:b":{}}}""", set.ToFieldsV1Json());
        set.Remove(FieldPath.Fields("spec", "b"));
        Assert.True(set.IsEmpty);
    }

    [Fact]
    public void Conflict_paths_read_like_Kubernetes_reports_them()
    {
        var path = FieldPath.Fields("spec", "template", "spec", "containers")
            .Append(PathElement.Key([new("name", "web")]))
            .Append(PathElement.Field("image"));

        Assert.Equal(""".spec.template.spec.containers[name="web"].image""", path.ToString());
    }
}
