using System.Diagnostics;
using Keelson.Kustomize;

namespace Keelson.Benchmarks;

/// <summary>
/// A guestbook-like prod overlay rendered N times in-process and by N <c>kubectl kustomize</c> processes (goal:
/// ≥ 20× faster), then 1,000 distinct overlays of the same base rendered in-process (goal: &lt; 2 s).
/// </summary>
internal static class KustomizeBenchmark
{
    private const string Kubectl = "/usr/bin/kubectl";

    public static async Task<int> RunAsync(int n)
    {
        var root = Directory.CreateTempSubdirectory("keelson-kust-bench-").FullName;
        try
        {
            WriteBase(Path.Combine(root, "base"));
            var prod = Path.Combine(root, "overlays", "prod");
            WriteOverlay(prod, "prod-", "guestbook-prod", "v5", 3);
            var files = new DiskFileView();

            var ours = KustomizeRenderer.RenderYaml(files, prod); // the output to compare
            var firstRender = Stopwatch.StartNew();
            KustomizeRenderer.RenderYaml(files, prod);
            firstRender.Stop();
            for (var i = 0; i < 20; i++) KustomizeRenderer.RenderYaml(files, prod); // warm-up (JIT tiers), as in a long-running server
            var inProcess = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) KustomizeRenderer.RenderYaml(files, prod);
            inProcess.Stop();

            var rows = new List<(string Name, string Figure, string Goal)>();
            var perRender = inProcess.Elapsed.TotalMilliseconds / n;
            rows.Add(($"prod overlay in-process (N={n}, warm)", $"{perRender:F2} ms/render", "—"));
            if (File.Exists(Kubectl))
            {
                var (identical, process) = await KubectlAsync(prod, n, ours);
                var perProcess = process.TotalMilliseconds / n;
                rows.Add(($"prod overlay kubectl kustomize (N={n})", $"{perProcess:F1} ms/render", "—"));
                rows.Add(("speed-up (kubectl / in-process)", $"{perProcess / perRender:F0}×", "≥ 20×"));
                rows.Add(("output identical to kubectl", identical ? "yes" : "NO", "yes"));
            }
            else
            {
                rows.Add(("kubectl kustomize", $"not found at {Kubectl}", "—"));
            }

            const int Overlays = 1000;
            var dirs = new List<string>();
            for (var i = 0; i < Overlays; i++)
            {
                var dir = Path.Combine(root, "overlays", $"app-{i:D4}");
                WriteOverlay(dir, $"app{i}-", $"team-{i % 37}", $"v1.{i}", 1 + i % 5);
                dirs.Add(dir);
            }
            var bytes = 0L;
            var sequential = Stopwatch.StartNew();
            foreach (var dir in dirs) bytes += KustomizeRenderer.RenderYaml(files, dir).Length;
            sequential.Stop();
            rows.Add(($"{Overlays:N0} distinct overlays, 1 thread", $"{sequential.Elapsed.TotalSeconds:F2} s", "< 2 s"));
            var parallel = Stopwatch.StartNew();
            Parallel.ForEach(dirs, dir => KustomizeRenderer.RenderYaml(files, dir));
            parallel.Stop();
            rows.Add(($"{Overlays:N0} distinct overlays, {Environment.ProcessorCount} threads", $"{parallel.Elapsed.TotalSeconds:F2} s", "< 2 s"));

            Console.WriteLine($"Keelson kustomize renderer, {Environment.ProcessorCount} cores; the prod overlay renders {ours.Split("\n---\n").Length} objects, the 1,000 overlays {bytes / 1024:N0} KiB of YAML");
            Console.WriteLine($"| {"benchmark",-40} | {"measured",-16} | {"goal",-8} |");
            Console.WriteLine($"|{new string('-', 42)}|{new string('-', 18)}|{new string('-', 10)}|");
            foreach (var (name, figure, goal) in rows) Console.WriteLine($"| {name,-40} | {figure,-16} | {goal,-8} |");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(bool Identical, TimeSpan Elapsed)> KubectlAsync(string dir, int n, string expected)
    {
        var identical = true;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var info = new ProcessStartInfo(Kubectl, ["kustomize", dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (i == 0) identical = await stdout == expected;
        }
        watch.Stop();
        return (identical, watch.Elapsed);
    }

    private static void Write(string dir, string name, string text)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name), text);
    }

    private static void WriteBase(string dir)
    {
        Write(dir, "kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - frontend.yaml
            - redis-master.yaml
            - redis-replica.yaml
            configMapGenerator:
            - name: frontend-config
              literals:
              - GET_HOSTS_FROM=env
              - REDIS_HOST=redis-master

            """);
        Write(dir, "frontend.yaml", Deployment("frontend", "frontend", "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5", 80,
            "        envFrom:\n        - configMapRef:\n            name: frontend-config\n") + "---\n" + Service("frontend", "frontend", 80));
        Write(dir, "redis-master.yaml", Deployment("redis-master", "redis", "docker.io/redis:6.0.5", 6379, "") + "---\n" + Service("redis-master", "redis", 6379));
        Write(dir, "redis-replica.yaml", Deployment("redis-replica", "redis", "us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2", 6379, "") +
            "---\n" + Service("redis-replica", "redis", 6379));
    }

    private static string Deployment(string name, string app, string image, int port, string extra) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels:
            app: {app}
            tier: {name}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: {app}
              tier: {name}
          template:
            metadata:
              labels:
                app: {app}
                tier: {name}
            spec:
              containers:
              - name: {app}
                image: {image}
                resources:
                  requests:
                    cpu: 100m
                    memory: 100Mi
                ports:
                - containerPort: {port}

        """.TrimEnd('\n') + "\n" + extra;

    private static string Service(string name, string app, int port) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          labels:
            app: {app}
            tier: {name}
        spec:
          ports:
          - port: {port}
            targetPort: {port}
          selector:
            app: {app}
            tier: {name}

        """;

    private static void WriteOverlay(string dir, string prefix, string ns, string tag, int replicas)
    {
        Write(dir, "kustomization.yaml", $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: {ns}
            namePrefix: {prefix}
            commonLabels:
              environment: prod
              owner: {ns}
            resources:
            - ../../base
            - hpa.yaml
            images:
            - name: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend
              newName: registry.example.com/guestbook/frontend
              newTag: {tag}
            - name: docker.io/redis
              newTag: 6.2.{replicas}
            replicas:
            - name: frontend
              count: {replicas}
            - name: redis-replica
              count: 2
            configMapGenerator:
            - name: frontend-config
              behavior: merge
              literals:
              - LOG_LEVEL=warn
              - RELEASE={tag}
            patches:
            - path: frontend-resources.yaml
            - target:
                kind: Service
                name: frontend
              patch: |-
                - op: add
                  path: /spec/type
                  value: LoadBalancer

            """);
        Write(dir, "frontend-resources.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: frontend
            spec:
              template:
                spec:
                  containers:
                  - name: frontend
                    resources:
                      limits:
                        cpu: 500m
                        memory: 256Mi

            """);
        Write(dir, "hpa.yaml", """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: frontend
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: frontend
              minReplicas: 3
              maxReplicas: 10
              metrics:
              - type: Resource
                resource:
                  name: cpu
                  target:
                    type: Utilization
                    averageUtilization: 70

            """);
    }
}
