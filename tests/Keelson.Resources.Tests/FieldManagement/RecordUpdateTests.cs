using System.Text.Json.Nodes;
using Keelson.Resources.FieldManagement;
using static Keelson.Resources.Tests.FieldManagement.ManagedObjects;

namespace Keelson.Resources.Tests.FieldManagement;

public class RecordUpdateTests
{
    private static JsonObject CreatedWithClientSideApply(int replicas = 2)
    {
        var created = Deployment(replicas);
        created.SetAnnotation("kubectl.kubernetes.io/last-applied-configuration", Deployment(replicas).ToJsonString());
        ServerSideApply.RecordUpdate(null, created, "kubectl-client-side-apply", DeploymentMeta, T1);
        return created;
    }

    [Fact]
    public void Create_makes_the_creator_own_every_field_with_operation_Update()
    {
        var created = CreatedWithClientSideApply();

        var entry = Assert.Single(ManagedFields(created))!.AsObject();
        Assert.Equal("Update", entry.GetString("operation"));
        Assert.Equal("apps/v1", entry.GetString("apiVersion"));
        Assert.Equal("2026-01-02T03:04:05Z", entry.GetString("time"));
        Assert.Null(entry["subresource"]);
        Assert.Equal(
            """{"f:metadata":{"f:annotations":{"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{"f:matchLabels":{"f:app":{}}},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""",
            FieldsOf(created, "kubectl-client-side-apply", "Update"));
    }

    [Fact]
    public void Update_after_apply_takes_over_the_changed_fields()
    {
        var live = Applied(null, Deployment(replicas: 2), "kubectl");
        var scaled = live.DeepClone().AsObject();
        scaled["spec"]!["replicas"] = 7;

        ServerSideApply.RecordUpdate(live, scaled, "horizontal-pod-autoscaler", DeploymentMeta, T2, "scale");

        Assert.False(Owns(scaled, "kubectl", Replicas));
        Assert.True(Owns(scaled, "kubectl", Container("web").Append(PathElement.Field("image"))));
        var hpa = Entry(scaled, "horizontal-pod-autoscaler", "Update")!;
        Assert.Equal("scale", hpa.GetString("subresource"));
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", FieldsOf(scaled, "horizontal-pod-autoscaler", "Update"));

        var outcome = ServerSideApply.Apply(scaled, Deployment(replicas: 2), "kubectl", false, DeploymentMeta, T2);
        Assert.Equal([new FieldConflict("horizontal-pod-autoscaler", ".spec.replicas")], outcome.Conflicts);
    }

    [Fact]
    public void Later_updates_extend_the_manager_s_entry()
    {
        var v1 = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""");
        ServerSideApply.RecordUpdate(null, v1, "editor", null, T1);
        var v2 = v1.DeepClone().AsObject();
        v2["data"]!["b"] = "2";

        ServerSideApply.RecordUpdate(v1, v2, "editor", null, T2);

        Assert.Single(ManagedFields(v2));
        Assert.Equal("""{"f:data":{"f:a":{},"f:b":{}}}""", FieldsOf(v2, "editor", "Update"));
        Assert.Equal("2026-01-02T04:00:00Z", Entry(v2, "editor", "Update")!.GetString("time"));
    }

    [Fact]
    public void Update_that_changes_nothing_keeps_the_entry_time()
    {
        var v1 = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""");
        ServerSideApply.RecordUpdate(null, v1, "editor", null, T1);
        var v2 = v1.DeepClone().AsObject();

        ServerSideApply.RecordUpdate(v1, v2, "editor", null, T2);

        Assert.Equal("2026-01-02T03:04:05Z", Entry(v2, "editor", "Update")!.GetString("time"));
    }

    [Fact]
    public void Field_removed_from_the_object_leaves_every_manager_s_set()
    {
        var live = Applied(null, Deployment(), "kubectl");
        live = Applied(live, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}}}"""), "labeller");
        var edited = live.DeepClone().AsObject();
        edited.GetMetadata()!.Remove("labels");

        ServerSideApply.RecordUpdate(live, edited, "kubectl-edit", DeploymentMeta, T2);

        Assert.False(Owns(edited, "kubectl", FieldPath.Fields("metadata", "labels", "app")));
        Assert.Null(Entry(edited, "labeller"));
        Assert.Null(Entry(edited, "kubectl-edit", "Update"));
    }

    [Fact]
    public void Update_does_not_modify_the_old_object()
    {
        var old = CreatedWithClientSideApply();
        var before = old.ToJsonString();
        var updated = old.DeepClone().AsObject();
        updated["spec"]!["replicas"] = 9;

        ServerSideApply.RecordUpdate(old, updated, "kubectl-edit", DeploymentMeta, T2);

        Assert.Equal(before, old.ToJsonString());
    }

    [Fact]
    public void Status_is_tracked_only_through_the_status_subresource()
    {
        var live = Applied(null, Deployment(), "kubectl");
        var withStatus = live.DeepClone().AsObject();
        withStatus["status"] = Parse("""{"replicas":2}""");

        ServerSideApply.RecordUpdate(live, withStatus, "deployment-controller", DeploymentMeta, T2, "status");

        Assert.Equal("""{"f:status":{"f:replicas":{}}}""", FieldsOf(withStatus, "deployment-controller", "Update"));
        Assert.Equal("status", Entry(withStatus, "deployment-controller", "Update")!.GetString("subresource"));
    }

    [Fact]
    public void Server_side_apply_over_client_side_apply_shares_fields_with_the_same_values()
    {
        var live = CreatedWithClientSideApply(replicas: 2);

        var applied = Applied(live, Deployment(replicas: 2), "kubectl", T2);

        Assert.True(Owns(applied, "kubectl", Replicas));
        Assert.True(Owns(applied, "kubectl-client-side-apply", Replicas, "Update"));
        Assert.NotNull(applied.GetAnnotations().GetValueOrDefault("kubectl.kubernetes.io/last-applied-configuration"));
        // Kubernetes lists Apply entries before Update entries, whatever their times.
        Assert.Equal(["kubectl", "kubectl-client-side-apply"], ManagedFields(applied).Select(e => e!["manager"]!.GetValue<string>()));
    }

    [Fact]
    public void Server_side_apply_over_client_side_apply_conflicts_on_changed_values_unless_forced()
    {
        var live = CreatedWithClientSideApply(replicas: 2);

        var refused = ServerSideApply.Apply(live, Deployment(replicas: 3, image: "nginx:1.28"), "kubectl", false, DeploymentMeta, T2);

        Assert.Equal(
            [
                new FieldConflict("kubectl-client-side-apply", ".spec.replicas"),
                new FieldConflict("kubectl-client-side-apply", """.spec.template.spec.containers[name="web"].image"""),
            ],
            refused.Conflicts);

        var forced = Applied(live, Deployment(replicas: 3, image: "nginx:1.28"), "kubectl", T2, force: true);

        Assert.Equal(3, forced.GetPath("spec", "replicas")!.GetValue<int>());
        Assert.True(Owns(forced, "kubectl", Replicas));
        Assert.False(Owns(forced, "kubectl-client-side-apply", Replicas, "Update"));
        Assert.True(Owns(forced, "kubectl-client-side-apply", FieldPath.Fields("metadata", "labels", "app"), "Update"));
    }

    [Fact]
    public void Managed_fields_replaced_by_the_writer_are_kept_as_sent()
    {
        var live = CreatedWithClientSideApply();
        var migrated = live.DeepClone().AsObject();
        var entry = ManagedFields(migrated)[0]!.AsObject();
        entry["manager"] = "kubectl";
        entry["operation"] = "Apply";

        ServerSideApply.RecordUpdate(live, migrated, "kubectl", DeploymentMeta, T2);

        Assert.Null(Entry(migrated, "kubectl-client-side-apply", "Update"));
        Assert.True(Owns(migrated, "kubectl", Replicas));
    }
}
