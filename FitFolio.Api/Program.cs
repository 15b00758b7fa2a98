using FitFolio.Api.Hosting;

return await Commands.RunAsync(args);
