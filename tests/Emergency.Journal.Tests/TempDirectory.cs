namespace Emergency.Journal.Tests;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Root = Directory.CreateTempSubdirectory("emergency-journal-").FullName;

    public string Root { get; }

    /// <summary>The journal folder inside it (created by the journal itself).</summary>
    public string Journal => Path.Combine(Root, "journal");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A handle still closing; the OS cleans temp eventually.
        }
    }
}
