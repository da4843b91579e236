namespace Emergency.Domain.Alerts;

/// <summary>
/// Everything <see cref="AlertStateMachine"/> remembers about one patient, apart from its options: persist this
/// (Orleans serializer) and hand it back to resume where the machine left off.
/// </summary>
/// <remarks>Owned by one machine at a time; read it, do not change it.</remarks>
[GenerateSerializer, Alias("Emergency.AlertMachineState")]
public sealed class AlertMachineState
{
    // Every retained alert, oldest (lowest sequence) first; open ones are never dropped.
    [Id(0)] private List<Alert> _alerts = [];

    /// <param name="patientId">The patient the alerts are about; also part of every alert id.</param>
    public AlertMachineState(string patientId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        PatientId = patientId;
    }

    [Id(1)] public string PatientId { get; private set; }

    /// <summary>The sequence number the next alert gets.</summary>
    [Id(2)] public long NextSequence { get; internal set; } = 1;

    /// <summary>Rises by one with every call that produced events: persist when it moved.</summary>
    [Id(3)] public long Version { get; internal set; }

    /// <summary>The latest time the machine was called with; an earlier time is taken as this one.</summary>
    [Id(4)] public DateTimeOffset? Clock { get; internal set; }

    /// <summary>The retained alerts, oldest first.</summary>
    public IReadOnlyList<Alert> Alerts => _alerts;

    internal List<Alert> MutableAlerts => _alerts;
}
