using System.Text.Json;

namespace Emergency.History;

/// <summary>
/// Append-only JSON-lines file of the lines a database rejected. Each record is
/// <c>{"time":"…","database":"…","error":"…","line":"…"}</c> and is flushed to disk before the write that produced
/// it reports success, since after that the caller's cursor moves past the point and this file is its only record.
/// A batch replayed after a failure may record the same line again.
/// </summary>
internal sealed class DeadLetterFile
{
    private readonly string _path;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public DeadLetterFile(string path)
    {
        _path = System.IO.Path.GetFullPath(path);
    }

    public string Path => _path;

    public async Task AppendAsync(DateTimeOffset time, string database, string error, string line, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", time);
            json.WriteString("database", database);
            json.WriteString("error", error);
            json.WriteString("line", line);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var dir = System.IO.Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
            await using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
            await file.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            _lock.Release();
        }
    }
}
