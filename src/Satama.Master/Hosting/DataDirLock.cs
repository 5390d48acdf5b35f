namespace Satama.Master.Hosting;

/// <summary>
/// Holds DATA/master.lock exclusively while the master runs: two masters on one SQLite file
/// would each believe their scheduler is the only one and place instances twice.
/// </summary>
internal sealed class DataDirLock : IDisposable
{
    public const string FileName = "master.lock";

    private readonly FileStream _file;

    private DataDirLock(FileStream file) => _file = file;

    /// <exception cref="IOException">Another master holds the data dir.</exception>
    public static DataDirLock Acquire(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            file.Flush();
            return new DataDirLock(file);
        }
        catch (IOException e)
        {
            throw new IOException($"data dir {dataDir} is in use by another master ({path} is locked)", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
