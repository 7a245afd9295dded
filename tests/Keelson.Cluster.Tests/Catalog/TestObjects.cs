using System.Text.Json.Nodes;

namespace Keelson.Cluster.Tests.Catalog;

internal static class TestObjects
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static string TestData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    /// <summary>A trimmed Argo CD Application CRD snippet (with a status subresource added to exercise it).</summary>
    public static JsonObject ApplicationCrd() => Parse("""
    {
      "apiVersion": "apiextensions.k8s.io/v1",
      "kind": "CustomResourceDefinition",
      "metadata": {"name": "applications.argoproj.io", "labels": {"app.kubernetes.io/name": "applications.argoproj.io", "app.kubernetes.io/part-of": "argocd"}},
      "spec": {
        "group": "argoproj.io",
        "names": {"kind": "Application", "listKind": "ApplicationList", "plural": "applications", "shortNames": ["app", "apps"], "singular": "application"},
        "scope": "Namespaced",
        "versions": [{
          "name": "v1alpha1",
          "served": true,
          "storage": true,
          "subresources": {"status": {}},
          "additionalPrinterColumns": [
            {"jsonPath": ".status.sync.status", "name": "Sync Status", "type": "string"},
            {"jsonPath": ".status.health.status", "name": "Health Status", "type": "string"},
            {"jsonPath": ".status.sync.revision", "name": "Revision", "priority": 10, "type": "string"},
            {"jsonPath": ".spec.project", "name": "Project", "priority": 10, "type": "string"}
          ],
          "schema": {"openAPIV3Schema": {
            "type": "object",
            "required": ["metadata", "spec"],
            "properties": {
              "apiVersion": {"type": "string"},
              "kind": {"type": "string"},
              "metadata": {"type": "object"},
              "operation": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
              "spec": {
                "type": "object",
                "required": ["destination", "project"],
                "properties": {
                  "project": {"type": "string"},
                  "destination": {"type": "object", "properties": {"name": {"type": "string"}, "namespace": {"type": "string"}, "server": {"type": "string"}}},
                  "source": {"type": "object", "required": ["repoURL"], "properties": {
                    "repoURL": {"type": "string"}, "path": {"type": "string"}, "targetRevision": {"type": "string", "default": "HEAD"},
                    "directory": {"type": "object", "properties": {"recurse": {"type": "boolean"}}}
                  }},
                  "revisionHistoryLimit": {"type": "integer", "format": "int64", "default": 10},
                  "syncPolicy": {"type": "object", "properties": {
                    "automated": {"type": "object", "properties": {"prune": {"type": "boolean"}, "selfHeal": {"type": "boolean"}}},
                    "syncOptions": {"type": "array", "items": {"type": "string"}}
                  }}
                }
              },
              "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
            }
          }}
        }]
      }
    }
    """);
}
