using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.Journal;

/// <summary>
/// Named consumer cursors ("history-influx", "replay", …), each the position of the next record that consumer has
/// yet to handle. Kept in <c>cursors/{name}.pos</c> under the journal directory as decimal text. A commit writes a
/// temp file, fsyncs it, renames it over the old file and fsyncs the folder, so after a crash a cursor holds either
/// its old or its new value. A consumer commits only after it has durably handled the records before the position;
/// after a crash it then re-reads at most what it handled since its last commit (at-least-once).
/// </summary>
/// <remarks>
/// Every cursor in the store holds back retention (<see cref="JournalRetention"/>); a consumer that must not miss
/// records should <see cref="RegisterAsync"/> before retention may first run. A cursor may move backwards (to
/// re-process), but not before what retention has already deleted.
/// </remarks>
public sealed partial class JournalCursorStore
{
    public const string DirectoryName = "cursors";

    private const string Extension = ".pos";
    private const string TempExtension = ".pos.tmp";

    private readonly string _folder;
    private readonly bool _fsync;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, long> _positions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _commitGate = new(1, 1);

    private JournalCursorStore(string journalDirectory, bool fsync, ILogger logger)
    {
        _folder = Path.Combine(journalDirectory, DirectoryName);
        _fsync = fsync;
        _logger = logger;
    }

    /// <summary>Loads the cursors of the journal in <paramref name="journalDirectory"/>.</summary>
    /// <param name="fsync">False skips fsyncs (benchmarks only).</param>
    public static JournalCursorStore Open(string journalDirectory, ILogger? logger = null, bool fsync = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(journalDirectory);
        var store = new JournalCursorStore(journalDirectory, fsync, logger ?? NullLogger.Instance);
        store.Load();
        return store;
    }

    /// <summary>The cursor's position; 0 (the oldest record kept) for a cursor never committed.</summary>
    public long Get(string name)
    {
        CheckName(name);
        return _positions.TryGetValue(name, out long position) ? position : 0;
    }

    public bool TryGet(string name, out long position)
    {
        CheckName(name);
        return _positions.TryGetValue(name, out position);
    }

    /// <summary>All cursors and their positions.</summary>
    public IReadOnlyDictionary<string, long> GetAll() => new Dictionary<string, long>(_positions, StringComparer.Ordinal);

    /// <summary>Durably sets the cursor (creating it if new). Completes once the new value survives a power loss.</summary>
    public async ValueTask CommitAsync(string name, long position, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Write(name, position);
            _positions[name] = position;
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>Creates the cursor at 0 if it does not exist yet, so that retention keeps everything it has not read.</summary>
    public async ValueTask RegisterAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_positions.ContainsKey(name))
            {
                Write(name, 0);
                _positions[name] = 0;
            }
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>Deletes the cursor of a consumer that is gone, so that it no longer holds back retention.</summary>
    public async ValueTask RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            File.Delete(PathFor(name));
            if (_fsync && Directory.Exists(_folder))
            {
                DirectorySync.Flush(_folder);
            }

            _positions.TryRemove(name, out _);
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>The lowest cursor, or null when there is none.</summary>
    internal long? Minimum()
    {
        long? minimum = null;
        foreach (var (_, position) in _positions)
        {
            minimum = minimum is { } m ? Math.Min(m, position) : position;
        }

        return minimum;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ValidName();

    private static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Cursor name '{name}' is not 1–64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit.", nameof(name));
        }
    }

    private string PathFor(string name) => Path.Combine(_folder, name + Extension);

    private void Load()
    {
        if (!Directory.Exists(_folder))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(_folder))
        {
            string fileName = Path.GetFileName(file);
            if (fileName.EndsWith(TempExtension, StringComparison.Ordinal))
            {
                // A commit that did not reach its rename: the value before it stands.
                File.Delete(file);
                JournalLog.StaleCursorTemp(_logger, file);
                continue;
            }

            if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            string name = fileName[..^Extension.Length];
            if (!ValidName().IsMatch(name))
            {
                continue;
            }

            string text = File.ReadAllText(file, Encoding.ASCII).Trim();
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long position))
            {
                _positions[name] = position;
            }
            else
            {
                // Starting over re-delivers records (duplicates); guessing a later position could lose some.
                JournalLog.CursorUnreadable(_logger, file, name);
                _positions[name] = 0;
            }
        }
    }

    private void Write(string name, long position)
    {
        if (!Directory.Exists(_folder))
        {
            Directory.CreateDirectory(_folder);
            if (_fsync && Path.GetDirectoryName(_folder) is { } parent)
            {
                DirectorySync.Flush(parent);
            }
        }

        string path = PathFor(name);
        string temp = Path.Combine(_folder, name + TempExtension);
        byte[] content = Encoding.ASCII.GetBytes(position.ToString(CultureInfo.InvariantCulture) + "\n");
        using (var file = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(file, content, 0);
            if (_fsync)
            {
                RandomAccess.FlushToDisk(file);
            }
        }

        File.Move(temp, path, overwrite: true);
        if (_fsync)
        {
            DirectorySync.Flush(_folder);
        }
    }
}
