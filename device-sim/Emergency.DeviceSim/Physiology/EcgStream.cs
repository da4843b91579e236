using System.Buffers;
using Emergency.DeviceSim.Wire;
using Emergency.Domain.Ecg.Synthesis;
using Emergency.Domain.Ecg.Wire;

namespace Emergency.DeviceSim.Physiology;

/// <summary>
/// An ambulance monitor's live 12-lead ECG: 250 ms blocks (125 samples per lead at 500 Hz, 2.5 µV per LSB) from the
/// synthetic model (<see cref="SyntheticEcg"/>), at the patient's heart rate, with noise and baseline wander; a
/// patient with an inferior STEMI shows ST elevation in II, III and aVF. Frames carry their own u32 seq.
/// </summary>
internal sealed class EcgStream(int seed)
{
    public const int SampleRateHz = 500;
    public const int SamplesPerBlock = 125;
    public static readonly TimeSpan BlockLength = TimeSpan.FromMilliseconds(250);

    private SyntheticEcg? _model;
    private double _modelRate;
    private bool _modelStemi;
    private uint _seq;
    private DateTimeOffset? _next;
    private int _seed = seed;

    /// <summary>Appends every block due by <paramref name="now"/> to <paramref name="output"/>.</summary>
    public void Emit(DateTimeOffset now, double heartRate, bool stemi, string topic, ICollection<OutboundFrame> output)
    {
        var rate = Math.Clamp(heartRate, 30, 220);
        if (_model is null || Math.Abs(rate - _modelRate) > 3 || stemi != _modelStemi)
        {
            _model = new SyntheticEcg(new SyntheticEcgOptions
            {
                HeartRateBpm = rate, NoiseMv = 0.02, BaselineWanderMv = 0.05, RrVariability = 0.01, Seed = _seed++,
                StDeviationMv = stemi ? SyntheticEcgOptions.Inferior(0.25) : new Dictionary<EcgLead, double>(),
            });
            (_modelRate, _modelStemi) = (rate, stemi);
        }
        _next ??= now - BlockLength;
        // After a long pause (a stopped simulator) do not send a burst of the past: start again now.
        if (now - _next > TimeSpan.FromSeconds(5)) _next = now - BlockLength;
        while (_next.Value + BlockLength <= now)
        {
            var block = _model.NextBlock(_seq++, _next.Value.ToUnixTimeMilliseconds(), SamplesPerBlock);
            var bytes = EcgFrameEncoder.Encode(block);
            var rented = ArrayPool<byte>.Shared.Rent(bytes.Length);
            bytes.CopyTo(rented, 0);
            output.Add(new OutboundFrame(topic, block.Seq, FrameKind.Ecg, rented, bytes.Length));
            _next = _next.Value + BlockLength;
        }
    }
}
