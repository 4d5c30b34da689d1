//! `podplay-node`: runs a Pod for real on a Linux machine (real namespaces,
//! processes, volumes and limits). This is the command-line entry point, in
//! kubectl's spirit: `run -f`, `validate -f`, `inspect`, `logs -c`, `exec`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use podplay_node::{helper, inspect, msg, run};

#[derive(Parser)]
#[command(
    name = "podplay-node",
    version,
    about = "Runs a Kubernetes Pod for real on this Linux machine: namespaces, volumes, limits."
)]
struct Cli {
    /// Language of our explanations: en or ko (default from LANG).
    #[arg(long, global = true)]
    lang: Option<String>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Runs a pod in the foreground, streaming status and logs; Ctrl-C deletes it.
    Run {
        #[arg(short = 'f', long = "filename")]
        file: PathBuf,
        /// Allow hostPath, hostNetwork, hostPID, hostIPC and privileged.
        #[arg(long)]
        allow_host: bool,
        /// Stand busybox in for an image: --image nginx=busybox (repeatable).
        #[arg(long = "image", value_name = "IMAGE=busybox")]
        images: Vec<String>,
        /// pids.max for each container.
        #[arg(long, default_value_t = 1024)]
        pids_limit: i64,
        /// Overrides terminationGracePeriodSeconds.
        #[arg(long)]
        grace_period: Option<u64>,
        /// Do not stream container logs.
        #[arg(long)]
        quiet: bool,
    },
    /// Checks a manifest: the same diagnostics as the browser.
    Validate {
        #[arg(short = 'f', long = "filename")]
        file: PathBuf,
        #[arg(long)]
        allow_host: bool,
    },
    /// Shows each container's namespaces (inode numbers from /proc/PID/ns).
    Inspect {
        pod: String,
        #[arg(long)]
        json: bool,
    },
    /// Prints a container's log.
    Logs {
        pod: String,
        #[arg(short = 'c', long)]
        container: Option<String>,
    },
    /// Runs a command in a running container.
    Exec {
        pod: String,
        #[arg(short = 'c', long)]
        container: Option<String>,
        #[arg(last = true, required = true)]
        command: Vec<String>,
    },
    /// Resizes a running container in place: rewrites its cgroup's memory and CPU limits.
    Resize {
        pod: String,
        #[arg(short = 'c', long)]
        container: Option<String>,
        /// The new memory limit (a quantity: 64Mi, 1G).
        #[arg(long)]
        memory: Option<String>,
        /// The new CPU limit (a quantity: 500m, 2).
        #[arg(long)]
        cpu: Option<String>,
    },
    /// Starts an ephemeral container in a running pod (kubectl debug): it joins the
    /// pod's net, ipc and uts namespaces and, with --target, the target's pid namespace.
    Debug {
        pod: String,
        #[arg(long)]
        image: String,
        /// The container whose pid namespace to join.
        #[arg(long)]
        target: Option<String>,
        /// The ephemeral container's name (default debugger-xxxxx).
        #[arg(short = 'c', long)]
        container: Option<String>,
        /// Stand busybox in for an image: --image-alias nginx=busybox (repeatable).
        #[arg(long = "image-alias", value_name = "IMAGE=busybox")]
        image_aliases: Vec<String>,
        #[arg(last = true)]
        command: Vec<String>,
    },
    /// Removes the state of pods whose podplay-node died.
    Sweep,
    /// Serves running pods' namespace pictures as JSON on loopback ("real mode" for the web app).
    Serve {
        #[arg(long, default_value_t = 7780)]
        port: u16,
        /// A browser origin besides loopback pages allowed to read (repeatable).
        #[arg(long)]
        allow_origin: Vec<String>,
    },
}

fn code(c: i32) -> ExitCode {
    ExitCode::from(c.clamp(0, 255) as u8)
}

fn main() -> ExitCode {
    // The re-executed helpers, before any argument parsing or thread.
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("__holder") => {
            let userns_flags = args.get(4).and_then(|f| f.parse().ok());
            return code(helper::holder_main(args.get(2).map(String::as_str).unwrap_or("pod"), userns_flags));
        }
        Some("__probe") => {
            let pid = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(0);
            return code(podplay_node::probe::probe_main(pid, args.get(3).map(String::as_str).unwrap_or("")));
        }
        Some("__container") => {
            return code(helper::container_main(&PathBuf::from(args.get(2).cloned().unwrap_or_default())))
        }
        _ => {}
    }
    podplay_node::run::default_dirs_for_user();
    let cli = Cli::parse();
    let lang = msg::pick_lang(cli.lang.as_deref());
    let c = match cli.cmd {
        Cmd::Run { file, allow_host, images, pids_limit, grace_period, quiet } => {
            let mut image_aliases = BTreeMap::new();
            for spec in images {
                match spec.split_once('=') {
                    Some((from, to)) => {
                        image_aliases.insert(from.to_string(), to.to_string());
                    }
                    None => {
                        eprintln!("error: --image wants IMAGE=busybox, got {spec:?}");
                        return code(2);
                    }
                }
            }
            let backoff_base_ms =
                std::env::var("PODPLAY_NODE_BACKOFF_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
            run::run(run::RunOptions {
                file,
                lang,
                allow_host,
                image_aliases,
                pids_limit: (pids_limit > 0).then_some(pids_limit),
                grace_seconds: grace_period,
                quiet_logs: quiet,
                backoff_base_ms,
            })
        }
        Cmd::Validate { file, allow_host } => inspect::validate(&file, lang, allow_host),
        Cmd::Inspect { pod, json } => inspect::inspect(&pod, json, lang),
        Cmd::Logs { pod, container } => inspect::logs(&pod, container.as_deref(), lang),
        Cmd::Exec { pod, container, command } => inspect::exec(&pod, container.as_deref(), &command, lang),
        Cmd::Debug { pod, image, target, container, image_aliases, command } => {
            let image_aliases =
                image_aliases.iter().filter_map(|s| s.split_once('=')).map(|(a, b)| (a.into(), b.into())).collect();
            let opts =
                podplay_node::debug::DebugOptions { pod, image, target, name: container, command, image_aliases };
            podplay_node::debug::debug(&opts, lang)
        }
        Cmd::Resize { pod, container, memory, cpu } => podplay_node::resize::resize(
            &pod,
            container.as_deref(),
            &podplay_node::resize::Request { memory, cpu },
            lang,
        ),
        Cmd::Serve { port, allow_origin } => podplay_node::serve::serve(port, &allow_origin),
        Cmd::Sweep => {
            for name in podplay_node::state::sweep() {
                println!("swept pod/{name}");
            }
            0
        }
    };
    code(c)
}
