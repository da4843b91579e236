namespace Emergency.Journal.Tests;

public sealed class CursorStoreTests
{
    [Fact]
    public async Task Committed_cursors_are_there_after_reopening()
    {
        using var temp = new TempDirectory();
        await using (var journal = await Journals.OpenAsync(temp.Journal))
        {
            Assert.Equal(0, journal.Cursors.Get("history-influx"));
            Assert.False(journal.Cursors.TryGet("history-influx", out _));

            await journal.Cursors.CommitAsync("history-influx", 1234);
            await journal.Cursors.CommitAsync("replay", 99);
            await journal.Cursors.CommitAsync("replay", 4321);
            Assert.Equal(4321, journal.Cursors.Get("replay"));
        }

        await using (var journal = await Journals.OpenAsync(temp.Journal))
        {
            Assert.Equal(1234, journal.Cursors.Get("history-influx"));
            Assert.Equal(4321, journal.Cursors.Get("replay"));
            Assert.Equal(0, journal.Cursors.Get("history-sqlite"));
            Assert.Equal(2, journal.Cursors.GetAll().Count);
        }

        var store = JournalCursorStore.Open(temp.Journal);
        Assert.Equal(1234, store.Get("history-influx"));
    }

    [Fact]
    public async Task A_stale_temp_file_from_an_unfinished_commit_is_ignored()
    {
        using var temp = new TempDirectory();
        var store = JournalCursorStore.Open(temp.Journal);
        await store.CommitAsync("replay", 100);
        string folder = Path.Combine(temp.Journal, JournalCursorStore.DirectoryName);
        string stale = Path.Combine(folder, "replay.pos.tmp");
        await File.WriteAllTextAsync(stale, "999\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "history-influx.pos.tmp"), "5");

        var reopened = JournalCursorStore.Open(temp.Journal);

        Assert.Equal(100, reopened.Get("replay"));
        Assert.False(reopened.TryGet("history-influx", out _));
        Assert.False(File.Exists(stale));
        Assert.Equal("100\n", await File.ReadAllTextAsync(Path.Combine(folder, "replay.pos")));
    }

    [Fact]
    public async Task An_unreadable_cursor_starts_from_the_beginning_rather_than_skip()
    {
        using var temp = new TempDirectory();
        var store = JournalCursorStore.Open(temp.Journal);
        await store.CommitAsync("replay", 100);
        await File.WriteAllTextAsync(Path.Combine(temp.Journal, JournalCursorStore.DirectoryName, "replay.pos"), "1x");

        var reopened = JournalCursorStore.Open(temp.Journal);

        Assert.True(reopened.TryGet("replay", out long position));
        Assert.Equal(0, position);
    }

    [Fact]
    public async Task Register_creates_a_cursor_at_zero_and_remove_deletes_it()
    {
        using var temp = new TempDirectory();
        var store = JournalCursorStore.Open(temp.Journal);

        await store.RegisterAsync("history-sqlite");
        await store.CommitAsync("replay", 50);
        await store.RegisterAsync("replay"); // already there: unchanged
        Assert.Equal(0, JournalCursorStore.Open(temp.Journal).Get("history-sqlite"));
        Assert.Equal(50, store.Get("replay"));
        Assert.Equal(0, store.Minimum());

        await store.RemoveAsync("history-sqlite");
        Assert.False(JournalCursorStore.Open(temp.Journal).TryGet("history-sqlite", out _));
        Assert.Equal(50, store.Minimum());
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("name with space")]
    public void Names_that_are_not_plain_file_names_are_refused(string name)
    {
        using var temp = new TempDirectory();
        var store = JournalCursorStore.Open(temp.Journal);
        Assert.Throws<ArgumentException>(() => store.Get(name));
    }
}
