namespace Keelson.Kustomize.Tests;

/// <summary>Writes Keelson's rendering of a directory to a file, for diffing against kustomize while developing a case.</summary>
public class RenderTool
{
    [Fact]
    public void Render_directory_named_by_KEELSON_RENDER_DIR()
    {
        var dir = Environment.GetEnvironmentVariable("KEELSON_RENDER_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        string output;
        try
        {
            output = KustomizeRenderer.RenderYaml(new DiskFileView(), dir);
        }
        catch (KustomizeException e)
        {
            output = "ERROR: " + e.Message + "\n";
        }
        File.WriteAllText(Environment.GetEnvironmentVariable("KEELSON_RENDER_OUT") ?? "/tmp/keelson-render.yaml", output);
    }
}
