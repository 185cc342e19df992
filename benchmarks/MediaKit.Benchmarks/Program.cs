using System.Diagnostics;
using System.Globalization;
using MediaKit;
using MediaKit.Benchmarks;

// Upload throughput and peak memory against `cp`; see benchmarks/README.md.
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- upload [--sizes 1MB,100MB,1GB] [--runs 3] [--dir path]
// The child mode measures one upload in a fresh process so that its peak resident memory belongs to that upload alone.
// Listing, search, "where used" and orphan scans over a bulk-loaded catalog; see benchmarks/README.md.
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- catalog --provider sqlite|postgres --assets 100000 [--queries 200]
return args switch
{
    ["upload", .. var rest] => await UploadBenchmark.RunAsync(rest),
    ["upload-one", var source, var root, var flush] => await UploadBenchmark.UploadOneAsync(source, root, bool.Parse(flush)),
    ["catalog", .. var rest] => await CatalogBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: upload [--sizes 1MB,100MB,1GB] [--runs 3] [--dir path]");
    Console.Error.WriteLine("       catalog --provider sqlite|postgres --assets 100000 [--queries 200]");
    return 2;
}
