namespace Keelson.Kustomize;

/// <summary>
/// The inner exception of a <see cref="Keelson.Resources.Serialization.YamlFormatException"/> from
/// <see cref="KyamlReader"/>: which of kustomize's failures it is, and kustomize's own words for it.
/// </summary>
internal sealed class KyamlError(KyamlError.Kinds kind, string message) : Exception(message)
{
    public enum Kinds
    {
        /// <summary>go-yaml could not parse a document (kustomize's MalformedYAMLError).</summary>
        Malformed,

        /// <summary>The file was read but kustomize refuses it (an invalid document separator, a document that is not a mapping).</summary>
        Refused,

        /// <summary>go-yaml parsed the document but refused to decode it (duplicate keys).</summary>
        Unmarshal,
    }

    public Kinds Kind => kind;
}
