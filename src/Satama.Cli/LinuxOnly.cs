using System.Runtime.Versioning;

// Satama runs on Linux hosts (Docker Engine, unix sockets, 0600 files, POSIX signals).
[assembly: SupportedOSPlatform("linux")]
