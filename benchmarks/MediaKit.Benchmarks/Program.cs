using System.Diagnostics;
using System.Globalization;
using MediaKit;
using MediaKit.Benchmarks;

// Upload throughput and peak memory against `cp`; see benchmarks/README.md.
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- upload [--sizes 1MB,100MB,1GB] [--runs 3] [--dir path]
// The child mode measures one upload in a fresh process so that its peak resident memory belongs to that upload alone.
// One large upload to the S3-compatible server with its peak memory; the delivery endpoint as a server for benchmarks/delivery/run.sh:
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- s3-upload [--size 1GB] [--part-size 8MB] [--concurrency 2] [--store-only]
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- delivery-server --dir path --port 5080
// Listing, search, "where used" and orphan scans over a bulk-loaded catalog; see benchmarks/README.md.
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- catalog --provider sqlite|postgres --assets 100000 [--queries 200]
// 50 concurrent clients uploading 2 MB images through the HTTP API on loopback vs the same uploads through IMediaStore:
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- api-upload [--clients 50] [--uploads 400] [--rounds 2]
// The default variant set of a 24-megapixel JPEG against sharp; benchmarks/imaging/run.sh runs both.
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- imaging generate <file.jpg> | imaging variants <file.jpg> <outdir>
return args switch
{
    ["upload", .. var rest] => await UploadBenchmark.RunAsync(rest),
    ["upload-one", var source, var root, var flush] => await UploadBenchmark.UploadOneAsync(source, root, bool.Parse(flush)),
    ["catalog", .. var rest] => await CatalogBenchmark.RunAsync(rest),
    ["s3-upload", .. var rest] => await S3UploadBenchmark.RunAsync(rest),
    ["delivery-server", .. var rest] => await DeliveryServer.RunAsync(rest),
    ["imaging", .. var rest] => await ImagingBenchmark.RunAsync(rest),
    ["api-upload", .. var rest] => await ApiUploadBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: upload [--sizes 1MB,100MB,1GB] [--runs 3] [--dir path]");
    Console.Error.WriteLine("       catalog --provider sqlite|postgres --assets 100000 [--queries 200]");
    Console.Error.WriteLine("       s3-upload [--size 1GB] [--part-size 8MB] [--concurrency 2] [--dir path] [--store-only]");
    Console.Error.WriteLine("       delivery-server --dir path [--port 5080]");
    Console.Error.WriteLine("       api-upload [--clients 50] [--uploads 400] [--size 2097152] [--rounds 2]");
    Console.Error.WriteLine("       imaging generate <file.jpg> | imaging variants <file.jpg> <outdir>");
    return 2;
}
