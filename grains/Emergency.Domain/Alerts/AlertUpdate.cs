using System.Collections.Immutable;

namespace Emergency.Domain.Alerts;

/// <summary>What one call on <see cref="AlertStateMachine"/> did: the events in the order they happened, and the outcome.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.AlertUpdate")]
public sealed record AlertUpdate
{
    /// <summary>Nothing happened.</summary>
    public static readonly AlertUpdate None = new();

    [Id(0)] private readonly ImmutableArray<AlertEvent> _events = [];

    /// <summary>The events, oldest first; never default.</summary>
    public ImmutableArray<AlertEvent> Events
    {
        get => _events.IsDefault ? [] : _events;
        init => _events = value.IsDefault ? [] : value;
    }

    [Id(1)] public AlertCommandStatus Status { get; init; }

    /// <summary>Why the call failed, for people; null on success.</summary>
    [Id(2)] public string? Error { get; init; }

    /// <summary><see cref="AlertCommandStatus.Ok"/> or <see cref="AlertCommandStatus.AlreadyAcknowledged"/> (idempotent).</summary>
    public bool Succeeded => Status is AlertCommandStatus.Ok or AlertCommandStatus.AlreadyAcknowledged;

    /// <summary>Something changed.</summary>
    public bool HasEvents => !Events.IsEmpty;

    internal static AlertUpdate Failed(AlertCommandStatus status, string error) => new() { Status = status, Error = error };
}
