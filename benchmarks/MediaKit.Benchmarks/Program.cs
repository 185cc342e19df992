using System.Diagnostics;
using System.Globalization;
using MediaKit;
using MediaKit.Benchmarks;

// Upload throughput and peak memory against `cp`; see benchmarks/README.md.
//   dotnet run -c Release --project benchmarks/MediaKit.Benchmarks -- upload [--sizes 1MB,100MB,1GB] [--runs 3] [--dir path]
// The child mode measures one upload in a fresh process so that its peak resident memory belongs to that upload alone.
return args switch
{
    ["upload", .. var rest] => await UploadBenchmark.RunAsync(rest),
    ["upload-one", var source, var root, var flush] => await UploadBenchmark.UploadOneAsync(source, root, bool.Parse(flush)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: upload [--sizes 1MB,100MB,1GB] [--runs 3] [--dir path]");
    return 2;
}
