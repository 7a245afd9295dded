using Keelson.Guestbook;

var app = GuestbookApp.Build(args);
await app.RunAsync().ConfigureAwait(false);
