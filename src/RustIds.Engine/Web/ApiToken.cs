using System.Security.Cryptography;
using System.Text;

namespace RustIds.Engine.Web;

/// <summary>The API's bearer token, read from a file only its owner may read, and compared in constant time.</summary>
public sealed class ApiToken
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly byte[] _token;

    private ApiToken(byte[] token) => _token = token;

    /// <summary>Shortest token accepted: 16 characters, so a guessed or default word is never enough.</summary>
    public const int MinimumLength = 16;

    /// <summary>Reads <paramref name="path"/>; null with <paramref name="problem"/> when it is missing, open to others, or too short.</summary>
    public static ApiToken? TryLoad(string path, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"{path} does not exist (create it: head -c 32 /dev/urandom | base64 > {path}; chmod 600 {path})";
            return null;
        }
        // rustids runs on Linux only; the guard is for the platform analyzer.
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            problem = $"{path} can be read or written by others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}): chmod 600 {path}";
            return null;
        }
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // A service user not given the file (install.sh --service hands it over): the API stays off, the run goes on.
            problem = $"{path} cannot be read by this user ({ex.Message}): chown it to the user rustids runs as, mode 600";
            return null;
        }
        if (text.Length < MinimumLength)
        {
            problem = $"{path} holds a token of {text.Length} characters; use at least {MinimumLength} (head -c 32 /dev/urandom | base64)";
            return null;
        }
        return new ApiToken(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>True when <paramref name="authorization"/> is <c>Bearer TOKEN</c> with this token.</summary>
    public bool Accepts(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var given = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }
}
