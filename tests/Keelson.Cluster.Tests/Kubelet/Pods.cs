using k8s;
using k8s.Models;
using Keelson.Cluster.Tests.Api;

namespace Keelson.Cluster.Tests.Kubelet;

/// <summary>Pod manifests and waits for pod states, with deadlines.</summary>
internal static class Pods
{
    public static string Yaml(string ns, string name, string image = "nginx:1.27", string annotations = "", string restartPolicy = "Always", string extraContainerFields = "") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          annotations:
            keelson.test/name: {name}
        {Indent(annotations, 4)}
        spec:
          restartPolicy: {restartPolicy}
          containers:
          - name: app
            image: {image}
        {Indent(extraContainerFields, 4)}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => new string(' ', spaces) + l.Trim('\r')));

    public static V1Pod New(string name, string image = "nginx:1.27", Dictionary<string, string>? annotations = null, string restartPolicy = "Always") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
        Spec = new V1PodSpec { RestartPolicy = restartPolicy, Containers = [new V1Container { Name = "app", Image = image }] },
    };

    /// <summary>Waits until the pod satisfies <paramref name="condition"/> and returns it.</summary>
    public static async Task<V1Pod> WaitAsync(IKubernetes client, string ns, string name, Func<V1Pod, bool> condition, string expectation, TimeSpan? deadline = null)
    {
        V1Pod? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                last = await client.CoreV1.ReadNamespacedPodAsync(name, ns);
            }
            catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return false;
            }
            return condition(last);
        }, $"{ns}/{name}: {expectation} (last status: {(last is null ? "none" : KubernetesJson.Serialize(last.Status))})", deadline ?? TimeSpan.FromSeconds(15));
        return last!;
    }

    public static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static string? WaitingReason(V1Pod pod) => pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason;
}
