using System.Text;
using Satama.Core.Model;

namespace Satama.Cli.Hosting;

/// <summary>The default node name: the host name, made a valid Satama name.</summary>
internal static class NodeNames
{
    public static string FromHostName() => Sanitize(Environment.MachineName);

    public static string Sanitize(string host)
    {
        // "Build-Box_01.example.com" -> "build-box-01": names become container and DNS labels.
        var label = host.Split('.')[0].ToLowerInvariant();
        var sb = new StringBuilder();
        foreach (var c in label)
        {
            sb.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-');
        }
        var name = sb.ToString().Trim('-');
        if (name.Length > Names.MaxLength)
        {
            name = name[..Names.MaxLength].TrimEnd('-');
        }
        return name.Length == 0 ? "node" : name;
    }
}
