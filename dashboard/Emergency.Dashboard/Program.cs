using Emergency.Dashboard.Api;
using Emergency.Dashboard.Cluster;
using Emergency.Dashboard.Demo;
using Emergency.Dashboard.Health;
using Emergency.Dashboard.Live;
using Emergency.Dashboard.Metrics;
using Emergency.Dashboard.Regions;
using Emergency.Dashboard.Security;
using Emergency.Grains.Hosting;
using Emergency.Handover;
using Emergency.Ingest.Ecg;
using Emergency.Ingest.Hosting;
using Emergency.Ingest.Security;

// `devices add|revoke|rotate|list` manages the device registry and exits; it needs no silo or web server.
if (DevicesCommand.IsInvoked(args))
{
    var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
    Environment.ExitCode = DevicesCommand.Run(args, configuration, Console.Out, Console.Error);
    return;
}

// `users add|list|disable`: manage local accounts, then exit.
if (UserCommand.Matches(args))
{
    Environment.ExitCode = UserCommand.Run(args, Console.Out, Console.Error);
    return;
}

// `cluster setup`: Orleans' tables in PostgreSQL for a cluster (idempotent), then exit.
if (ClusterCommand.Matches(args))
{
    Environment.ExitCode = await ClusterCommand.RunAsync(args, Console.Out, Console.Error);
    return;
}

// A bare --demo is a switch, not a key=value pair: take it out before configuration reads the arguments.
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());

builder.AddPeopleSecurity(args);                               // sign-in, roles and scopes, audit, HTTP hardening (Security:*)
builder.AddEmergencySilo();                                    // Orleans silo: patients, ambulances, hospitals, regions
builder.AddRegionData();                                       // region file → hospital grains (Regions:File)
builder.Services.AddIngestJournalAndHistory(builder.Configuration); // durable journal → vitals history
builder.Services.AddJournalReplay(builder.Configuration);      // grain state: replay the journal since the snapshot checkpoint (Persistence:*)
builder.Services.AddDeviceSecurity(builder.Configuration);     // device registry, broker authentication, topic ACLs, rate limits
builder.Services.AddMqttIngest(builder.Configuration);         // MQTT broker → decode → grains → journal
builder.Services.AddEcgIngest(builder.Configuration);          // ECG frames → journal, {data}/ecg.db, 60 s rings (Ecg:*)
builder.Services.AddLivePush(builder.Configuration);           // SignalR hub + coalesced pushes
builder.Services.AddEcgLivePush();                             // live ECG strip: blocks only to its viewers, bounded per viewer
builder.Services.AddHandover(builder.Configuration);           // FHIR handover record → hospitals (Handover:*), EDXL-HAVE
builder.Services.AddEmergencyMetrics();                        // GET /metrics
builder.AddDemoSimulation(args);                               // --demo: simulated ambulances and wearables

var app = builder.Build();

app.UsePeopleSecurity();                                       // problem details, headers, limits, sign-in, access table, audit
app.UseStateWriteFailures();                                   // a change that could not be stored: 503, nothing changed

app.UseDefaultFiles();
app.UseStaticFiles();
app.MapPeopleSecurityApi();                                    // /login, /api/auth/token, /api/users, /api/audit
app.MapPatientApi();
app.MapHistoryApi();
app.MapEcgApi();
app.MapAlertApi();
app.MapEdSeenApi();
app.MapHospitalApi();
app.MapDispatchApi();
app.MapAmbulanceApi();
app.MapBoardSettingsApi();
app.MapHandoverApi();
app.MapLiveHub();
app.MapHealthEndpoints();
app.MapPages();
app.MapMetricsEndpoint();

app.Run();
