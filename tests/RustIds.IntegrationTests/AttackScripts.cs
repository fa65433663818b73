namespace RustIds.IntegrationTests;

/// <summary>The attacker's tools (a connect scan, an SSH login loop) and a fake SSH server, as Python scripts using only the standard library.</summary>
internal static class AttackScripts
{
    /// <summary><c>attack.py scan|ssh SOURCE TARGET</c>: a TCP connect scan of ports 1000–1149, or 25 SSH connections that read the banner, send one and leave (failed logins). Stops once blocked.</summary>
    public const string Attacker = """
        import socket, sys, time
        mode, source, target = sys.argv[1], sys.argv[2], sys.argv[3]
        misses = 0
        done = 0
        if mode == "scan":
            for port in range(1000, 1150):
                s = socket.socket()
                s.bind((source, 0))
                s.settimeout(0.3)
                try:
                    s.connect((target, port))
                except ConnectionRefusedError:
                    misses = 0
                except OSError:
                    misses += 1
                finally:
                    s.close()
                done += 1
                if misses >= 3:
                    break
        else:
            for attempt in range(25):
                try:
                    s = socket.create_connection((target, 22), timeout=1, source_address=(source, 0))
                    s.recv(256)
                    s.sendall(b"SSH-2.0-libssh_0.9.6\r\n")
                    time.sleep(0.05)
                    s.close()
                    done += 1
                except OSError:
                    break
        print("DONE", mode, done, flush=True)
        """;

    /// <summary><c>sshd.py ADDRESS</c>: accepts on port 22, sends an OpenSSH banner, reads the client's, hangs up (a failed login, seen from the wire).</summary>
    public const string FakeSshServer = """
        import socket, sys, threading
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((sys.argv[1], 22))
        server.listen(64)
        print("READY", flush=True)
        def serve(conn):
            try:
                conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
                conn.settimeout(2)
                conn.recv(256)
            except OSError:
                pass
            finally:
                conn.close()
        while True:
            conn, _ = server.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
        """;
}
