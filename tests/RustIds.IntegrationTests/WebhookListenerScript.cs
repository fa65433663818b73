namespace RustIds.IntegrationTests;

/// <summary>A minimal real HTTP listener (Python's http.server) that prints every POST it receives.</summary>
internal static class WebhookListenerScript
{
    public const string Source = """
        import http.server, sys

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode("utf-8", "replace")
                print("POST " + self.path + " " + body.replace("\n", " "), flush=True)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
        print("READY", flush=True)
        server.serve_forever()
        """;
}
