using System.Runtime.InteropServices;
using Satama.Cli;
using Spectre.Console;

// Ctrl-C and SIGTERM cancel the running command (up/master/agent stop cleanly, logs --follow ends);
// a second signal falls back to the default action so a stuck command can still be killed.
using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (!cancel.IsCancellationRequested)
    {
        context.Cancel = true;
        cancel.Cancel();
    }
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var app = SatamaApp.Create(CliEnvironment.FromProcess(AnsiConsole.Console));
return await app.RunAsync(args, cancel.Token);
