using System.Net;
using System.Text;

namespace Keelson.Guestbook.Messages;

/// <summary>The server-rendered guestbook page: works without JavaScript, every message HTML-encoded.</summary>
public static class HomePage
{
    public static string Render(IReadOnlyList<string> messages, string? notice, int maxMessageLength)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Guestbook</title>
            <style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}li{margin:.3rem 0;white-space:pre-wrap}.notice{color:#a00}</style>
            </head>
            <body>
            <h1>Guestbook</h1>
            <form method="post" action="/">
            """);
        html.Append("<input type=\"text\" name=\"message\" required maxlength=\"").Append(maxMessageLength)
            .Append("\" autofocus aria-label=\"Message\"> <button type=\"submit\">Submit</button>\n</form>\n");
        if (notice is not null)
        {
            html.Append("<p class=\"notice\" role=\"alert\">").Append(WebUtility.HtmlEncode(notice)).Append("</p>\n");
        }
        html.Append("<ul id=\"messages\">\n");
        foreach (var message in messages)
        {
            html.Append("<li>").Append(WebUtility.HtmlEncode(message)).Append("</li>\n");
        }
        html.Append("</ul>\n</body>\n</html>\n");
        return html.ToString();
    }
}
