using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A hospital's FHIR endpoint on a free loopback port: takes <c>PUT /fhir/Bundle/{id}</c>, keeps one document per id
/// (a second PUT of an id replaces it: 200; a new id: 201), and answers 503 to the first <see cref="FailFirst"/>
/// requests as a busy server would.
/// </summary>
public sealed class FhirReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;

    public sealed record Received(string Id, string Method, string ContentType, string Body, long AtTimestamp, int Answer);

    public FhirReceiver(int failFirst)
    {
        FailFirst = failFirst;
        Port = FreePorts.Take(1)[0];
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public int FailFirst { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/fhir";

    /// <summary>Every request, in order of arrival.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The stored documents by id: one per id however often it was sent.</summary>
    public ConcurrentDictionary<string, string> Documents { get; } = new();

    public async Task<Received> WaitForStored(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Requests.FirstOrDefault(r => r.Id == id && r.Answer is 200 or 201) is { } stored) return stored;
            await Task.Delay(20);
        }
        throw new TimeoutException($"no document {id} stored within {timeout}; received: {string.Join(", ", Requests.Select(r => $"{r.Id}:{r.Answer}"))}");
    }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var segments = context.Request.Url!.AbsolutePath.Trim('/').Split('/');
            var id = segments is ["fhir", "Bundle", var bundleId] ? bundleId : "";
            int answer;
            if (Interlocked.Increment(ref _requests) <= FailFirst) answer = 503;
            else if (context.Request.HttpMethod != "PUT" || id == "") answer = 400;
            else answer = Documents.TryAdd(id, body) ? 201 : Replace(id, body);
            Requests.Enqueue(new Received(id, context.Request.HttpMethod, context.Request.ContentType ?? "", body, Stopwatch.GetTimestamp(), answer));
            context.Response.StatusCode = answer;
            if (answer is 201) context.Response.Headers["Location"] = $"{BaseUrl}/Bundle/{id}/_history/1";
            context.Response.Close();
        }
    }

    private int Replace(string id, string body)
    {
        Documents[id] = body;
        return 200;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
    }
}
