using Emergency.DeviceSim.Transport;
using Emergency.DeviceSim.Wire;

namespace Emergency.DeviceSim.Tests;

public class FrameBufferTests
{
    private static OutboundFrame Frame(long seq) =>
        new FrameEncoder().Status("t", seq, TestSupport.T0, Domain.Ambulances.AmbulanceStatus.Available, null);

    private static List<long> Drain(FrameBuffer buffer)
    {
        var seqs = new List<long>();
        while (buffer.TryDequeue(out var f))
        {
            seqs.Add(f.Seq);
            f.Release();
        }

        return seqs;
    }

    [Fact]
    public void Keeps_order()
    {
        var buffer = new FrameBuffer(100);
        for (var i = 1; i <= 50; i++)
        {
            buffer.Enqueue(Frame(i));
        }

        Assert.Equal(50, buffer.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), Drain(buffer));
        Assert.Equal(0, buffer.Dropped);
    }

    [Fact]
    public void Is_bounded_drops_the_oldest_and_counts_them()
    {
        var buffer = new FrameBuffer(10);
        var frames = Enumerable.Range(1, 25).Select(i => Frame(i)).ToList();
        frames.ForEach(buffer.Enqueue);

        Assert.Equal(10, buffer.Count);
        Assert.Equal(15, buffer.Dropped);
        Assert.All(frames.Take(15), f => Assert.True(f.IsReleased, "dropped frames go back to the pool"));
        Assert.Equal(Enumerable.Range(16, 10).Select(i => (long)i), Drain(buffer));
    }

    [Fact]
    public void Drop_newest_keeps_the_start_of_the_outage_and_counts_the_refused()
    {
        var buffer = new FrameBuffer(10, BufferPolicy.DropNewest);
        var frames = Enumerable.Range(1, 25).Select(i => Frame(i)).ToList();
        frames.ForEach(buffer.Enqueue);

        Assert.Equal(10, buffer.Count);
        Assert.Equal(15, buffer.Dropped);
        Assert.All(frames.Skip(10), f => Assert.True(f.IsReleased, "refused frames go back to the pool"));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), Drain(buffer));
    }

    [Fact]
    public void A_frame_returned_to_a_full_buffer_follows_the_policy()
    {
        // Drop-oldest: the returned frame is the oldest, so it is the one dropped.
        var oldest = new FrameBuffer(3);
        new[] { 1, 2, 3 }.Select(i => Frame(i)).ToList().ForEach(oldest.Enqueue);
        oldest.TryDequeue(out var inFlight);
        oldest.Enqueue(Frame(4));
        oldest.ReturnToFront(inFlight);
        Assert.True(inFlight.IsReleased);
        Assert.Equal(1, oldest.Dropped);
        Assert.Equal([2L, 3L, 4L], Drain(oldest));

        // Drop-newest: the returned frame goes back in front and the newest buffered frame makes room.
        var newest = new FrameBuffer(3, BufferPolicy.DropNewest);
        new[] { 1, 2, 3 }.Select(i => Frame(i)).ToList().ForEach(newest.Enqueue);
        newest.TryDequeue(out var sending);
        var fourth = Frame(4);
        newest.Enqueue(fourth);
        newest.ReturnToFront(sending);
        Assert.False(sending.IsReleased);
        Assert.True(fourth.IsReleased);
        Assert.Equal(1, newest.Dropped);
        Assert.Equal([1L, 2L, 3L], Drain(newest));
    }

    [Fact]
    public void Default_policy_drops_the_oldest() => Assert.Equal(BufferPolicy.DropOldest, new SimulationOptions().BufferPolicy);

    [Fact]
    public void Default_bound_is_ten_thousand_frames_per_device()
    {
        var buffer = new FrameBuffer(new SimulationOptions().BufferCapacity);
        for (var i = 1; i <= 10_500; i++)
        {
            buffer.Enqueue(Frame(i));
        }

        Assert.Equal(10_000, buffer.Count);
        Assert.Equal(500, buffer.Dropped);
        Assert.True(buffer.TryDequeue(out var first));
        Assert.Equal(501, first.Seq);
        first.Release();
        buffer.Clear();
    }

    [Fact]
    public void A_failed_frame_goes_back_to_the_front()
    {
        var buffer = new FrameBuffer(10);
        for (var i = 1; i <= 5; i++)
        {
            buffer.Enqueue(Frame(i));
        }

        Assert.True(buffer.TryDequeue(out var inFlight));
        buffer.Enqueue(Frame(6));
        buffer.ReturnToFront(inFlight);

        Assert.Equal([1, 2, 3, 4, 5, 6], Drain(buffer));
    }

    [Fact]
    public void A_failed_frame_is_dropped_if_the_buffer_filled_meanwhile()
    {
        var buffer = new FrameBuffer(3);
        buffer.Enqueue(Frame(1));
        Assert.True(buffer.TryDequeue(out var inFlight));
        buffer.Enqueue(Frame(2));
        buffer.Enqueue(Frame(3));
        buffer.Enqueue(Frame(4));
        buffer.ReturnToFront(inFlight);

        Assert.True(inFlight.IsReleased);
        Assert.Equal(1, buffer.Dropped);
        Assert.Equal([2, 3, 4], Drain(buffer));
    }

    [Fact]
    public void Wraps_around_many_times()
    {
        var buffer = new FrameBuffer(7);
        var expected = 1L;
        for (var i = 1; i <= 1000; i++)
        {
            buffer.Enqueue(Frame(i));
            if (i % 5 == 0)
            {
                foreach (var seq in Drain(buffer))
                {
                    Assert.Equal(expected++, seq);
                }
            }
        }

        Assert.Equal(1001, expected);
        Assert.Equal(0, buffer.Dropped);
    }

    [Fact]
    public async Task Waiting_completes_when_a_frame_arrives()
    {
        var buffer = new FrameBuffer(4);
        var wait = buffer.WaitForFrameAsync(CancellationToken.None);
        Assert.False(wait.IsCompleted);

        buffer.Enqueue(Frame(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(buffer.WaitForFrameAsync(CancellationToken.None).IsCompleted);
        using var cts = new CancellationTokenSource();
        Drain(buffer);
        var cancelled = buffer.WaitForFrameAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }

    [Fact]
    public void Clear_releases_everything()
    {
        var buffer = new FrameBuffer(4);
        var frames = Enumerable.Range(1, 3).Select(i => Frame(i)).ToList();
        frames.ForEach(buffer.Enqueue);

        Assert.Equal(3, buffer.Clear());
        Assert.Equal(0, buffer.Count);
        Assert.All(frames, f => Assert.True(f.IsReleased));
    }
}
