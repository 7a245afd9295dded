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
                {SimulationAnnotations.Ready}: "{(neverReady ? "false" : "true")}"
            spec:
              containers:
              - name: web
                image: {image}
                ports:
                - name: http
                  containerPort: 8080
        """;

    public static string StatefulSet(string ns, string name, int replicas = 3, string image = "redis:7", int partition = 0, string policy = "OrderedReady") => $"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          serviceName: {name}
          replicas: {replicas}
          podManagementPolicy: {policy}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              partition: {partition}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: db
                image: {image}
                volumeMounts:
                - name: data
                  mountPath: /data
          volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: ["ReadWriteOnce"]
              resources:
                requests:
                  storage: 1Gi
        """;
}
