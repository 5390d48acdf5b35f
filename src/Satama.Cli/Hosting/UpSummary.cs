using Satama.Cli.Output;

namespace Satama.Cli.Hosting;

/// <summary>What `up` tells the user once the platform answers.</summary>
internal static class UpSummary
{
    public static void Print(Printer printer, UpState state, string? headline = null) =>
        printer.Print(state, w =>
        {
            w.WriteLine(headline ?? "Satama is up.");
            w.WriteLine();
            new Details()
                .Add("Master", state.Url)
                .Add("CA fingerprint", state.CaFingerprint)
                .Add("Admin token", $"in {state.AdminTokenPath}")
                .Add("Grid", state.Grid)
                .Add("Node", state.Node)
                .Add("CLI context", "local (selected)")
                .WriteTo(w);
            w.WriteLine();
            w.WriteLine("Next: satama service create web --image nginx:alpine --port 8080:80");
            w.WriteLine("      satama service ls");
        });
}
