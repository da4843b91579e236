namespace Emergency.Dashboard.Security;

/// <summary>
/// <c>dotnet run --project dashboard/Emergency.Dashboard -- users add --name ed.chen --role ed --hospital H-08</c>
/// (prints a generated password once; <c>--region</c>, <c>--unit</c> for the other roles), <c>users list</c>,
/// <c>users disable --name ed.chen</c>. Works on the data folder's account file (<c>Data:Directory</c>), also while the
/// host runs.
/// </summary>
public static class UserCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "users";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var dataDirectory = Option(args, "--data") ?? configuration.GetValue("Data:Directory", "data")!;
        var store = new UserStore(UserStore.DefaultPath(dataDirectory), seedDemoUsers: false);
        switch (args.ElementAtOrDefault(1))
        {
            case "add":
            {
                var scope = Options(args, "--hospital").Concat(Options(args, "--region")).Concat(Options(args, "--unit")).ToList();
                var (user, password, errors) = store.Add(new NewUser(Option(args, "--name"), Option(args, "--role"), scope, Option(args, "--password")));
                if (user is null)
                {
                    foreach (var e in errors) error.WriteLine(e);
                    return 2;
                }
                output.WriteLine($"added {user.Name} ({user.Role}{(user.Scope.Count > 0 ? " of " + string.Join(", ", user.Scope) : "")}) to {store.FilePath}");
                if (Option(args, "--password") is null) output.WriteLine($"password (shown once): {password}");
                return 0;
            }
            case "list":
                foreach (var u in store.List())
                {
                    output.WriteLine($"{u.Name}\t{u.Role}\t{string.Join(",", u.Scope)}\t{(u.Disabled ? "disabled" : "active")}\t{u.CreatedAt:O}");
                }
                return 0;
            case "disable":
                if (Option(args, "--name") is not { } name)
                {
                    error.WriteLine("users disable --name NAME");
                    return 2;
                }
                if (!store.Disable(name))
                {
                    error.WriteLine($"no user {name} in {store.FilePath}");
                    return 1;
                }
                output.WriteLine($"disabled {name}");
                return 0;
            default:
                error.WriteLine("""
                    usage: users add --name NAME --role ed|dispatcher|crew|admin [--hospital H]... [--region R]... [--unit U] [--password P]
                           users list
                           users disable --name NAME
                    (accounts in {Data:Directory}/security/users.json; --data DIR for another data folder)
                    """);
                return 2;
        }
    }

    private static string? Option(string[] args, string name) => Options(args, name).FirstOrDefault();

    private static IEnumerable<string> Options(string[] args, string name)
    {
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == name) yield return args[i + 1];
        }
    }
}
