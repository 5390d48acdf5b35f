using System.Runtime.Versioning;

// The CLI is Linux-only (0600 files, signals, unix sockets); so are its tests.
[assembly: SupportedOSPlatform("linux")]
