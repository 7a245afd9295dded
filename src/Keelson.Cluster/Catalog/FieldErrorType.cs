namespace Keelson.Cluster.Catalog;

/// <summary>The kinds of field errors the API server reports (metav1.CauseType values).</summary>
public enum FieldErrorType
{
    Required,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    Duplicate,
    UnknownField,
}
