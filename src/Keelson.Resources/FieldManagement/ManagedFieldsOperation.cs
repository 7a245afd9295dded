namespace Keelson.Resources.FieldManagement;

/// <summary>The <c>operation</c> of a managedFields entry, written as the same strings Kubernetes uses.</summary>
public enum ManagedFieldsOperation
{
    Apply,
    Update,
}
