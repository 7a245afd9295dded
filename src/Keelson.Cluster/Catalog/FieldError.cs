namespace Keelson.Cluster.Catalog;

/// <summary>
/// One invalid field. <see cref="Field"/> is the path as Kubernetes writes it ("spec.template.spec.containers[0].image");
/// <see cref="Message"/> is the full sentence, e.g. "spec.replicas: Invalid value: -1: must be greater than or equal to 0".
/// <see cref="Reason"/> is the metav1 cause type the Status carries: "FieldValueRequired", "FieldValueInvalid",
/// "FieldValueNotSupported", "FieldValueForbidden", "FieldValueTooLong", "FieldValueDuplicate".
/// Unknown fields found by strict decoding (<see cref="FieldErrorType.UnknownField"/>) have the message
/// <c>unknown field "spec.bogusField"</c> and reason "FieldValueInvalid"; the apiserver reports them not as causes of a
/// 422 Invalid but in the message of a 400 BadRequest (see <see cref="Validator.StrictDecodingMessage"/>).
/// </summary>
public sealed record FieldError(string Field, FieldErrorType Type, string Message, string Reason);
