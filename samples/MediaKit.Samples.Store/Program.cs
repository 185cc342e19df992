var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "MediaKit sample store");
app.Run();

/// <summary>The sample's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
