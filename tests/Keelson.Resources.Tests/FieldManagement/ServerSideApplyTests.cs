using System.Text.Json.Nodes;
using Keelson.Resources.FieldManagement;
using static Keelson.Resources.Tests.FieldManagement.ManagedObjects;

namespace Keelson.Resources.Tests.FieldManagement;

public class ServerSideApplyTests
{
    private const string DeploymentFields =
        """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{"f:matchLabels":{"f:app":{}}},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""";

    [Fact]
    public void Apply_to_nothing_creates_the_object_with_one_Apply_entry()
    {
        var config = Deployment();

        var created = Applied(null, config, "kubectl");

        Assert.Equal("web", created.GetName());
        Assert.True(JsonNode.DeepEquals(config["spec"], created["spec"]));
        var entry = Assert.Single(ManagedFields(created));
        Assert.Equal(
            """{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":""" + DeploymentFields + "}",
            entry!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Apply_does_not_modify_its_inputs()
    {
        var live = Applied(null, Deployment(), "other-manager");
        var config = Deployment(replicas: 5);
        var liveBefore = live.ToJsonString();
        var configBefore = config.ToJsonString();

        ServerSideApply.Apply(live, config, "kubectl", force: true, DeploymentMeta, T2);

        Assert.Equal(liveBefore, live.ToJsonString());
        Assert.Equal(configBefore, config.ToJsonString());
    }

    [Fact]
    public void Reapplying_the_same_config_changes_nothing_but_the_time()
    {
        var first = Applied(null, Deployment(), "kubectl", T1);

        var second = Applied(first, Deployment(), "kubectl", T2);

        Assert.Equal("2026-01-02T04:00:00Z", Entry(second, "kubectl")!.GetString("time"));
        Entry(second, "kubectl")!["time"] = Entry(first, "kubectl")!.GetString("time");
        Assert.True(JsonNode.DeepEquals(first, second), second.ToJsonString());
    }

    [Fact]
    public void Applying_without_a_previously_applied_field_removes_it()
    {
        var config = Deployment();
        config.SetAnnotation("team", "payments");
        var live = Applied(null, config, "kubectl");

        var after = Applied(live, Deployment(), "kubectl", T2);

        Assert.Null(after.GetPath("metadata", "annotations"));
        Assert.DoesNotContain("annotations", FieldsOf(after, "kubectl"));
        Assert.Equal(DeploymentFields, FieldsOf(after, "kubectl"));
    }

    [Fact]
    public void Field_applied_with_the_same_value_by_two_managers_is_shared_and_survives_one_dropping_it()
    {
        var live = Applied(null, Deployment(replicas: 3), "kubectl");
        live = Applied(live, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}"""), "autoscaler");

        Assert.True(Owns(live, "kubectl", Replicas));
        Assert.True(Owns(live, "autoscaler", Replicas));

        var configWithoutReplicas = Deployment();
        configWithoutReplicas["spec"]!.AsObject().Remove("replicas");
        var after = Applied(live, configWithoutReplicas, "kubectl", T2);

        Assert.Equal(3, after.GetPath("spec", "replicas")!.GetValue<int>());
        Assert.False(Owns(after, "kubectl", Replicas));
        Assert.True(Owns(after, "autoscaler", Replicas));
    }

    [Fact]
    public void Conflicting_apply_reports_spec_replicas()
    {
        var live = Applied(null, Deployment(replicas: 3), "other-manager");

        var outcome = ServerSideApply.Apply(live, Deployment(replicas: 5), "kubectl", force: false, DeploymentMeta, T2);

        Assert.True(outcome.HasConflicts);
        Assert.Null(outcome.Object);
        Assert.Equal([new FieldConflict("other-manager", ".spec.replicas")], outcome.Conflicts);
    }

    [Fact]
    public void Conflicting_container_image_is_reported_with_the_list_key_in_the_path()
    {
        var live = Applied(null, Deployment(image: "nginx:1.27"), "other-manager");

        var outcome = ServerSideApply.Apply(live, Deployment(image: "nginx:1.28"), "kubectl", force: false, DeploymentMeta, T2);

        Assert.Equal([new FieldConflict("other-manager", """.spec.template.spec.containers[name="web"].image""")], outcome.Conflicts);
    }

    [Fact]
    public void Forced_apply_takes_ownership_of_the_conflicting_field_only()
    {
        var live = Applied(null, Deployment(replicas: 3), "other-manager");

        var after = Applied(live, Deployment(replicas: 5), "kubectl", T2, force: true);

        Assert.Equal(5, after.GetPath("spec", "replicas")!.GetValue<int>());
        Assert.True(Owns(after, "kubectl", Replicas));
        Assert.False(Owns(after, "other-manager", Replicas));
        Assert.True(Owns(after, "other-manager", Container("web").Append(PathElement.Field("image"))));
        Assert.True(Owns(after, "kubectl", Container("web").Append(PathElement.Field("image"))));
    }

    [Fact]
    public void Entry_left_without_fields_after_a_forced_apply_is_dropped()
    {
        var live = Applied(null, Deployment(replicas: 3), "kubectl");
        live = Applied(live, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":4}}"""), "scaler", force: true);

        var after = Applied(live, Deployment(replicas: 6), "kubectl", T2, force: true);

        Assert.Null(Entry(after, "scaler"));
        Assert.Single(ManagedFields(after));
    }

    [Fact]
    public void Containers_merge_by_name_keeping_items_other_managers_own()
    {
        var live = Applied(null, Deployment(), "kubectl");
        var withSidecar = live.DeepClone().AsObject();
        withSidecar.GetPath("spec", "template", "spec", "containers")!.AsArray()
            .Add(Parse("""{"name":"istio-proxy","image":"proxy:1"}"""));
        ServerSideApply.RecordUpdate(live, withSidecar, "sidecar-injector", DeploymentMeta, T1);

        var config = Deployment(image: "nginx:1.28");
        config.GetPath("spec", "template", "spec", "containers")!.AsArray().Add(Parse("""{"name":"metrics","image":"exporter:2"}"""));
        var after = Applied(withSidecar, config, "kubectl", T2);

        var containers = after.GetPath("spec", "template", "spec", "containers")!.AsArray();
        Assert.Equal(["web", "istio-proxy", "metrics"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("nginx:1.28", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("proxy:1", containers[1]!["image"]!.GetValue<string>());
        Assert.True(Owns(after, "sidecar-injector", Container("istio-proxy"), "Update"));
        Assert.True(Owns(after, "kubectl", Container("metrics").Append(PathElement.Field("image"))));
    }

    [Fact]
    public void Container_no_longer_applied_is_removed_from_the_list()
    {
        var config = Deployment();
        config.GetPath("spec", "template", "spec", "containers")!.AsArray().Add(Parse("""{"name":"metrics","image":"exporter:2"}"""));
        var live = Applied(null, config, "kubectl");

        var after = Applied(live, Deployment(), "kubectl", T2);

        var containers = after.GetPath("spec", "template", "spec", "containers")!.AsArray();
        Assert.Equal(["web"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.False(Owns(after, "kubectl", Container("metrics")));
    }

    [Fact]
    public void Finalizers_merge_as_a_set_and_only_the_applier_s_value_is_removed()
    {
        var live = Applied(null, Deployment(), "kubectl");
        var withFinalizer = live.DeepClone().AsObject();
        withFinalizer.Metadata()["finalizers"] = new JsonArray("example.com/protect");
        ServerSideApply.RecordUpdate(live, withFinalizer, "protector", DeploymentMeta, T1);

        var config = Deployment();
        config.Metadata()["finalizers"] = new JsonArray("example.com/cleanup");
        var applied = Applied(withFinalizer, config, "kubectl", T2);

        Assert.Equal(["example.com/protect", "example.com/cleanup"], applied.GetPath("metadata", "finalizers")!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("""{"f:metadata":{"f:finalizers":{"v:\"example.com/cleanup\"":{}}""", FieldsOf(applied, "kubectl"));

        var after = Applied(applied, Deployment(), "kubectl", T2);

        Assert.Equal(["example.com/protect"], after.GetPath("metadata", "finalizers")!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public void Custom_resource_lists_are_owned_and_replaced_whole()
    {
        const string cr = """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1,"items":[{"name":"a","v":1},{"name":"b"}]}}""";
        var live = Applied(null, Parse(cr), "kubectl", meta: null);

        Assert.Equal("""{"f:spec":{"f:items":{},"f:size":{}}}""", FieldsOf(live, "kubectl"));

        var after = Applied(live, Parse(cr.Replace("""[{"name":"a","v":1},{"name":"b"}]""", """[{"name":"c"}]""")), "kubectl", T2, meta: null);

        Assert.Equal("""[{"name":"c"}]""", after.GetPath("spec", "items")!.ToJsonString());
    }

    [Fact]
    public void Custom_resource_atomic_list_owned_by_another_manager_conflicts_as_a_whole()
    {
        var live = Applied(null, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":["a"]}}"""), "other-manager", meta: null);

        var outcome = ServerSideApply.Apply(live, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":["a","b"]}}"""), "kubectl", false, null, T2);

        Assert.Equal([new FieldConflict("other-manager", ".spec.items")], outcome.Conflicts);
    }

    [Fact]
    public void Custom_resource_maps_are_granular_so_managers_can_split_them()
    {
        var live = Applied(null, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}"""), "kubectl", meta: null);

        var after = Applied(live, Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"color":"red"}}"""), "painter", meta: null);

        Assert.True(JsonNode.DeepEquals(Parse("""{"size":1,"color":"red"}"""), after["spec"]));
        Assert.Equal("""{"f:spec":{"f:size":{}}}""", FieldsOf(after, "kubectl"));
        Assert.Equal("""{"f:spec":{"f:color":{}}}""", FieldsOf(after, "painter"));
    }

    [Fact]
    public void Status_and_server_set_metadata_are_never_owned_by_apply()
    {
        var config = Deployment();
        config["status"] = Parse("""{"replicas":9}""");
        config.Metadata()["resourceVersion"] = "42";

        var created = Applied(null, config, "kubectl");

        Assert.Null(created["status"]);
        Assert.Equal(DeploymentFields, FieldsOf(created, "kubectl"));
    }

    [Fact]
    public void Same_manager_s_update_entry_is_a_different_owner_for_conflicts()
    {
        var live = Applied(null, Deployment(replicas: 2), "kubectl");
        var scaled = live.DeepClone().AsObject();
        scaled["spec"]!["replicas"] = 4;
        ServerSideApply.RecordUpdate(live, scaled, "kubectl", DeploymentMeta, T1);

        var outcome = ServerSideApply.Apply(scaled, Deployment(replicas: 2), "kubectl", false, DeploymentMeta, T2);

        Assert.Equal([new FieldConflict("kubectl", ".spec.replicas")], outcome.Conflicts);
    }
}
