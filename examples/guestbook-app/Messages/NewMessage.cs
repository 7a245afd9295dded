namespace Keelson.Guestbook.Messages;

/// <summary>The body of <c>POST /api/messages</c>.</summary>
public sealed record NewMessage(string? Message);
