//! `podplay-node serve`: a loopback-only, read-only HTTP endpoint so that the
//! web app can draw a real pod's namespaces in its pod view ("real mode").
//! `GET /api/pods` lists every running pod's `inspect` picture as JSON;
//! `GET /api/pods/NAME` returns one; a WebSocket at `/api/watch` pushes the
//! list (as a JSON text message) whenever it changes, checked twice a second.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// Whether a browser origin may read the answers: loopback pages always,
/// others only when named with `--allow-origin`.
pub fn origin_allowed(origin: &str, extra: &[String]) -> bool {
    let host = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")).unwrap_or("");
    let host = host
        .rsplit_once(':')
        .map(|(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { host })
        .unwrap_or(host);
    matches!(host, "localhost" | "127.0.0.1" | "[::1]") || extra.iter().any(|o| o == origin)
}

/// Answers one request path: (status, JSON body).
pub fn answer(path: &str) -> (u16, String) {
    let path = path.split('?').next().unwrap_or(path);
    if path == "/api/pods" {
        return (200, serde_json::to_string(&crate::inspect::all_pods()).unwrap_or_else(|_| "[]".into()));
    }
    if let Some(name) = path.strip_prefix("/api/pods/") {
        return match crate::inspect::inspect_data(name) {
            Some(p) => (200, serde_json::to_string(&p).unwrap_or_default()),
            None => (404, format!("{{\"error\":\"pods \\\"{}\\\" not found\"}}", name.replace(['"', '\\'], ""))),
        };
    }
    (404, "{\"error\":\"not found\"}".into())
}

fn handle(stream: TcpStream, allow: &[String]) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut origin = String::new();
    // Headers, bounded to 100 lines.
    for _ in 0..100 {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("origin") {
                origin = v.trim().to_string();
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (status, body) = if method == "GET" { answer(path) } else { (405, "{\"error\":\"read-only\"}".into()) };
    let cors = if !origin.is_empty() && origin_allowed(&origin, allow) {
        format!("Access-Control-Allow-Origin: {origin}\r\nVary: Origin\r\n")
    } else {
        String::new()
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut w = stream;
    write!(w, "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nCache-Control: no-store\r\n{cors}Connection: close\r\n\r\n{body}", body.len())?;
    w.flush()
}

/// How many WebSocket watchers may be connected at once.
const WATCHERS_MAX: usize = 16;

/// Pushes the pod list to one WebSocket client until it goes away.
// tungstenite's handshake callback returns its large ErrorResponse by design.
#[allow(clippy::result_large_err)]
fn watch(stream: TcpStream, allow: Vec<String>) {
    let check = |req: &tungstenite::handshake::server::Request, resp: tungstenite::handshake::server::Response| {
        let origin = req.headers().get("origin").and_then(|o| o.to_str().ok()).unwrap_or("");
        if origin.is_empty() || origin_allowed(origin, &allow) {
            Ok(resp)
        } else {
            let mut refuse = tungstenite::handshake::server::ErrorResponse::new(Some("origin not allowed".into()));
            *refuse.status_mut() = tungstenite::http::StatusCode::FORBIDDEN;
            Err(refuse)
        }
    };
    let Ok(mut ws) = tungstenite::accept_hdr(stream, check) else { return };
    if ws.get_ref().set_read_timeout(Some(Duration::from_millis(500))).is_err() {
        return;
    }
    let mut last = String::new();
    loop {
        let now = serde_json::to_string(&crate::inspect::all_pods()).unwrap_or_else(|_| "[]".into());
        if now != last {
            if ws.send(tungstenite::Message::text(now.clone())).is_err() {
                return;
            }
            last = now;
        }
        // A read with a timeout doubles as the 500 ms tick and notices a close.
        match ws.read() {
            Ok(tungstenite::Message::Close(_)) => return,
            Ok(_) => {}
            Err(tungstenite::Error::Io(e))
                if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => return,
        }
    }
}

/// Serves on 127.0.0.1:`port` until killed.
pub fn serve(port: u16, allow: &[String]) -> i32 {
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
            return 1;
        }
    };
    println!("serving running pods at http://127.0.0.1:{port}/api/pods and ws://127.0.0.1:{port}/api/watch (read-only, loopback only)");
    let watchers = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        // A client that connects and says nothing must not hold the loop.
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let mut head = [0u8; 32];
        let n = stream.peek(&mut head).unwrap_or(0);
        if head.get(..n).unwrap_or(&[]).starts_with(b"GET /api/watch") {
            if watchers.load(std::sync::atomic::Ordering::SeqCst) >= WATCHERS_MAX {
                continue;
            }
            let (allow, watchers) = (allow.to_vec(), watchers.clone());
            watchers.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            // serve never forks, so threads are fine here.
            std::thread::spawn(move || {
                watch(stream, allow);
                watchers.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            });
        } else if let Err(e) = handle(stream, allow) {
            eprintln!("warning: {e}");
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_or_named_origins_may_read() {
        let extra = vec!["https://podplay.example".to_string()];
        for (origin, ok) in [
            ("http://localhost:8080", true),
            ("http://127.0.0.1", true),
            ("http://[::1]:3000", true),
            ("https://podplay.example", true),
            ("https://evil.example", false),
            ("http://localhost.evil.example", false),
            ("null", false),
        ] {
            assert_eq!(origin_allowed(origin, &extra), ok, "{origin}");
        }
    }

    #[test]
    fn unknown_paths_are_404() {
        assert_eq!(answer("/nope").0, 404);
        assert_eq!(answer("/api/pods/definitely-not-running-here-42").0, 404);
    }
}
