namespace Satama.Agent.MasterLink;

/// <summary>
/// DATA/node-credential (mode 0600): the credential the master gave this node in its first Welcome.
/// While it exists the agent presents it instead of the grid token; a node removed from its grid
/// is then refused. Deleting the file lets the agent join again with a current grid token.
/// </summary>
internal sealed class NodeCredentialFile(string dataDir)
{
    public const string FileName = "node-credential";

    public string Path { get; } = System.IO.Path.Combine(dataDir, FileName);

    /// <summary>The saved credential, or "" when the node has none yet.</summary>
    public string Read() => File.Exists(Path) ? File.ReadAllText(Path).Trim() : "";

    public void Save(string credential)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(credential + "\n");
        }
        File.Move(temporary, Path, overwrite: true);
    }
}
