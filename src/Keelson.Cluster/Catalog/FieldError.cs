namespace Keelson.Cluster.Catalog;

/// <summary>
/// One invalid field. <see cref="Field"/> is the path as Kubernetes writes it ("spec.template.spec.containers[0].image");
/// <see cref="Message"/> is the full sentence, e.g. "spec.replicas: Invalid value: -1: must be greater than or equal to 0".
/// <see cref="Reason"/> is the cause type string the Status carries ("FieldValueRequired", "FieldValueInvalid", "FieldValueNotSupported", "FieldValueForbidden", "FieldValueTooLong", "FieldValueDuplicate", "FieldValueUnknown"?) — for unknown fields in strict mode Kubernetes uses reason "FieldValueInvalid"? see Validator.
/// </summary>
public sealed record FieldError(string Field, FieldErrorType Type, string Message, string Reason);
