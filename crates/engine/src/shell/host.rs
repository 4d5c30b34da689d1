//! What the shell needs from the world around it: the container's files, the
//! pod's network, its hostname and process table. `internals` implements it
//! for one container of one sandbox; tests implement it in memory.

use crate::time::SimTime;

/// A program that answers on a port the container listens on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Service {
    /// An HTTP server serving files from `docroot` (nginx, httpd, python).
    Http { server: String, docroot: String },
    /// A Redis-like key-value server (PING, GET, SET, INCR).
    Redis,
    /// A TCP proxy (socat, envoy): forwards to `host:port`.
    Forward { host: String, port: u16 },
    /// `nc -l`: accepts and echoes nothing back.
    Listener,
}

/// What a client asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proto {
    Http {
        path: String,
    },
    /// One line of a line-oriented TCP protocol (Redis inline commands).
    Line {
        payload: String,
    },
    /// Just connect (`nc -z`, tcpSocket probes).
    Connect,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub host: String,
    pub port: u16,
    pub proto: Proto,
    /// The client program, as server access logs show it (`Wget`, `curl/8.5.0`).
    pub agent: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// HTTP status, or 0 for non-HTTP answers.
    pub status: u16,
    pub body: String,
    /// The address the host resolved to (`127.0.0.1`, the pod IP, an external IP).
    pub addr: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetError {
    /// Nothing listens on that port: `Connection refused`.
    Refused { addr: String },
    /// The name does not resolve.
    BadAddress,
}

/// The container's view of the world, as the interpreter sees it. Errors are
/// the tail of the message BusyBox prints (`No such file or directory`).
pub trait Host {
    fn now(&self) -> SimTime;
    fn hostname(&self) -> String;
    /// The ports the container's manifest declares (`containerPort`), which
    /// an image the simulation does not know listens on. Kept out of the
    /// environment: a learner's `env` shows only what Kubernetes sets.
    fn declared_ports(&self) -> Vec<u16> {
        Vec::new()
    }
    fn read(&mut self, path: &str) -> Result<String, String>;
    /// The part of a file from byte `offset` of its logical length on (files
    /// that grow without bound keep only their tail; offsets stay valid).
    fn read_from(&mut self, path: &str, offset: usize) -> Result<String, String> {
        self.read(path).map(|t| t.get(offset..).unwrap_or("").to_string())
    }
    /// Writes (or appends) to a file, creating it; `Read-only file system` etc. on error.
    fn write(&mut self, path: &str, data: &str, append: bool) -> Result<(), String>;
    /// Size of a regular file, `None` if absent or a directory.
    fn file_len(&self, path: &str) -> Option<usize>;
    fn is_dir(&self, path: &str) -> bool;
    /// Names in a directory, sorted.
    fn list(&self, path: &str) -> Result<Vec<String>, String>;
    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), String>;
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), String>;
    /// A number that changes whenever any file this container can see changes.
    fn fs_version(&self) -> u64;
    /// `ps` lines for this container's pid namespace, given this program's own processes.
    fn ps(&self, own: &[(u32, String)]) -> Vec<String>;
    fn request(&mut self, req: &Request) -> Result<Response, NetError>;
    /// Binds a port; false if another container holds it (each program
    /// words the failure its own way).
    fn listen(&mut self, port: u16, service: Service) -> bool;
    /// Resident memory the program allocated on top of the image's base.
    fn set_extra_memory(&mut self, bytes: u64);
    /// Declares how busy the CPU is, in millicores.
    fn set_cpu(&mut self, millicores: u64);
    /// A fresh PID in this container's pid namespace.
    fn next_pid(&mut self) -> u32;
    /// A line to the container's log (stdout or stderr).
    fn log(&mut self, line: &str, stderr: bool);
    /// Explains (in Korean and English) a limit of the simulation the
    /// program just hit; the log line itself stays in the tool's English.
    fn explain(&mut self, text: crate::text::Text) {
        let _ = text;
    }
    /// The working directory `pwd` prints.
    fn cwd(&self) -> String {
        "/".to_string()
    }
    /// A program this host has beyond the shell's own commands (a node's
    /// `crictl`, `lsns`, `systemctl`): its stdout, stderr and exit code, or
    /// `None` when the host does not have it either.
    fn tool(&mut self, argv: &[String]) -> Option<(String, String, i32)> {
        let _ = argv;
        None
    }
}
