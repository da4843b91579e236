using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Emergency.Handover.Fhir;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Handover.Delivery;

/// <summary>
/// Makes and delivers handover record versions. Requests are debounced per patient (<see cref="HandoverOptions.Debounce"/>;
/// immediate triggers skip it) and bounded (<see cref="HandoverOptions.QueueCapacity"/>). Each version is PUT to
/// <c>{endpoint}/Bundle/{id}</c> as <c>application/fhir+json</c>: the id names patient and version, so a resend
/// replaces the receiver's copy instead of adding a document. Server errors, timeouts and connection failures are
/// retried with exponential back-off and jitter; a newer version pending for the patient replaces the one retrying.
/// Every attempt is recorded in the patient's <see cref="IHandoverGrain"/> and told to <see cref="IHandoverNotifier"/>.
/// </summary>
public sealed class HandoverDispatcher(
    IGrainFactory grains,
    HandoverRecordSource source,
    IHttpClientFactory httpClients,
    IHandoverNotifier notifier,
    HandoverMetrics metrics,
    IOptions<HandoverOptions> options,
    TimeProvider time,
    ILogger<HandoverDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "handover";
    private readonly HandoverOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, HandoverTrigger> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perPatient = new(StringComparer.Ordinal);
    private readonly Channel<string> _due = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private SemaphoreSlim? _slots;

    /// <summary>
    /// Asks for a new version of <paramref name="patientId"/>'s record. Returns at once (grains call it through the
    /// push sink); false when the queue is full (counted and logged).
    /// </summary>
    public bool Request(string patientId, HandoverTrigger trigger)
    {
        if (_pending.TryGetValue(patientId, out var waiting))
        {
            if (trigger.Immediate && !waiting.Immediate && _pending.TryUpdate(patientId, trigger, waiting))
            {
                _due.Writer.TryWrite(patientId);
            }
            return true; // coalesced with the version already due
        }
        if (_pending.Count >= _options.QueueCapacity)
        {
            metrics.Refused.Add(1);
            logger.LogError("Handover queue full ({Capacity}): no new version for patient {PatientId} ({Reason})",
                _options.QueueCapacity, patientId, trigger.Reason);
            return false;
        }
        if (!_pending.TryAdd(patientId, trigger))
        {
            return true;
        }
        if (trigger.Immediate)
        {
            _due.Writer.TryWrite(patientId);
        }
        else
        {
            _ = Task.Delay(_options.Debounce, time).ContinueWith(_ => _due.Writer.TryWrite(patientId), TaskScheduler.Default);
        }
        return true;
    }

    /// <summary>Sends the current version again, unchanged (same id and bytes); null when none was made yet.</summary>
    public async Task<HandoverStatus?> Resend(string patientId, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IHandoverGrain>(patientId);
        if (await grain.GetCurrentDocument() is not { } document)
        {
            return null;
        }
        var gate = _perPatient.GetOrAdd(patientId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await Send(grain, document, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
        return await grain.GetStatus();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _slots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentDeliveries));
        await foreach (var patientId in _due.Reader.ReadAllAsync(stoppingToken))
        {
            if (!_pending.TryRemove(patientId, out var trigger))
            {
                continue; // already taken by an earlier signal
            }
            await _slots.WaitAsync(stoppingToken);
            _ = Task.Run(async () =>
            {
                try
                {
                    await Deliver(patientId, trigger, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Handover record for patient {PatientId} could not be made", patientId);
                }
                finally
                {
                    _slots.Release();
                }
            }, CancellationToken.None);
        }
    }

    private async Task Deliver(string patientId, HandoverTrigger trigger, CancellationToken cancellationToken)
    {
        var gate = _perPatient.GetOrAdd(patientId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var grain = grains.GetGrain<IHandoverGrain>(patientId);
            var probe = await source.Gather(patientId, 0, time.GetUtcNow());
            if (probe?.Patient.Destination is not { } destination)
            {
                return;
            }
            if (_options.EndpointOf(destination.HospitalId) is not { } endpoint)
            {
                notifier.Updated(await grain.MarkNotConfigured(probe.Patient.Region, destination.HospitalId));
                return;
            }
            var version = await grain.NextVersion();
            var now = time.GetUtcNow();
            var input = probe with { Version = version, IssuedAt = now };
            var bundle = BundleBuilder.Build(input);
            var document = new HandoverDocument(version, StableIds.DocumentId(patientId, version), destination.HospitalId, endpoint, FhirJson.Serialize(bundle));
            metrics.Versions.Add(1);
            notifier.Updated(await grain.BeginDelivery(input.Patient.Region, document, trigger.Reason, input.TransferOfCareAt is not null));
            await Send(grain, document, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task Send(IHandoverGrain grain, HandoverDocument document, CancellationToken cancellationToken)
    {
        var patientId = grain.GetPrimaryKeyString();
        var maxAttempts = Math.Max(1, _options.MaxAttempts);
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var (status, location, error) = await Put(document, cancellationToken);
            var retryable = error is not null && (status is null || RetryBackoff.IsRetryable(status.Value));
            var superseded = _pending.ContainsKey(patientId);
            var willRetry = retryable && attempt < maxAttempts && !superseded;
            var recorded = await grain.RecordAttempt(document.Version, new DeliveryAttempt(time.GetUtcNow(), status, location, error, willRetry));
            notifier.Updated(recorded);
            if (error is null)
            {
                metrics.Delivered.Add(1);
                logger.LogInformation("Handover record {DocumentId} for patient {PatientId} delivered to {HospitalId}: {Status}",
                    document.DocumentId, patientId, document.HospitalId, status);
                return;
            }
            if (!willRetry)
            {
                if (superseded && retryable && attempt < maxAttempts)
                {
                    logger.LogInformation("Handover record {DocumentId} superseded by a newer version before delivery", document.DocumentId);
                    return;
                }
                metrics.Failed.Add(1);
                logger.LogError("Handover record {DocumentId} for patient {PatientId} NOT delivered to {HospitalId} after {Attempts} attempt(s): {Error}",
                    document.DocumentId, patientId, document.HospitalId, attempt, error);
                return;
            }
            metrics.Retries.Add(1);
            var delay = RetryBackoff.Delay(attempt, _options.RetryBaseDelay, _options.MaxRetryDelay, Random.Shared.NextDouble());
            logger.LogWarning("Handover record {DocumentId} attempt {Attempt} failed ({Error}); retrying in {Delay}", document.DocumentId, attempt, error, delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<(int? Status, string? Location, string? Error)> Put(HandoverDocument document, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            var http = httpClients.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Put, $"{document.Endpoint}/Bundle/{document.DocumentId}")
            {
                Content = new StringContent(document.Json, Encoding.UTF8, FhirJson.MediaType),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson.MediaType));
            using var response = await http.SendAsync(request, timeout.Token);
            var code = (int)response.StatusCode;
            var location = response.Headers.Location?.ToString() ?? response.Content.Headers.ContentLocation?.ToString();
            return response.IsSuccessStatusCode
                ? (code, location, null)
                : (code, location, $"receiver answered {code} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, $"no answer within {_options.RequestTimeout}");
        }
        catch (HttpRequestException ex)
        {
            return (null, null, $"cannot reach the receiver: {ex.Message}");
        }
    }
}
