using System.Net.Http.Headers;

namespace Keelson.Engine.Kube;

public sealed partial class KubeClient
{
    /// <summary>
    /// GET of an arbitrary path whose answer is a stream rather than one JSON object (a pod's <c>log</c> subresource,
    /// followed or not): the response with its headers read and its body not yet, for the caller to read and dispose.
    /// An error status surfaces as <see cref="KubeApiException"/> with the server's message.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellationToken = default)
    {
        using var request = await RequestAsync(HttpMethod.Get, path, null, null, cancellationToken);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ErrorAsync(response, cancellationToken);
    }
}
