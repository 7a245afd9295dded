namespace Keelson.Tests.Shared;

/// <summary>A small web application (Deployment, Service, ConfigMap, Secret) in a base and a dev overlay that sets the image tag.</summary>
internal static class SampleApp
{
    /// <summary>The Secret's value, base64 ("secret-value"): it must never be printed.</summary>
    public const string SecretData = "c2VjcmV0LXZhbHVl";

    public static readonly IReadOnlyDictionary<string, string?> Files = new Dictionary<string, string?>
    {
        ["apps/web/base/kustomization.yaml"] = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - deployment.yaml
              - service.yaml
              - configmap.yaml
              - secret.yaml
            """,
        ["apps/web/base/deployment.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: example.com/web:1.0.0
                      ports:
                        - containerPort: 8080
            """,
        ["apps/web/base/service.yaml"] = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
                - port: 80
                  targetPort: 8080
            """,
        ["apps/web/base/configmap.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-settings
            data:
              greeting: hello
            """,
        ["apps/web/base/secret.yaml"] = $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: web-credentials
            type: Opaque
            data:
              password: {SecretData}
            """,
        ["apps/web/overlays/dev/kustomization.yaml"] = DevKustomization("1.0.0"),
    };

    public static IReadOnlyDictionary<string, string?> DevImage(string tag) =>
        new Dictionary<string, string?> { ["apps/web/overlays/dev/kustomization.yaml"] = DevKustomization(tag) };

    private static string DevKustomization(string tag) => $"""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../base
        images:
          - name: example.com/web
            newTag: {tag}
        """;

    public static void Seed(string repo)
    {
        foreach (var (path, content) in Files)
        {
            var full = Path.Combine(repo, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
    }

    public const string Automated = """
        syncPolicy:
          automated:
            prune: true
            selfHeal: true
          syncOptions:
            - CreateNamespace=true
        """;

    public const string AutomatedNoSelfHeal = """
        syncPolicy:
          automated:
            prune: true
          syncOptions:
            - CreateNamespace=true
        """;

    /// <summary>A PreSync hook Job whose simulated pod runs for two minutes: a sync that waits on it, to terminate.</summary>
    public const string SlowPreSyncHook = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: slow-migrate
          annotations:
            argocd.argoproj.io/hook: PreSync
        spec:
          backoffLimit: 0
          template:
            metadata:
              annotations:
                sim.keelson.dev/run-for: 120s
            spec:
              restartPolicy: Never
              containers:
                - name: migrate
                  image: example.com/migrate:1
        """;

    public const string Manual = """
        syncPolicy:
          syncOptions:
            - CreateNamespace=true
        """;
}
