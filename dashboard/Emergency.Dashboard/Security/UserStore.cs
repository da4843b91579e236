using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace Emergency.Dashboard.Security;

/// <summary>
/// Local accounts in a JSON file (<c>{data}/security/users.json</c>), replaced atomically on every change. In
/// development mode the demo users live in memory only, so they never reach a file a production start would read.
/// </summary>
public sealed class UserStore
{
    /// <summary>Password of every demo user (development mode only).</summary>
    public const string DemoPassword = "demo";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly PasswordHasher<UserAccount> _hasher = new();
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly Dictionary<string, UserAccount> _demo = new(StringComparer.Ordinal);
    private Dictionary<string, UserAccount> _accounts;
    private DateTime _loadedWriteTime;

    public UserStore(string path, bool seedDemoUsers)
    {
        _path = path;
        _accounts = Load(path);
        _loadedWriteTime = WriteTime(path);
        if (seedDemoUsers)
        {
            foreach (var (name, role, scope) in DemoUsers)
            {
                var account = new UserAccount(name, role.ToCode(), scope, "", false, DateTimeOffset.UtcNow);
                _demo[name] = account with { PasswordHash = _hasher.HashPassword(account, DemoPassword) };
            }
        }
    }

    /// <summary>The demo users of development mode (password <see cref="DemoPassword"/>).</summary>
    public static IReadOnlyList<(string Name, Role Role, string[] Scope)> DemoUsers { get; } =
    [
        ("admin", Role.Admin, []),
        ("dispatch.sh", Role.Dispatcher, ["sh"]),
        ("ed.H-08", Role.Ed, ["H-08"]),
        ("crew.AMB-01", Role.Crew, ["AMB-01"]),
    ];

    public static string DefaultPath(string dataDirectory) => Path.Combine(dataDirectory, "security", "users.json");

    public string FilePath => _path;

    /// <summary>The account whose password matches, or null (unknown, disabled or wrong password: the caller cannot tell which).</summary>
    public UserAccess? Verify(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password)) return null;
        var account = Find(name);
        if (account is null || account.Disabled) return null;
        var result = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        return result == PasswordVerificationResult.Failed ? null : account.ToAccess();
    }

    /// <summary>The account as it stands now (a disabled one included), or null.</summary>
    public UserAccount? Find(string name)
    {
        lock (_gate)
        {
            RefreshIfChanged();
            return _accounts.TryGetValue(name, out var stored) ? stored : _demo.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<UserView> List()
    {
        lock (_gate)
        {
            RefreshIfChanged();
            return [.. _demo.Values.Where(d => !_accounts.ContainsKey(d.Name)).Select(d => UserView.From(d, demo: true))
                .Concat(_accounts.Values.Select(a => UserView.From(a, demo: false)))
                .OrderBy(u => u.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Adds an account; answers it with the password (generated when none was given), or the errors.</summary>
    public (UserView? User, string? Password, IReadOnlyList<string> Errors) Add(NewUser request)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return (null, null, errors);
        var password = request.Password ?? GeneratePassword();
        lock (_gate)
        {
            RefreshIfChanged();
            if (_accounts.ContainsKey(request.Name!) || _demo.ContainsKey(request.Name!))
            {
                return (null, null, [$"name: a user {request.Name} exists already"]);
            }
            var account = new UserAccount(request.Name!, RoleCodes.Parse(request.Role)!.Value.ToCode(), [.. request.Scope ?? []], "", false, DateTimeOffset.UtcNow);
            account = account with { PasswordHash = _hasher.HashPassword(account, password) };
            Save(new Dictionary<string, UserAccount>(_accounts, StringComparer.Ordinal) { [account.Name] = account });
            return (UserView.From(account, demo: false), password, []);
        }
    }

    /// <summary>Disables an account (kept, so the audit log's names stay resolvable); false when unknown.</summary>
    public bool Disable(string name)
    {
        lock (_gate)
        {
            RefreshIfChanged();
            if (_accounts.TryGetValue(name, out var account))
            {
                Save(new Dictionary<string, UserAccount>(_accounts, StringComparer.Ordinal) { [name] = account with { Disabled = true } });
                return true;
            }
            if (_demo.TryGetValue(name, out var demo))
            {
                _demo[name] = demo with { Disabled = true };
                return true;
            }
            return false;
        }
    }

    /// <summary>24 characters from a cryptographic generator, shown once.</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 24);

    private void Save(Dictionary<string, UserAccount> accounts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal), Json));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, _path, overwrite: true);
        _accounts = accounts;
        _loadedWriteTime = WriteTime(_path);
    }

    /// <summary>The command line (<c>users add</c>, <c>users disable</c>) may change the file while the host runs.</summary>
    private void RefreshIfChanged()
    {
        var written = WriteTime(_path);
        if (written == _loadedWriteTime) return;
        _accounts = Load(_path);
        _loadedWriteTime = written;
    }

    private static DateTime WriteTime(string path) => File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;

    private static Dictionary<string, UserAccount> Load(string path)
    {
        if (!File.Exists(path)) return new(StringComparer.Ordinal);
        var accounts = JsonSerializer.Deserialize<List<UserAccount>>(File.ReadAllText(path), Json)
            ?? throw new InvalidOperationException($"{path}: not a list of accounts");
        return accounts.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }
}
