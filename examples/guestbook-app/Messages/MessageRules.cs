namespace Keelson.Guestbook.Messages;

/// <summary>What the guestbook accepts as a message, and why it refuses one.</summary>
public static class MessageRules
{
    /// <summary>Returns null when <paramref name="message"/> is acceptable, else the reason and the status to answer.</summary>
    public static (int Status, string Error)? Check(string? message, GuestbookOptions options)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return (StatusCodes.Status400BadRequest, "message is empty");
        }
        if (message.Length > options.MaxMessageLength)
        {
            return (StatusCodes.Status413PayloadTooLarge, $"message is {message.Length} characters long, the limit is {options.MaxMessageLength}");
        }
        if (message.Any(c => char.IsControl(c) && c != '\n' && c != '\t'))
        {
            return (StatusCodes.Status400BadRequest, "message contains control characters");
        }
        return null;
    }

    /// <summary>Checks a whole list (the classic <c>cmd=set</c>): its length and every entry.</summary>
    public static (int Status, string Error)? CheckAll(IReadOnlyList<string> messages, GuestbookOptions options)
    {
        if (messages.Count > options.MaxMessages)
        {
            return (StatusCodes.Status413PayloadTooLarge, $"{messages.Count} messages, the limit is {options.MaxMessages}");
        }
        foreach (var message in messages)
        {
            if (Check(message, options) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }
}
