//! `ssh://[user@]host[:port][/socket]` Docker hosts, reached as the Docker CLI reaches them:
//! `ssh [-l USER] [-p PORT] -T -o BatchMode=yes -o ConnectTimeout=SECS -- HOST docker system
//! dial-stdio`, HTTP spoken over that process's stdin and stdout. The remote side needs the
//! `docker` CLI (it relays stdio to its daemon's socket); the local side only the OpenSSH
//! client, with its usual configuration (`~/.ssh/config`, agent, known hosts).
//!
//! Each HTTP connection is one ssh process (as in the CLI); hyper's pool keeps them open and
//! reuses them, and [`SSH_IN_FLIGHT`] bounds how many run at once (each costs an SSH handshake,
//! and sshd's `MaxStartups` drops unauthenticated connections beyond 10 by default).
//! `BatchMode=yes`: ssh never prompts for a password or passphrase, it fails instead, and the
//! failure (ssh's stderr, e.g. `Permission denied (publickey).`) becomes the error.
//!
//! Not bollard's `ssh` feature: it pulls in the `openssh` crate (a ControlMaster mux, async
//! process plumbing) for what is one spawned process per connection here.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::process::Stdio;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use bollard::{BollardRequest, ClientVersion, Docker};
use futures_util::TryFutureExt;
use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, ReadBuf};
use tokio::process::{Child, ChildStdin, ChildStdout};
use tokio::task::JoinHandle;

/// Calls in flight at once over ssh (16 for sockets and TCP). Each new connection is an SSH
/// handshake and a remote `docker` process: against a local sshd (no network latency, 2 cores,
/// 40 containers) a whole audit took 0.9 s with 1, 1.3 s with 4, 1.7 s with 8 and 2.5 s with
/// 16, where sshd's `MaxStartups` (10) already dropped connections. 4 keeps that cost small
/// while still overlapping the round trips of a distant host; hyper's pool reuses the
/// connections (4 ssh sessions per audit).
pub const SSH_IN_FLIGHT: usize = 4;

/// The parts of an `ssh://` endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshTarget {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// The daemon's socket on the remote host (the URL's path), else the remote CLI's default.
    pub socket: Option<String>,
}

impl SshTarget {
    /// Parses `ssh://[user@]host[:port][/path]` as the Docker CLI does: no password, no query
    /// or fragment, IPv6 hosts in brackets.
    pub fn parse(endpoint: &str) -> Result<SshTarget, String> {
        let rest = endpoint.strip_prefix("ssh://").ok_or("expected ssh://[user@]host[:port]")?;
        if rest.contains(['?', '#']) {
            return Err("unexpected query or fragment after the host".into());
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        if let Some(u) = user {
            if u.contains(':') {
                return Err(
                    "a plain-text password is not supported: use a key (ssh-agent, ~/.ssh/config)"
                        .into(),
                );
            }
            if u.is_empty() {
                return Err("empty user name before `@`".into());
            }
        }
        let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
            let (h, after) = inner.split_once(']').ok_or("unclosed `[` in the host")?;
            match after {
                "" => (h, None),
                p => (h, Some(p.strip_prefix(':').ok_or("expected `:PORT` after `]`")?)),
            }
        } else {
            match hostport.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (hostport, None),
            }
        };
        if host.is_empty() {
            return Err("no host given".into());
        }
        // `--` ends ssh's options, but a host like `-oProxyCommand=…` has no business here.
        if host.starts_with('-') || host.contains(char::is_whitespace) {
            return Err(format!("`{host}` is not a host name"));
        }
        let port = match port {
            None => None,
            Some(p) => Some(
                p.parse::<u16>()
                    .ok()
                    .filter(|p| *p != 0)
                    .ok_or_else(|| format!("`{p}` is not a port number"))?,
            ),
        };
        let socket = (!path.is_empty() && path != "/").then(|| path.to_string());
        Ok(SshTarget { user: user.map(str::to_string), host: host.to_string(), port, socket })
    }

    /// The arguments of `ssh` (the program not included), `connect_timeout_secs` bounding the
    /// TCP connect and SSH handshake.
    pub fn ssh_args(&self, connect_timeout_secs: u64) -> Vec<String> {
        let mut args = Vec::new();
        if let Some(u) = &self.user {
            args.extend(["-l".to_string(), u.clone()]);
        }
        if let Some(p) = self.port {
            args.extend(["-p".to_string(), p.to_string()]);
        }
        args.extend(["-T", "-o", "BatchMode=yes", "-o"].map(str::to_string));
        args.push(format!("ConnectTimeout={}", connect_timeout_secs.max(1)));
        args.extend(["--".to_string(), self.host.clone(), "docker".to_string()]);
        if let Some(s) = &self.socket {
            // The remote shell reads this line: quote the path.
            args.extend(["--host".to_string(), format!("'unix://{}'", s.replace('\'', r"'\''"))]);
        }
        args.extend(["system", "dial-stdio"].map(str::to_string));
        args
    }
}

/// ssh failed: what it said on stderr (first meaningful line), for [`crate::EngineError`].
#[derive(Debug)]
pub(crate) struct SshFailed(pub String);

impl std::fmt::Display for SshFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SshFailed {}

/// The `SshFailed` in `e`'s source chain (hyper wraps it in `io::Error`s).
pub(crate) fn ssh_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a SshFailed> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(s) = err.downcast_ref::<SshFailed>() {
            return Some(s);
        }
        if let Some(inner) = err.downcast_ref::<io::Error>().and_then(|io| io.get_ref())
            && let Some(s) = ssh_error(inner)
        {
            return Some(s);
        }
        cur = err.source();
    }
    None
}

/// The line of ssh's stderr worth showing: the first that is not a known-hosts notice.
fn first_line(stderr: &str) -> Option<String> {
    stderr
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("Warning: Permanently added"))
        .map(str::to_string)
}

/// A bollard client whose connections are `ssh … docker system dial-stdio` processes.
pub(crate) fn connect(
    target: &SshTarget,
    timeout_secs: u64,
    version: &ClientVersion,
) -> Result<Docker, bollard::errors::Error> {
    let connector = SshConnector { args: Arc::new(target.ssh_args(timeout_secs)) };
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build(connector);
    // The URL only names the pool; the daemon ignores the Host header.
    Docker::connect_with_custom_transport(
        move |req: BollardRequest| client.request(req).map_err(bollard::errors::Error::from),
        Some("http://docker.ssh"),
        timeout_secs,
        version,
    )
}

#[derive(Clone)]
struct SshConnector {
    args: Arc<Vec<String>>,
}

impl tower_service::Service<hyper::Uri> for SshConnector {
    type Response = SshConn;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<SshConn>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: hyper::Uri) -> Self::Future {
        let args = self.args.clone();
        Box::pin(async move { spawn(&args) })
    }
}

fn spawn(args: &[String]) -> io::Result<SshConn> {
    let mut child = tokio::process::Command::new("ssh")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| {
            io::Error::other(SshFailed(format!("cannot run `ssh` (the OpenSSH client): {e}")))
        })?;
    let (Some(stdin), Some(stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(io::Error::other(SshFailed("ssh started without its pipes".into())));
    };
    // Drained all along (so ssh never blocks on it), kept up to 4 KiB for the error message.
    let stderr = tokio::spawn(async move {
        let (mut kept, mut buf) = (Vec::new(), [0u8; 1024]);
        while let Ok(n) = stderr.read(&mut buf).await
            && n > 0
        {
            let room = 4096usize.saturating_sub(kept.len());
            kept.extend_from_slice(&buf[..n.min(room)]);
        }
        String::from_utf8_lossy(&kept).into_owned()
    });
    Ok(SshConn(TokioIo::new(SshIo { _child: child, stdin, stdout, stderr: Some(stderr) })))
}

/// One ssh process as a byte stream: reads from its stdout, writes to its stdin. When the
/// stream ends or breaks, ssh's stderr (once ssh closed it) is the error.
struct SshIo {
    /// Killed when the connection is dropped.
    _child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    stderr: Option<JoinHandle<String>>,
}

impl SshIo {
    /// Waits for ssh's stderr to end: `Some(error)` when ssh said something.
    fn poll_failure(&mut self, cx: &mut Context<'_>) -> Poll<Option<io::Error>> {
        let Some(handle) = self.stderr.as_mut() else { return Poll::Ready(None) };
        let text = ready!(Pin::new(handle).poll(cx)).unwrap_or_default();
        self.stderr = None;
        Poll::Ready(first_line(&text).map(|l| io::Error::other(SshFailed(l))))
    }
}

impl AsyncRead for SshIo {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match ready!(Pin::new(&mut this.stdout).poll_read(cx, buf)) {
            Ok(()) if buf.filled().len() > before || buf.remaining() == 0 => Poll::Ready(Ok(())),
            // End of stream: a failed ssh says why on stderr.
            Ok(()) => this.poll_failure(cx).map(|f| f.map_or(Ok(()), Err)),
            Err(e) => this.poll_failure(cx).map(|f| Err(f.unwrap_or(e))),
        }
    }
}

impl AsyncWrite for SshIo {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match ready!(Pin::new(&mut this.stdin).poll_write(cx, data)) {
            // A broken pipe: ssh exited; its stderr says why.
            Err(e) => this.poll_failure(cx).map(|f| Err(f.unwrap_or(e))),
            ok => Poll::Ready(ok),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stdin).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stdin).poll_shutdown(cx)
    }
}

/// [`SshIo`] as hyper sees a connection.
struct SshConn(TokioIo<SshIo>);

impl Connection for SshConn {
    fn connected(&self) -> Connected {
        Connected::new()
    }
}

impl hyper::rt::Read for SshConn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for SshConn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write(cx, data)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> SshTarget {
        SshTarget::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn user_host_port_become_ssh_arguments() {
        let t = parse("ssh://deploy@build.example:2222");
        assert_eq!(
            t,
            SshTarget {
                user: Some("deploy".into()),
                host: "build.example".into(),
                port: Some(2222),
                socket: None
            }
        );
        assert_eq!(
            t.ssh_args(5).join(" "),
            "-l deploy -p 2222 -T -o BatchMode=yes -o ConnectTimeout=5 -- build.example docker system dial-stdio"
        );
        // Only the host: user, port and keys come from ~/.ssh/config.
        assert_eq!(
            parse("ssh://dwtest").ssh_args(0).join(" "),
            "-T -o BatchMode=yes -o ConnectTimeout=1 -- dwtest docker system dial-stdio"
        );
        let t = parse("ssh://root@[::1]:22/run/user/1000/docker.sock");
        assert_eq!(
            (t.host.as_str(), t.port, t.socket.as_deref()),
            ("::1", Some(22), Some("/run/user/1000/docker.sock"))
        );
        assert!(t.ssh_args(5).join(" ").ends_with(
            "-- ::1 docker --host 'unix:///run/user/1000/docker.sock' system dial-stdio"
        ));
        assert_eq!(parse("ssh://h/").socket, None);
    }

    #[test]
    fn malformed_ssh_urls_are_refused() {
        for (url, why) in [
            ("ssh://u:pw@h", "password"),
            ("ssh://", "no host"),
            ("ssh://u@", "no host"),
            ("ssh://h:notaport", "port"),
            ("ssh://h:0", "port"),
            ("ssh://h:70000", "port"),
            ("ssh://h?x=1", "query"),
            ("ssh://-oProxyCommand=x", "not a host"),
            ("ssh://[::1", "unclosed"),
            ("ssh://@h", "empty user"),
        ] {
            let e = SshTarget::parse(url).unwrap_err();
            assert!(e.contains(why), "{url}: {e}");
        }
    }

    #[test]
    fn the_meaningful_stderr_line() {
        assert_eq!(first_line("Warning: Permanently added '[127.0.0.1]:2222' (ED25519) to the list of known hosts.\r\nroot@127.0.0.1: Permission denied (publickey).\n").as_deref(), Some("root@127.0.0.1: Permission denied (publickey)."));
        assert_eq!(first_line("\n"), None);
    }
}
