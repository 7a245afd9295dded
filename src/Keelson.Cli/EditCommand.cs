using System.CommandLine;
using Keelson.Kustomize;

namespace Keelson.Cli;

/// <summary>`keelson edit set image …`: edits a kustomization file as `kustomize edit set image` does.</summary>
public static class EditCommand
{
    public static Command Create()
    {
        var edit = new Command("edit", "Edit a kustomization file, as `kustomize edit` does.");
        var set = new Command("set", "Set a value in the kustomization file.");
        set.Subcommands.Add(CreateSetImage());
        edit.Subcommands.Add(set);
        return edit;
    }

    private static Command CreateSetImage()
    {
        var images = new Argument<string[]>("IMAGE")
        {
            Description = "NAME=NEWNAME:TAG, NAME=NEWNAME@DIGEST, NAME=NEWNAME:TAG@DIGEST, NAME=NEWNAME, NAME:TAG, NAME:TAG@DIGEST or NAME@DIGEST; * keeps the current new name, tag or digest.",
            Arity = ArgumentArity.OneOrMore,
        };
        var kustomization = new Option<string?>("--kustomization") { Description = "The directory holding the kustomization file (default: the current directory)." };
        var image = new Command("image", "Set images and their new names, tags or digests in the kustomization file (kustomize edit set image).") { images, kustomization };
        image.SetAction(parse =>
        {
            try
            {
                var dir = Path.GetFullPath(parse.GetValue(kustomization) ?? Directory.GetCurrentDirectory());
                var file = KustomizationEditor.FindFile(dir);
                var text = File.ReadAllText(file);
                var edited = KustomizationEditor.SetImages(text, file, parse.GetValue(images) ?? []);
                File.WriteAllText(file, edited);
                return 0;
            }
            catch (Exception e) when (e is KustomizeException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Error: {e.Message}");
                return 1;
            }
        });
        return image;
    }
}
