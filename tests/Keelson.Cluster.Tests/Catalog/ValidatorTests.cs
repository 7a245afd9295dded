using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;

namespace Keelson.Cluster.Tests.Catalog;

public class ValidatorTests
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.CreateBuiltin();
    private static ResourceType Deployments => Catalog.Find("apps", "v1", "deployments")!;

    private static JsonObject Deployment(string containers = """[{"name":"web","image":"nginx:1.27"}]""", string templateLabels = """{"app":"web"}""") =>
        TestObjects.Parse(
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"demo"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":"""
            + templateLabels + """},"spec":{"containers":""" + containers + "}}}}");

    private static List<string> Messages(ResourceType type, JsonObject obj, bool strict = true, JsonObject? old = null) =>
        Validator.Validate(type, obj, strict, old).Select(e => e.Message).ToList();

    [Fact]
    public void Valid_deployment_has_no_errors() => Assert.Empty(Messages(Deployments, Deployment()));

    [Fact]
    public void Defaulted_objects_of_every_fixture_are_valid_in_strict_mode()
    {
        foreach (var dir in Directory.GetDirectories(TestObjects.TestData("defaulting")))
        {
            var obj = TestObjects.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
            var type = Catalog.FindByKind(Keelson.Resources.Unstructured.GetGroupVersionKind(obj))!;
            Assert.Empty(Messages(type, obj));
        }
    }

    [Fact]
    public void Invalid_name_is_reported_with_the_dns_subdomain_rule()
    {
        var obj = Deployment();
        obj["metadata"]!["name"] = "Web_1";
        var error = Assert.Single(Validator.Validate(Deployments, obj, strictFields: true));
        Assert.Equal("metadata.name", error.Field);
        Assert.Equal(FieldErrorType.Invalid, error.Type);
        Assert.StartsWith("metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_name_is_required()
    {
        var obj = Deployment();
        ((JsonObject)obj["metadata"]!).Remove("name");
        Assert.Contains("metadata.name: Required value: name or generateName is required", Messages(Deployments, obj));
    }

    [Fact]
    public void Service_names_are_dns_1035_labels()
    {
        var svc = TestObjects.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"1web"},"spec":{"ports":[{"port":80}]}}""");
        Assert.Contains(Messages(Catalog.Find("", "v1", "services")!, svc), m => m.StartsWith("metadata.name: Invalid value: \"1web\": a DNS-1035 label", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_label_key_and_value()
    {
        var obj = Deployment();
        obj["metadata"]!["labels"] = new JsonObject { ["bad key"] = "ok", ["good"] = "-bad" };
        var messages = Messages(Deployments, obj);
        Assert.Contains(messages, m => m.StartsWith("metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_image_is_required()
    {
        Assert.Equal(["spec.template.spec.containers[0].image: Required value"], Messages(Deployments, Deployment("""[{"name":"web"}]""")));
    }

    [Fact]
    public void Duplicate_container_names_and_bad_ports()
    {
        var messages = Messages(Deployments, Deployment("""[{"name":"web","image":"a","ports":[{"containerPort":70000}]},{"name":"web","image":"b"}]"""));
        Assert.Contains("spec.template.spec.containers[1].name: Duplicate value: \"web\"", messages);
        Assert.Contains("spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive", messages);
    }

    [Fact]
    public void Selector_must_match_template_labels()
    {
        var messages = Messages(Deployments, Deployment(templateLabels: """{"app":"api","tier":"x"}"""));
        Assert.Equal(["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\", \"tier\":\"x\"}: `selector` does not match template `labels`"], messages);
    }

    [Fact]
    public void Missing_selector_and_negative_replicas()
    {
        var obj = Deployment();
        ((JsonObject)obj["spec"]!).Remove("selector");
        obj["spec"]!["replicas"] = -1;
        var messages = Messages(Deployments, obj);
        Assert.Contains("spec.selector: Required value", messages);
        Assert.Contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0", messages);
    }

    [Fact]
    public void Strict_unknown_field_is_reported_with_its_path()
    {
        var obj = Deployment();
        obj["spec"]!["bogusField"] = true;
        var error = Assert.Single(Validator.Validate(Deployments, obj, strictFields: true));
        Assert.Equal(FieldErrorType.UnknownField, error.Type);
        Assert.Equal("spec.bogusField", error.Field);
        Assert.Equal("unknown field \"spec.bogusField\"", error.Message);
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.bogusField\"",
            Validator.StrictDecodingMessage(Deployments, [error]));
        Assert.Empty(Validator.Validate(Deployments, obj, strictFields: false));
    }

    [Fact]
    public void Nested_unknown_field_inside_containers()
    {
        var obj = Deployment("""[{"name":"web","image":"nginx","imagePullPolicy":"Always","resources":{"limits":{"cpu":"1"}},"ports":[{"containerPort":80,"protocl":"TCP"}],"bogus":1}]""");
        var fields = Validator.Validate(Deployments, obj, strictFields: true).Where(e => e.Type == FieldErrorType.UnknownField).Select(e => e.Field).ToList();
        Assert.Equal(["spec.template.spec.containers[0].ports[0].protocl", "spec.template.spec.containers[0].bogus"], fields);
    }

    [Fact]
    public void Metadata_managed_fields_and_free_maps_are_not_unknown()
    {
        var obj = Deployment();
        obj["metadata"]!["managedFields"] = JsonNode.Parse("""[{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]""");
        obj["metadata"]!["annotations"] = new JsonObject { ["anything.example.com/x"] = "y" };
        Assert.Empty(Messages(Deployments, obj));
    }

    [Fact]
    public void Prune_drops_unknown_builtin_fields()
    {
        var obj = Deployment();
        obj["spec"]!["bogusField"] = true;
        Assert.Equal(["spec.bogusField"], Validator.Prune(Deployments, obj));
        Assert.Null(obj["spec"]!["bogusField"]);
    }

    [Fact]
    public void Job_template_needs_on_failure_or_never()
    {
        var job = TestObjects.Parse("""{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}""");
        Assert.Equal(["spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""], Messages(Catalog.Find("batch", "v1", "jobs")!, job));
    }

    [Fact]
    public void Service_port_required_and_in_range()
    {
        var svc = TestObjects.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"name":"a","targetPort":8080},{"name":"b","port":99999}]}}""");
        var messages = Messages(Catalog.Find("", "v1", "services")!, svc);
        Assert.Contains("spec.ports[0].port: Required value", messages);
        Assert.Contains("spec.ports[1].port: Invalid value: 99999: must be between 1 and 65535, inclusive", messages);
    }

    [Fact]
    public void ConfigMap_keys_are_checked()
    {
        var cm = TestObjects.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"ok.key":"1","bad key":"2"}}""");
        var error = Assert.Single(Validator.Validate(Catalog.Find("", "v1", "configmaps")!, cm, true));
        Assert.Equal("data[bad key]", error.Field);
        Assert.StartsWith("data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Immutable_fields_on_update()
    {
        var old = Deployment();
        var changed = Deployment(templateLabels: """{"app":"web","v":"2"}""");
        changed["spec"]!["selector"] = JsonNode.Parse("""{"matchLabels":{"app":"web","v":"2"}}""");
        Assert.Contains(Validator.Validate(Deployments, changed, true, old), e => e.Field == "spec.selector" && e.Message.EndsWith("field is immutable", StringComparison.Ordinal));

        var services = Catalog.Find("", "v1", "services")!;
        var oldSvc = TestObjects.Parse("""{"metadata":{"name":"web"},"spec":{"clusterIP":"10.96.0.10","ports":[{"port":80}]}}""");
        var newSvc = TestObjects.Parse("""{"metadata":{"name":"web"},"spec":{"clusterIP":"10.96.0.11","ports":[{"port":80}]}}""");
        Assert.Contains(Validator.Validate(services, newSvc, false, oldSvc), e => e.Field == "spec.clusterIPs[0]");
        Assert.Empty(Validator.Validate(services, oldSvc, false, oldSvc));
    }

    [Fact]
    public void Custom_resource_schema_violations()
    {
        var type = Assert.Single(CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        var app = TestObjects.Parse("""
        {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"guestbook"},
         "spec":{"project":5,"source":{"path":"x"},"syncPolicy":{"automated":{"prune":"yes"},"retry":{}},"bogus":1},
         "status":{"anything":{"goes":true}}}
        """);
        var errors = Validator.Validate(type, app, strictFields: true);
        var messages = errors.Select(e => e.Message).ToList();
        Assert.Contains("spec.project: Invalid value: \"integer\": spec.project in body must be of type string: \"integer\"", messages);
        Assert.Contains("spec.destination: Required value", messages);
        Assert.Contains("spec.source.repoURL: Required value", messages);
        Assert.Contains("spec.syncPolicy.automated.prune: Invalid value: \"string\": spec.syncPolicy.automated.prune in body must be of type boolean: \"string\"", messages);
        Assert.Equal(["spec.syncPolicy.retry", "spec.bogus"], errors.Where(e => e.Type == FieldErrorType.UnknownField).Select(e => e.Field));

        Assert.Equal(["spec.syncPolicy.retry", "spec.bogus"], Validator.Prune(type, app));
        Assert.NotNull(app.GetPropertyValue("status"));
    }

    [Fact]
    public void Custom_resource_enum()
    {
        var crd = TestObjects.Parse("""
        {"metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
         "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{
           "spec":{"type":"object","properties":{"size":{"type":"string","enum":["small","large"]},"count":{"type":"integer","minimum":1}}}}}}}]}}
        """);
        var type = Assert.Single(CrdTypes.FromCrd(crd, out _));
        var w = TestObjects.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":"medium","count":0}}""");
        var messages = Messages(type, w);
        Assert.Contains("spec.size: Unsupported value: \"medium\": supported values: \"small\", \"large\"", messages);
        Assert.Contains("spec.count: Invalid value: 0: spec.count in body should be greater than or equal to 1", messages);
    }
}

internal static class JsonObjectTestExtensions
{
    public static JsonNode? GetPropertyValue(this JsonObject obj, string name) => obj[name];
}
