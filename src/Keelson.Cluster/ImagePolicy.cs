namespace Keelson.Cluster;

/// <summary>Which container images the simulated kubelet can pull.</summary>
public enum ImagePolicy
{
    /// <summary>Every image pulls.</summary>
    Any,

    /// <summary>Only images in the cluster's image catalog pull; others fail as a missing image does (ErrImagePull, ImagePullBackOff).</summary>
    Catalog,
}
