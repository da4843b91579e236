using System.Net;
using System.Text;
using System.Text.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>
/// Each person of <see cref="SecurityTable.People"/> against each endpoint and hub method, through a real HTTP and
/// SignalR client against a host in production security mode; then the audit log holds an entry for each allowed read.
/// </summary>
[Collection(SecurityHostCollection.Name)]
[TestCaseOrderer("Emergency.EndToEnd.Tests.Security.AuditLastOrderer", "Emergency.EndToEnd.Tests")]
public sealed class AccessTableEndToEndTests(SecurityHostFixture fx)
{
    private string Fill(string text) => text.Replace("{P}", fx.PatientId).Replace("{U}", fx.Unit);

    [Theory]
    [MemberData(nameof(SecurityTable.HttpCases), MemberType = typeof(SecurityTable))]
    public async Task Endpoint_answers_each_person_as_the_table_says(string person, int row, string endpoint)
    {
        var spec = SecurityTable.Http[row];
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fx.Host.BaseAddress };
        if (await fx.TokenFor(person) is { } token) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var request = new HttpRequestMessage(new HttpMethod(spec.Method), Fill(spec.Path));
        if (spec.Body is { } body)
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8, body.StartsWith('<') ? "application/xml" : "application/json");
        }

        using var response = await client.SendAsync(request);

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (person == SecurityTable.Anonymous && !spec.Who.Contains(person))
        {
            Assert.True(status == spec.Anonymous, $"{endpoint} unauthenticated: expected {spec.Anonymous}, got {status} {text}");
            if (status == 302) Assert.StartsWith("/login?returnUrl=", response.Headers.Location?.OriginalString);
        }
        else if (spec.Who.Contains(person))
        {
            Assert.True(spec.Allowed.Contains(status), $"{endpoint} as {person}: expected {string.Join("/", spec.Allowed)}, got {status} {text}");
        }
        else
        {
            Assert.True(status == 403, $"{endpoint} as {person}: expected 403, got {status} {text}");
            Assert.Contains("forbidden", text);
        }
    }

    [Theory]
    [MemberData(nameof(SecurityTable.HubCases), MemberType = typeof(SecurityTable))]
    public async Task Hub_method_is_allowed_or_refused_as_the_table_says(string person, int row, string method)
    {
        var spec = SecurityTable.Hub[row];
        await using var hub = fx.Host.LiveHub(await fx.TokenFor(person));
        await hub.StartAsync();

        Exception? refused = null;
        try
        {
            await hub.InvokeCoreAsync(spec.Method, typeof(object), [.. spec.Args.Select(Fill)]);
        }
        catch (HubException ex)
        {
            refused = ex;
        }

        if (spec.Who.Contains(person))
        {
            Assert.False(refused?.Message.Contains("forbidden") == true, $"{method} as {person}: refused ({refused?.Message})");
        }
        else
        {
            Assert.True(refused?.Message.Contains("forbidden") == true, $"{method} as {person}: expected forbidden, got {refused?.Message ?? "success"}");
        }
    }

    [Fact]
    public async Task Hub_refuses_a_connection_without_credentials()
    {
        await using var hub = fx.Host.LiveHub(token: null);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    /// <summary>Runs after the table (see <see cref="AuditLastOrderer"/>): every allowed read and action on the patient was audited.</summary>
    [Fact]
    public async Task Zz_audit_log_has_an_entry_for_each_allowed_access_to_the_patient_and_each_refusal()
    {
        using var admin = fx.Host.ClientWith(await fx.TokenFor("admin"));
        var entries = Parse(await admin.GetStringAsync($"/api/audit?patientId={fx.PatientId}&limit=10000")).EnumerateArray().ToList();

        bool Has(string user, string action, string outcome) => entries.Any(e =>
            e.GetProperty("user").GetString() == user && e.GetProperty("action").GetString() == action && e.GetProperty("outcome").GetString() == outcome);

        var missing = new List<string>();
        foreach (var row in SecurityTable.Http.Where(r => r.AuditAction is not null))
        {
            foreach (var person in SecurityTable.People.Where(p => p != SecurityTable.Anonymous))
            {
                var name = fx.People[person].Name;
                var outcome = row.Who.Contains(person) ? "allowed" : "refused";
                if (!Has(name, row.AuditAction!, outcome)) missing.Add($"{row} {person} {outcome}");
            }
        }
        foreach (var row in SecurityTable.Hub.Where(r => r.AuditAction is not null))
        {
            foreach (var person in SecurityTable.People.Where(p => p != SecurityTable.Anonymous))
            {
                var outcome = row.Who.Contains(person) ? "allowed" : "refused";
                if (!Has(fx.People[person].Name, row.AuditAction!, outcome)) missing.Add($"hub {row} {person} {outcome}");
            }
        }
        Assert.True(missing.Count == 0, "not audited:\n" + string.Join("\n", missing));

        // Each entry says from where and when; the list reads are audited per patient too.
        var read = entries.First(e => e.GetProperty("action").GetString() == "patient.read" && e.GetProperty("outcome").GetString() == "allowed");
        Assert.Equal("127.0.0.1", read.GetProperty("remoteAddress").GetString());
        Assert.InRange(read.GetProperty("at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Contains(entries, e => e.GetProperty("target").GetString() == "GET /api/patients (list)"
            && e.GetProperty("user").GetString() == fx.People["ed of H"].Name);
        Assert.Contains(entries, e => e.GetProperty("outcome").GetString() == "refused" && e.GetProperty("status").GetInt32() == 403);

        // Non-admins may not read the audit log at all.
        using var ed = fx.Host.ClientWith(await fx.TokenFor("ed of H"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ed.GetAsync("/api/audit")).StatusCode);
    }
}
