using FitFolio.MailCatcher;

// ./fitfolio run starts this as: dotnet FitFolio.MailCatcher.dll --urls http://localhost:8025 --Smtp:Port=2525
var app = MailCatcherApp.Build(args);
app.Run();
