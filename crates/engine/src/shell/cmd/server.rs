//! The servers images run: `nginx`, `httpd`, `python -m http.server`,
//! `redis-server`, `socat`, `stress`, a log collector (`fluentd`), the
//! generic `app` and `pause`. Each binds its ports through the host and then
//! serves until the container stops.

use std::collections::BTreeMap;

use crate::shell::cmd::proc::{format_date, parse_duration_ms};
use crate::shell::context::{Call, Ctx, Outcome, Resumed};
use crate::shell::expand::wildcard;
use crate::shell::host::{Proto, Request, Service};
use crate::shell::process::{Blocked, Wait};
use crate::text::Text;

pub(super) fn pause(_: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    Outcome::Block(Blocked::Serve)
}

/// A server waits for requests until the container stops.
pub(super) fn resume_serve(_: &mut Ctx<'_>, _: Blocked) -> Resumed {
    Resumed::Again(Blocked::Serve, Wait::Forever)
}

/// `stress --timeout` sleeps, then ends; without it, it runs until stopped.
pub(super) fn resume_stress(ctx: &mut Ctx<'_>, state: Blocked) -> Resumed {
    match state {
        Blocked::Sleep { .. } => crate::shell::cmd::proc::resume_sleep(ctx, state),
        _ => resume_serve(ctx, state),
    }
}

/// The collector ships each file's new lines when the files change.
pub(super) fn resume_collect(ctx: &mut Ctx<'_>, state: Blocked) -> Resumed {
    let Blocked::Collect { paths, mut offsets, ship_to } = state else {
        return resume_serve(ctx, state);
    };
    let version = ctx.host.fs_version();
    let mut files = Vec::new();
    for pat in &paths {
        if pat.contains('*') {
            let (dir, name) = pat.rsplit_once('/').unwrap_or(("/", pat));
            let dir = if dir.is_empty() { "/" } else { dir };
            if let Ok(names) = ctx.host.list(dir) {
                for n in names {
                    if wildcard(name.as_bytes(), n.as_bytes()) {
                        files.push(format!("{}/{n}", dir.trim_end_matches('/')));
                    }
                }
            }
        } else {
            files.push(pat.clone());
        }
    }
    for f in files.into_iter().take(64) {
        let Some(len) = ctx.host.file_len(&f) else {
            continue;
        };
        let off = offsets.get(&f).copied().unwrap_or(0);
        if len == off {
            continue;
        }
        let off = if len < off { 0 } else { off };
        let Ok(text) = ctx.host.read_from(&f, off) else {
            continue;
        };
        let new = text.as_str();
        let count = new.lines().count();
        offsets.insert(f.clone(), len);
        if count == 0 {
            continue;
        }
        let req = Request {
            host: ship_to.clone(),
            port: 443,
            proto: Proto::Line { payload: format!("{count} lines from {f}") },
            agent: "fluentd".to_string(),
        };
        let _ = ctx.host.request(&req);
        let _ = ctx.out(&format!("shipped {count} line(s) from {f} to {ship_to}\n"));
    }
    Resumed::Again(Blocked::Collect { paths, offsets, ship_to }, Wait::FsChange(version))
}

pub(super) fn nginx(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    // `nginx -s quit|stop|reload|reopen` only signals the running master
    // (as a preStop hook does it) and returns; it starts no server.
    if let Some(k) = call.args.iter().position(|a| a == "-s") {
        let signal = call.args.get(k + 1).map(String::as_str).unwrap_or("");
        if !matches!(signal, "stop" | "quit" | "reopen" | "reload") {
            ctx.err(&format!("nginx: invalid option: \"-s {signal}\"\n"));
            return Outcome::Exit(1);
        }
        let stamp = format_date(ctx.now, Some("%Y/%m/%d %H:%M:%S"));
        ctx.err(&format!("{stamp} [notice] 1#1: signal process started\n"));
        return Outcome::Exit(0);
    }
    let conf = ctx.host.read("/etc/nginx/conf.d/default.conf").unwrap_or_default();
    let mut ports: Vec<u16> = conf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("listen"))
        .filter_map(|v| {
            v.trim()
                .trim_end_matches(';')
                .split_whitespace()
                .next()
                .and_then(|p| p.rsplit(':').next())
                .and_then(|p| p.parse().ok())
        })
        .collect();
    if ports.is_empty() {
        ports.push(80);
    }
    let docroot = conf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("root "))
        .map(|v| v.trim().trim_end_matches(';').to_string())
        .next()
        .unwrap_or_else(|| "/usr/share/nginx/html".to_string());
    for port in ports {
        if !ctx.host.listen(port, Service::Http { server: "nginx/1.29.0".into(), docroot: docroot.clone() }) {
            let stamp = format_date(ctx.now, Some("%Y/%m/%d %H:%M:%S"));
            ctx.err(&format!("{stamp} [emerg] 1#1: bind() to 0.0.0.0:{port} failed (98: Address already in use)\n"));
            ctx.err(&format!("nginx: [emerg] bind() to 0.0.0.0:{port} failed (98: Address already in use)\n"));
            ctx.err(&format!("{stamp} [emerg] 1#1: still could not bind()\n"));
            return Outcome::Exit(1);
        }
    }
    let stamp = format_date(ctx.now, Some("%Y/%m/%d %H:%M:%S"));
    ctx.err(&format!("{stamp} [notice] 1#1: nginx/1.29.0\n{stamp} [notice] 1#1: start worker processes\n"));
    ctx.host.set_cpu(1);
    Outcome::Block(Blocked::Serve)
}

/// `httpd` and `httpd-foreground`.
pub(super) fn httpd(ctx: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    if !ctx.host.listen(80, Service::Http { server: "Apache/2.4".into(), docroot: "/usr/local/apache2/htdocs".into() })
    {
        ctx.err("(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n");
        return Outcome::Exit(1);
    }
    ctx.err("AH00094: Command line: 'httpd -D FOREGROUND'\n");
    Outcome::Block(Blocked::Serve)
}

/// `python -m http.server [PORT]`.
pub(super) fn python(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    if call.arg(0) == "-m" && call.arg(1) == "http.server" {
        let port = call.arg(2).parse().unwrap_or(8000);
        if !ctx.host.listen(port, Service::Http { server: "SimpleHTTP/0.6 Python/3.12".into(), docroot: "/".into() }) {
            ctx.err("OSError: [Errno 98] Address already in use\n");
            return Outcome::Exit(1);
        }
        let _ = ctx.out(&format!("Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ...\n"));
        return Outcome::Block(Blocked::Serve);
    }
    ctx.err("python: this simulation only runs `python -m http.server [PORT]`\n");
    ctx.host.explain(Text::new(
        "Podplay는 python 프로그램을 실행하지 않습니다. `python -m http.server [포트]`만 흉내 냅니다.",
        "Podplay does not run python programs; it only imitates `python -m http.server [PORT]`.",
    ));
    Outcome::Done(1)
}

pub(super) fn redis_server(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let port = args
        .iter()
        .position(|x| x == "--port")
        .and_then(|k| args.get(k + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(6379);
    let stamp = format_date(ctx.now, Some("%d %b %Y %H:%M:%S.000"));
    if !ctx.host.listen(port, Service::Redis) {
        ctx.err(&format!("1:M {stamp} # Warning: Could not create server TCP listening socket *:{port}: bind: Address already in use\n1:M {stamp} # Failed listening on port {port} (tcp), aborting.\n"));
        return Outcome::Exit(1);
    }
    let _ = ctx.out(&format!("1:M {stamp} * Server initialized\n1:M {stamp} * Ready to accept connections tcp\n"));
    ctx.host.set_cpu(2);
    Outcome::Block(Blocked::Serve)
}

pub(super) fn socat(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let listen = args.iter().find_map(|x| x.strip_prefix("TCP-LISTEN:").or_else(|| x.strip_prefix("TCP4-LISTEN:")));
    let target = args.iter().find_map(|x| x.strip_prefix("TCP:").or_else(|| x.strip_prefix("TCP4:")));
    let (Some(l), Some(t)) = (listen, target) else {
        ctx.err("socat: this simulation runs `socat TCP-LISTEN:PORT,fork TCP:HOST:PORT`\n");
        ctx.host.explain(Text::new(
            "Podplay의 socat은 `socat TCP-LISTEN:포트,fork TCP:호스트:포트` 형태(앰배서더 프록시)만 지원합니다.",
            "Podplay's socat supports only `socat TCP-LISTEN:PORT,fork TCP:HOST:PORT` (an ambassador proxy).",
        ));
        return Outcome::Done(1);
    };
    let lport: u16 = l.split(',').next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let (th, tp) = t.rsplit_once(':').unwrap_or((t, "80"));
    let tport: u16 = tp.split(',').next().and_then(|v| v.parse().ok()).unwrap_or(80);
    if !ctx.host.listen(lport, Service::Forward { host: th.to_string(), port: tport }) {
        let stamp = format_date(ctx.now, Some("%Y/%m/%d %H:%M:%S"));
        ctx.err(&format!("{stamp} socat[1] E bind(5, {{AF=2 0.0.0.0:{lport}}}, 16): Address in use\n"));
        return Outcome::Exit(1);
    }
    Outcome::Block(Blocked::Serve)
}

pub(super) fn stress(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let mut vm = 0u64;
    let mut cpu = 0u64;
    let mut bytes = 256u64 << 20;
    let mut timeout = None;
    let mut k = 0;
    while let Some(x) = args.get(k) {
        k += 1;
        let v = args.get(k).map(String::as_str).unwrap_or("");
        match x.as_str() {
            "--vm" | "-m" => {
                vm = v.parse().unwrap_or(1);
                k += 1;
            }
            "--cpu" | "-c" => {
                cpu = v.parse().unwrap_or(1);
                k += 1;
            }
            "--vm-bytes" => {
                bytes = parse_bytes(v).unwrap_or(bytes);
                k += 1;
            }
            "--timeout" | "-t" => {
                timeout = parse_duration_ms(v);
                k += 1;
            }
            _ => {}
        }
    }
    let _ = ctx.out(&format!("stress: info: [1] dispatching hogs: {cpu} cpu, 0 io, {vm} vm, 0 hdd\n"));
    ctx.host.set_extra_memory(vm.min(64).saturating_mul(bytes));
    ctx.host.set_cpu((cpu.min(64) * 1000).saturating_add(if vm > 0 { 100 } else { 0 }));
    match timeout {
        Some(ms) => Outcome::Block(Blocked::Sleep { until: ctx.now.plus_ms(ms) }),
        None => Outcome::Block(Blocked::Serve),
    }
}

/// `fluentd` and `log-collector`.
pub(super) fn collector(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let conf = ctx.host.read("/etc/fluentd-config/fluentd.conf").unwrap_or_default();
    let mut paths: Vec<String> =
        conf.lines().filter_map(|l| l.trim().strip_prefix("path ")).map(|v| v.trim().to_string()).collect();
    if paths.is_empty() {
        paths = args.iter().filter(|x| x.starts_with('/')).cloned().collect();
    }
    if paths.is_empty() {
        paths.push("/var/log/*.log".to_string());
    }
    let ship_to = ctx.env_var("SHIP_TO").unwrap_or_else(|| "logging.googleapis.com".to_string());
    let _ = ctx.out(&format!("{}: following {}\n", call.name, paths.join(", ")));
    Outcome::Block(Blocked::Collect { paths, offsets: BTreeMap::new(), ship_to })
}

/// The program of an image whose command the simulation does not know.
pub(super) fn app(ctx: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    for port in ctx.host.declared_ports() {
        if !ctx.host.listen(port, Service::Http { server: "app".into(), docroot: "/app/www".into() }) {
            ctx.err(&format!("listen tcp :{port}: bind: address already in use\n"));
            return Outcome::Exit(1);
        }
    }
    let _ = ctx.out("app: started\n");
    Outcome::Block(Blocked::Serve)
}

/// The control plane's programs (etcd, kube-apiserver,
/// kube-controller-manager, kube-scheduler, run by the control plane's
/// static pods): each serves its health endpoints (`/livez`, `/readyz`,
/// `/healthz`, answering `ok`) on its well-known ports, which is all the
/// kubelet's probes ask of them.
pub(super) fn control_plane(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let ports: &[u16] = match call.name {
        "etcd" => &[2379, 2381],
        "kube-apiserver" => &[6443],
        "kube-controller-manager" => &[10257],
        _ => &[10259],
    };
    for f in ["livez", "readyz", "healthz"] {
        let _ = ctx.host.write(&format!("/{f}"), "ok", false);
    }
    for &port in ports {
        if !ctx.host.listen(port, Service::Http { server: call.name.to_string(), docroot: "/".into() }) {
            ctx.err(&format!("listen tcp :{port}: bind: address already in use\n"));
            return Outcome::Exit(1);
        }
    }
    Outcome::Block(Blocked::Serve)
}

/// Parses `150M`, `1G`, `512k`, `100Mi`, plain bytes.
pub fn parse_bytes(v: &str) -> Option<u64> {
    let v = v.trim();
    let split = v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len());
    let (num, unit) = v.split_at(split);
    let n: u64 = num.parse().ok()?;
    let mult: u64 = match unit.to_ascii_lowercase().trim_end_matches(['i', 'b']) {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(mult)
}
