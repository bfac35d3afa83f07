#!/usr/bin/env python3
"""A Docker Engine API stand-in behind TLS with client-certificate authentication, for
`tests/host_tls.rs`.

Usage: fake_tls_daemon.py CERT_DIR FIXTURE_DIR

CERT_DIR holds server-cert.pem, server-key.pem and client-ca.pem (the CA a client certificate
must chain to: one is required, as `dockerd --tlsverify` requires it). FIXTURE_DIR holds the
answers recorded from a real daemon (Engine 20.10.24, API 1.41): host_version.json,
host_info.json, host_networks.json, and bad.json (one container's inspect answer; a second
listed container answers 404 when inspected).

Listens on 127.0.0.1 on a free port, prints the port on the first line of stdout, and serves
until stdin is closed (the test holds the pipe; when the test process ends, so does this).
"""

import json
import os
import re
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CERT_DIR, FIXTURES = sys.argv[1], sys.argv[2]


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


CONTAINER = json.loads(fixture("bad.json"))
ROUTES = {
    "/version": fixture("host_version.json"),
    "/info": fixture("host_info.json"),
    "/networks": fixture("host_networks.json"),
    # The second container is listed but gone when inspected (404), as when it is removed
    # between the list and the inspection.
    "/containers/json": json.dumps(
        [
            {"Id": CONTAINER["Id"], "Names": [CONTAINER["Name"]], "Image": CONTAINER["Config"]["Image"], "State": "created"},
            {"Id": "0" * 64, "Names": ["/gone"], "Image": "busybox", "State": "exited"},
        ]
    ).encode(),
    "/containers/%s/json" % CONTAINER["Id"]: fixture("bad.json"),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as dockerd

    def do_GET(self):
        # The client may or may not prefix a version (`/v1.41/info`); queries are ignored.
        path = re.sub(r"^/v[0-9]+\.[0-9]+", "", self.path.split("?", 1)[0])
        if path == "/_ping":
            self.reply(200, b"OK", "text/plain")
        elif path in ROUTES:
            self.reply(200, ROUTES[path], "application/json")
        else:
            self.reply(404, json.dumps({"message": "page not found: %s" % path}).encode(), "application/json")

    do_HEAD = do_GET

    def reply(self, status, body, ctype):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Api-Version", "1.41")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(CERT_DIR, "server-cert.pem"), os.path.join(CERT_DIR, "server-key.pem"))
    ctx.load_verify_locations(os.path.join(CERT_DIR, "client-ca.pem"))
    ctx.verify_mode = ssl.CERT_REQUIRED
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda *_: None  # a refused handshake is expected in some tests
    # The handshake runs in the handler thread (on first read), so a failed one does not stop
    # the accept loop.
    server.socket = ctx.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the test closes the pipe
    os._exit(0)


if __name__ == "__main__":
    main()
