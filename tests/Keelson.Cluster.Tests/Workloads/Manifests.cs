namespace Keelson.Cluster.Tests.Workloads;

/// <summary>Workload manifests the tests apply with kubectl.</summary>
internal static class Manifests
{
    public static string Deployment(string ns, string name, int replicas = 3, string image = "nginx:1.27", int progressDeadlineSeconds = 600, bool neverReady = false, string strategy = "RollingUpdate") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: {replicas}
          progressDeadlineSeconds: {progressDeadlineSeconds}
          strategy:
            type: {strategy}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
              annotations:
                {FakeKubelet.NeverReady}: "{(neverReady ? "true" : "false")}"
            spec:
              containers:
              - name: web
                image: {image}
                ports:
                - name: http
                  containerPort: 8080
        """;
}
