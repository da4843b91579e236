using System.Collections.Immutable;
using Emergency.Domain.Alerts;

namespace Emergency.Grains.Patients.Ecg;

/// <summary>
/// Carries the ECG analysis's condition into every alert evaluation of the patient (vitals frames, context
/// changes, ECG reports alike), so that a vitals frame does not read as the ECG condition having gone. A report
/// older than <see cref="Freshness"/> no longer counts: the ECG stopped, and the alert's clear hold begins.
/// Not persisted: the analysis reports again within seconds.
/// </summary>
public sealed class EcgAlertInput
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private EcgAlertReport? _latest;

    public void Report(EcgAlertReport report)
    {
        if (_latest is null || report.At >= _latest.At)
        {
            _latest = report;
        }
    }

    public AlertInputs Into(AlertInputs inputs, DateTimeOffset now) =>
        _latest is { Condition: { } condition } latest && now - latest.At <= Freshness
            ? inputs with { AdditionalConditions = inputs.AdditionalConditions.Add(condition) }
            : inputs;
}
