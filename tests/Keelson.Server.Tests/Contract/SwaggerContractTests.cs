using System.Text.Json.Nodes;

namespace Keelson.Server.Tests.Contract;

/// <summary>The contract check itself: it passes what Argo CD writes and names what departs from it.</summary>
public sealed class SwaggerContractTests
{
    private static readonly SwaggerContract Contract = SwaggerContract.Instance;

    [Fact]
    public void The_contract_covers_the_paths_Keelson_serves()
    {
        var operations = Contract.Operations.ToHashSet(StringComparer.Ordinal);
        Assert.Contains("GET /api/v1/applications", operations);
        Assert.Contains("GET /api/v1/stream/applications", operations);
        Assert.Contains("POST /api/v1/projects/{project}/roles/{role}/token", operations);
        Assert.Equal(40, Contract.Commit.Length);
    }

    [Fact]
    public void An_application_as_Argo_CD_writes_it_conforms()
    {
        var app = JsonNode.Parse("""
            {"metadata":{"name":"guestbook","namespace":"argocd","uid":"0d3b","resourceVersion":"12","generation":3,
              "creationTimestamp":"2026-12-07T10:00:00Z","labels":{"team":"web"},
              "managedFields":[{"manager":"argocd","operation":"Update","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}},"time":"2026-12-07T10:00:00Z"}]},
             "spec":{"project":"default","source":{"repoURL":"https://github.com/x/y.git","path":"guestbook","targetRevision":"HEAD"},
              "destination":{"server":"https://kubernetes.default.svc","namespace":"guestbook"},
              "syncPolicy":{"automated":{"prune":true,"selfHeal":true},"syncOptions":["CreateNamespace=true"],
               "retry":{"limit":2,"backoff":{"duration":"5s","factor":2,"maxDuration":"3m"}}}},
             "status":{"sync":{"status":"Synced","revision":"abc","comparedTo":{"source":{"repoURL":"https://github.com/x/y.git"},"destination":{}}},
              "health":{"status":"Healthy"},
              "history":[{"id":0,"revision":"abc","deployedAt":"2026-12-07T10:00:05Z","deployStartedAt":"2026-12-07T10:00:04Z","source":{"repoURL":"https://github.com/x/y.git"}}],
              "resources":[{"group":"apps","version":"v1","kind":"Deployment","namespace":"guestbook","name":"ui","status":"Synced","health":{"status":"Healthy"}}],
              "operationState":{"phase":"Succeeded","startedAt":"2026-12-07T10:00:04Z","operation":{"sync":{"revision":"abc"}},
               "syncResult":{"revision":"abc","resources":[{"group":"apps","version":"v1","kind":"Deployment","namespace":"guestbook","name":"ui","status":"Synced","message":"configured","hookPhase":"Running","syncPhase":"Sync"}]}},
              "reconciledAt":"2026-12-07T10:00:06Z","sourceType":"Kustomize","summary":{"images":["ui:1"]}}}
            """);
        Assert.Empty(Contract.CheckDefinition("v1alpha1Application", app));
    }

    [Fact]
    public void An_unknown_field_a_wrong_type_and_a_bad_time_are_each_named_with_where_they_are()
    {
        var app = JsonNode.Parse("""
            {"metadata":{"name":"x","creationTimestamp":"yesterday"},
             "spec":{"project":"default","sources":"not-an-array","destination":{"server":"s","color":"blue"}},
             "status":{"history":[{"id":"three"}],"sync":{"status":5}}}
            """);
        var violations = Contract.CheckDefinition("v1alpha1Application", app);
        Assert.Contains(violations, v => v.StartsWith("$.metadata.creationTimestamp: the string 'yesterday' is not a v1Time", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.spec.sources: the string 'not-an-array' where the contract has an array", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.spec.destination.color: a field the contract does not have", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.status.history[0].id: the string 'three' where the contract has an integer", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.status.sync.status: the number 5 where the contract has a string", StringComparison.Ordinal));
        Assert.Equal(5, violations.Count);
    }

    [Fact]
    public void Managed_resources_must_carry_their_states_as_strings_as_Argo_s_UI_expects()
    {
        var asObjects = JsonNode.Parse("""{"items":[{"kind":"Service","name":"ui","liveState":{"kind":"Service"}}]}""");
        Assert.Single(Contract.Check("GET /api/v1/applications/{applicationName}/managed-resources", asObjects));
        var asStrings = JsonNode.Parse("""{"items":[{"kind":"Service","name":"ui","liveState":"{\"kind\":\"Service\"}","targetState":"null","modified":false}]}""");
        Assert.Empty(Contract.Check("GET /api/v1/applications/{applicationName}/managed-resources", asStrings));
    }

    [Fact]
    public void TypeMeta_is_accepted_on_Kubernetes_objects_only()
    {
        Assert.Empty(Contract.CheckDefinition("v1alpha1Application", JsonNode.Parse("{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Application\",\"metadata\":{\"name\":\"x\"}}")));
        Assert.Empty(Contract.CheckDefinition("v1alpha1ApplicationList", JsonNode.Parse("{\"kind\":\"ApplicationList\",\"metadata\":{},\"items\":[]}")));
        var spec = Contract.CheckDefinition("v1alpha1ApplicationSpec", JsonNode.Parse("{\"kind\":\"Application\",\"project\":\"default\"}"));
        Assert.StartsWith("$.kind: a field the contract does not have", Assert.Single(spec), StringComparison.Ordinal);
    }

    [Fact]
    public void Inlined_types_lend_their_fields_as_ResourceNode_has_ResourceRef_s()
    {
        Assert.Empty(Contract.CheckDefinition("v1alpha1ResourceNode", JsonNode.Parse("{\"group\":\"apps\",\"kind\":\"Deployment\",\"name\":\"ui\",\"uid\":\"1\",\"health\":{\"status\":\"Healthy\"}}")));
        Assert.Single(Contract.CheckDefinition("v1alpha1ResourceNode", JsonNode.Parse("{\"kind\":\"Deployment\",\"colour\":\"red\"}")));
    }

    [Fact]
    public void An_operation_not_in_the_contract_is_refused_rather_than_passed()
    {
        Assert.Throws<ArgumentException>(() => Contract.Check("GET /api/v1/nothing", new JsonObject()));
    }
}
