using System.Reflection;
using PublicApiGenerator;

namespace MediaKit.PublicApi.Tests;

/// <summary>
/// Guards every package's public API: a change to it fails here until the baseline is updated on purpose.
/// To accept a deliberate change, run the tests with MEDIAKIT_ACCEPT_API=1 and commit the baseline diff.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Packages =>
    [
        "MediaKit.Core",
        "MediaKit.EfCore",
        "MediaKit.Storage.FileSystem",
        "MediaKit.Storage.S3",
        "MediaKit.Imaging.Vips",
        "MediaKit.Processing.FFmpeg",
        "MediaKit.Scanning.ClamAV",
        "MediaKit.AspNetCore",
        "MediaKit.Ui",
    ];

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_public_API_matches_its_baseline(string package)
    {
        var assembly = Assembly.Load(package);
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // The entry points live in the namespaces of the types they extend (Microsoft.Extensions.DependencyInjection, ...).
            AllowNamespacePrefixes = ["Microsoft"],
            ExcludeAttributes =
            [
                "System.Runtime.Versioning.TargetFrameworkAttribute",
                "System.Reflection.AssemblyMetadataAttribute",
            ],
        }).ReplaceLineEndings("\n");

        var baseline = Path.Combine(BaselineDirectory(), package + ".txt");
        var received = Path.Combine(BaselineDirectory(), package + ".received.txt");
        if (Environment.GetEnvironmentVariable("MEDIAKIT_ACCEPT_API") == "1")
        {
            File.WriteAllText(baseline, api);
        }

        var expected = File.Exists(baseline) ? File.ReadAllText(baseline).ReplaceLineEndings("\n") : "";
        if (expected != api)
        {
            File.WriteAllText(received, api);
            Assert.Fail($"The public API of {package} changed. Compare {received} with {baseline}; if the change is deliberate, run the tests with MEDIAKIT_ACCEPT_API=1 and commit the new baseline.");
        }

        File.Delete(received);
    }

    // Found from the test's output folder up to the repository root: CI builds map source paths (deterministic builds),
    // so the compile-time path of this file is not a real folder there.
    private static string BaselineDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaKit.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "MediaKit.PublicApi.Tests", "Baselines");
            }
        }

        throw new InvalidOperationException("MediaKit.sln was not found above " + AppContext.BaseDirectory);
    }
}
