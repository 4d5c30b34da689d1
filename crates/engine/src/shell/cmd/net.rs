//! Network clients: `wget`, `curl`, `nc` (connect, or `-l` listen),
//! `nslookup` and `redis-cli`, each asking the pod's network through the host.

use crate::shell::context::{Call, Ctx, Outcome, Resumed, OUTPUT_BYTES_MAX};
use crate::shell::host::{NetError, Proto, Request, Service};
use crate::shell::process::{Blocked, Wait};

pub(super) fn wget(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    Outcome::Done(wget_status(ctx, call.args))
}

pub(super) fn curl(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    Outcome::Done(curl_status(ctx, call.args))
}

pub(super) fn nslookup(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let h = call.arg(0);
    let text = if h.is_empty() {
        String::new()
    } else {
        format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find {h}: NXDOMAIN\n")
    };
    let _ = ctx.out(&text);
    Outcome::Done(1)
}

pub(super) fn nc(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let listen = args.iter().any(|x| x.starts_with('-') && x.contains('l'));
    let zero = args.iter().any(|x| x.starts_with('-') && x.contains('z'));
    let mut positional: Vec<&String> = Vec::new();
    let mut port_flag = None;
    let mut k = 0;
    while let Some(x) = args.get(k) {
        k += 1;
        if x == "-p" {
            port_flag = args.get(k).and_then(|v| v.parse::<u16>().ok());
            k += 1;
        } else if x == "-w" || x == "-i" {
            k += 1;
        } else if !x.starts_with('-') {
            positional.push(x);
        }
    }
    if listen {
        let port = port_flag.or_else(|| positional.last().and_then(|v| v.parse().ok())).unwrap_or(0);
        if !ctx.host.listen(port, Service::Listener) {
            ctx.err("nc: bind: Address already in use\n");
            return Outcome::Done(1);
        }
        return Outcome::Block(Blocked::Serve);
    }
    let (Some(h), Some(port)) = (positional.first(), positional.get(1).and_then(|v| v.parse::<u16>().ok())) else {
        ctx.err("BusyBox v1.27.2 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n");
        return Outcome::Done(1);
    };
    if zero || ctx.stdin_is_null() {
        return Outcome::Done(nc_send(ctx, h, port, ""));
    }
    Outcome::Block(Blocked::Nc { host: h.to_string(), port, input: String::new() })
}

/// `nc` gathers its standard input, then sends it; `nc -l` listens forever.
pub(super) fn resume_nc(ctx: &mut Ctx<'_>, state: Blocked) -> Resumed {
    let Blocked::Nc { host: h, port, mut input } = state else {
        return Resumed::Again(Blocked::Serve, Wait::Forever);
    };
    loop {
        match ctx.read_line() {
            Some(Some(line)) => {
                if input.len() < OUTPUT_BYTES_MAX {
                    input.push_str(&line);
                    input.push('\n');
                }
            }
            Some(None) => return Resumed::Done(nc_send(ctx, &h, port, &input)),
            None => return Resumed::Again(Blocked::Nc { host: h, port, input }, Wait::Stdin),
        }
    }
}

pub(super) fn redis_cli(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let mut h = "127.0.0.1".to_string();
    let mut port = 6379u16;
    let mut cmd: Vec<String> = Vec::new();
    let mut k = 0;
    while let Some(x) = args.get(k) {
        k += 1;
        match x.as_str() {
            "-h" => {
                h = args.get(k).cloned().unwrap_or(h);
                k += 1;
            }
            "-p" => {
                port = args.get(k).and_then(|v| v.parse().ok()).unwrap_or(port);
                k += 1;
            }
            _ => cmd.push(x.clone()),
        }
    }
    if cmd.is_empty() {
        cmd.push("PING".to_string());
    }
    let req = Request {
        host: h.clone(),
        port,
        proto: Proto::Line { payload: cmd.join(" ") },
        agent: "redis-cli".to_string(),
    };
    match ctx.host.request(&req) {
        Ok(resp) => {
            let _ = ctx.out(&format!("{}\n", resp.body.trim_end()));
            Outcome::Done(0)
        }
        // redis-cli prints hiredis's connect error: `gai_strerror` (glibc's
        // words) when the name does not resolve, `strerror` when refused.
        Err(NetError::BadAddress) => {
            ctx.err(&format!("Could not connect to Redis at {h}:{port}: Name or service not known\n"));
            Outcome::Done(1)
        }
        Err(NetError::Refused { .. }) => {
            ctx.err(&format!("Could not connect to Redis at {h}:{port}: Connection refused\n"));
            Outcome::Done(1)
        }
    }
}

struct Url {
    host: String,
    port: u16,
    path: String,
}

fn parse_url(raw: &str) -> Option<Url> {
    let (default_port, rest) = if let Some(r) = raw.strip_prefix("http://") {
        (80, r)
    } else if let Some(r) = raw.strip_prefix("https://") {
        (443, r)
    } else {
        (80, raw)
    };
    let (hostport, path) = match rest.find('/') {
        Some(n) => (rest.get(..n)?, rest.get(n..)?),
        None => (rest, "/"),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().ok()?),
        None => (hostport, default_port),
    };
    if host.is_empty() {
        return None;
    }
    Some(Url { host: host.to_string(), port, path: path.to_string() })
}

fn status_text(code: u16) -> &'static str {
    match code {
        200 => "OK",
        404 => "Not Found",
        403 => "Forbidden",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

fn wget_status(ctx: &mut Ctx<'_>, args: &[String]) -> i32 {
    let mut quiet = false;
    let mut output: Option<String> = None;
    let mut spider = false;
    let mut url = None;
    let mut k = 0;
    while let Some(a) = args.get(k) {
        k += 1;
        if a == "--spider" {
            spider = true;
        } else if a.starts_with("--") {
            continue;
        } else if let Some(flags) = a.strip_prefix('-') {
            for (n, c) in flags.char_indices() {
                match c {
                    'q' => quiet = true,
                    'O' => {
                        let rest = flags.get(n + 1..).unwrap_or("");
                        output = Some(if rest.is_empty() {
                            k += 1;
                            args.get(k - 1).cloned().unwrap_or_default()
                        } else {
                            rest.to_string()
                        });
                        break;
                    }
                    'T' | 'U' | 'Y' | 'P' => {
                        if flags.get(n + 1..).unwrap_or("").is_empty() {
                            k += 1;
                        }
                        break;
                    }
                    _ => {}
                }
            }
        } else {
            url = Some(a.clone());
        }
    }
    let Some(raw) = url else {
        ctx.err("BusyBox v1.27.2 (2017-10-02 19:09:26 UTC) multi-call binary.\n\nUsage: wget [-c|--continue] [--spider] [-q|--quiet] [-O|--output-document FILE] URL...\n");
        return 1;
    };
    let Some(u) = parse_url(&raw) else {
        ctx.err(&format!("wget: bad address '{raw}'\n"));
        return 1;
    };
    let req = Request {
        host: u.host.clone(),
        port: u.port,
        proto: Proto::Http { path: u.path.clone() },
        agent: "Wget".to_string(),
    };
    match ctx.host.request(&req) {
        Err(NetError::BadAddress) => {
            ctx.err(&format!("wget: bad address '{}'\n", u.host));
            1
        }
        Err(NetError::Refused { addr }) => {
            if !quiet {
                ctx.err(&format!("Connecting to {}:{} ({addr}:{})\n", u.host, u.port, u.port));
            }
            ctx.err(&format!("wget: can't connect to remote host ({addr}): Connection refused\n"));
            1
        }
        Ok(resp) => {
            if !quiet {
                ctx.err(&format!("Connecting to {}:{} ({}:{})\n", u.host, u.port, resp.addr, u.port));
            }
            if resp.status >= 400 {
                ctx.err(&format!(
                    "wget: server returned error: HTTP/1.1 {} {}\n",
                    resp.status,
                    status_text(resp.status)
                ));
                return 1;
            }
            if spider {
                return 0;
            }
            let file = output.unwrap_or_else(|| {
                let name = u.path.rsplit('/').next().unwrap_or("");
                if name.is_empty() {
                    "index.html".to_string()
                } else {
                    name.to_string()
                }
            });
            if file == "-" {
                if !ctx.out(&resp.body) {
                    return 141;
                }
            } else {
                let path = if file.starts_with('/') { file.clone() } else { format!("/{file}") };
                if let Err(e) = ctx.host.write(&path, &resp.body, false) {
                    ctx.err(&format!("wget: can't open '{file}': {e}\n"));
                    return 1;
                }
                if !quiet {
                    ctx.err(&format!("saving to '{file}'\n'{file}' saved\n"));
                }
            }
            0
        }
    }
}

fn curl_status(ctx: &mut Ctx<'_>, args: &[String]) -> i32 {
    let mut fail = false;
    let mut output: Option<String> = None;
    let mut url = None;
    let mut k = 0;
    while let Some(a) = args.get(k) {
        k += 1;
        match a.as_str() {
            "-o" | "--output" => {
                output = args.get(k).cloned();
                k += 1;
            }
            "-m" | "--max-time" | "-H" | "-X" | "-d" | "--connect-timeout" | "-w" => k += 1,
            "-f" | "--fail" | "-sf" | "-fs" | "-fsS" | "-sSf" | "-fsSL" | "-sfL" => fail = true,
            s if s.starts_with('-') => {}
            _ => url = Some(a.clone()),
        }
    }
    let Some(raw) = url else {
        ctx.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    };
    let Some(u) = parse_url(&raw) else {
        ctx.err("curl: (3) URL rejected: Bad hostname\n");
        return 3;
    };
    let req = Request {
        host: u.host.clone(),
        port: u.port,
        proto: Proto::Http { path: u.path.clone() },
        agent: "curl/8.5.0".to_string(),
    };
    match ctx.host.request(&req) {
        Err(NetError::BadAddress) => {
            ctx.err(&format!("curl: (6) Could not resolve host: {}\n", u.host));
            6
        }
        Err(NetError::Refused { .. }) => {
            ctx.err(&format!(
                "curl: (7) Failed to connect to {} port {} after 0 ms: Couldn't connect to server\n",
                u.host, u.port
            ));
            7
        }
        Ok(resp) => {
            if fail && resp.status >= 400 {
                ctx.err(&format!("curl: (22) The requested URL returned error: {}\n", resp.status));
                return 22;
            }
            match output {
                Some(f) if f != "-" => {
                    let path = if f.starts_with('/') { f.clone() } else { format!("/{f}") };
                    if let Err(e) = ctx.host.write(&path, &resp.body, false) {
                        ctx.err(&format!("curl: (23) Failure writing output to destination: {e}\n"));
                        return 23;
                    }
                }
                _ => {
                    if !ctx.out(&resp.body) {
                        return 141;
                    }
                }
            }
            0
        }
    }
}

fn nc_send(ctx: &mut Ctx<'_>, h: &str, port: u16, input: &str) -> i32 {
    let proto = if input.is_empty() { Proto::Connect } else { Proto::Line { payload: input.trim_end().to_string() } };
    let req = Request { host: h.to_string(), port, proto, agent: "nc".to_string() };
    match ctx.host.request(&req) {
        Ok(resp) => {
            let mut body = resp.body;
            if !body.is_empty() && !body.ends_with('\n') {
                body.push('\n');
            }
            let _ = ctx.out(&body);
            0
        }
        Err(NetError::Refused { addr }) => {
            ctx.err(&format!("nc: can't connect to remote host ({addr}): Connection refused\n"));
            1
        }
        Err(NetError::BadAddress) => {
            ctx.err(&format!("nc: bad address '{h}'\n"));
            1
        }
    }
}
