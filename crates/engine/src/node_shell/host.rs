//! The [`Host`] a node shell runs in: the node's disk (a [`Tree`]), its
//! process table and namespaces (`/proc`, `ps`), and the node's own
//! programs beyond the shell (`crictl`, `lsns`, `systemctl`, `journalctl`).

use crate::internals::fs::{components, Tree};
use crate::internals::node_view::NodeSandbox;
use crate::shell::{Host, NetError, Request, Response, Service};
use crate::text::Text;
use crate::time::SimTime;

use super::procs::{self, HostProc};

pub(super) struct NodeHost<'a> {
    node: &'a str,
    cwd: &'a str,
    disk: &'a mut Tree,
    sandboxes: &'a [NodeSandbox],
    journal: &'a [String],
    procs: Vec<HostProc>,
    now: SimTime,
    version: u64,
    next_pid: u32,
    explain: Option<Text>,
}

impl<'a> NodeHost<'a> {
    pub(super) fn new(
        node: &'a str,
        cwd: &'a str,
        disk: &'a mut Tree,
        sandboxes: &'a [NodeSandbox],
        journal: &'a [String],
        now: SimTime,
    ) -> NodeHost<'a> {
        let procs = procs::processes(node, sandboxes);
        NodeHost { node, cwd, disk, sandboxes, journal, procs, now, version: 0, next_pid: 4000, explain: None }
    }

    pub(super) fn take_explain(&mut self) -> Option<Text> {
        self.explain.take()
    }

    /// A path as components from `/`, relative ones taken from the working directory.
    fn comps(&self, path: &str) -> Vec<String> {
        if path.starts_with('/') {
            components(path)
        } else {
            components(&format!("{}/{path}", self.cwd))
        }
    }

    fn rel(&self, path: &str) -> String {
        self.comps(path).join("/")
    }

    fn is_proc(comps: &[String]) -> bool {
        comps.first().map(String::as_str) == Some("proc")
    }
}

impl Host for NodeHost<'_> {
    fn now(&self) -> SimTime {
        self.now
    }

    fn hostname(&self) -> String {
        self.node.to_string()
    }

    fn read(&mut self, path: &str) -> Result<String, String> {
        let comps = self.comps(path);
        if Self::is_proc(&comps) {
            return procs::proc_read(&self.procs, &comps);
        }
        let rel = comps.join("/");
        if self.disk.is_dir(&rel) {
            return Err("Is a directory".into());
        }
        self.disk.read(&rel).map(str::to_string).map_err(str::to_string)
    }

    fn write(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        let comps = self.comps(path);
        if Self::is_proc(&comps) {
            return Err("Permission denied".into());
        }
        self.version += 1;
        self.disk.write(&comps.join("/"), data, append, None).map_err(str::to_string)
    }

    fn file_len(&self, path: &str) -> Option<usize> {
        let comps = self.comps(path);
        if Self::is_proc(&comps) {
            return None;
        }
        self.disk.file_len(&comps.join("/"))
    }

    fn is_dir(&self, path: &str) -> bool {
        let comps = self.comps(path);
        if Self::is_proc(&comps) {
            return procs::proc_is_dir(&self.procs, &comps);
        }
        self.disk.is_dir(&comps.join("/"))
    }

    fn list(&self, path: &str) -> Result<Vec<String>, String> {
        let comps = self.comps(path);
        if Self::is_proc(&comps) {
            return procs::proc_list(&self.procs, &comps);
        }
        let mut names = self.disk.list(&comps.join("/")).map_err(str::to_string)?;
        if comps.is_empty() {
            names.push("proc".into());
            names.sort();
        }
        Ok(names)
    }

    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), String> {
        self.version += 1;
        let rel = self.rel(path);
        self.disk.mkdir(&rel, parents).map_err(str::to_string)
    }

    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), String> {
        let rel = self.rel(path);
        if rel.is_empty() || rel == "proc" || rel.starts_with("proc/") {
            return Err("Permission denied".into());
        }
        self.version += 1;
        self.disk.remove(&rel, recursive).map_err(str::to_string)
    }

    fn fs_version(&self) -> u64 {
        self.version
    }

    fn ps(&self, _own: &[(u32, String)]) -> Vec<String> {
        procs::ps_lines(&self.procs)
    }

    fn request(&mut self, req: &Request) -> Result<Response, NetError> {
        let _ = req;
        self.explain = Some(Text::new(
            "노드 셸에서의 네트워크 요청은 시뮬레이션하지 않습니다. 파드 안에서 `kubectl exec`로 요청해 보세요.",
            "Network requests from the node shell are not simulated. Try them from inside a pod with `kubectl exec`.",
        ));
        Err(NetError::BadAddress)
    }

    fn listen(&mut self, _port: u16, _service: Service) -> bool {
        false
    }

    fn set_extra_memory(&mut self, _bytes: u64) {}

    fn set_cpu(&mut self, _millicores: u64) {}

    fn next_pid(&mut self) -> u32 {
        self.next_pid = self.next_pid.saturating_add(1);
        self.next_pid
    }

    fn log(&mut self, _line: &str, _stderr: bool) {}

    fn explain(&mut self, text: Text) {
        self.explain = Some(text);
    }

    fn cwd(&self) -> String {
        self.cwd.to_string()
    }

    fn tool(&mut self, argv: &[String]) -> Option<(String, String, i32)> {
        let name = argv.first().map(|a| crate::shell::base_name(a))?;
        let args = argv.get(1..).unwrap_or(&[]);
        match name {
            "crictl" => Some(super::crictl::run(self.node, self.sandboxes, args, self.now)),
            "lsns" => Some(procs::lsns(&self.procs, args)),
            "systemctl" => Some(super::tools::systemctl(self.node, args, self.now)),
            "journalctl" => Some(super::tools::journalctl(self.journal, args)),
            "vi" | "vim" | "nano" => {
                self.explain = Some(Text::new(
                    "이 노드 셸에는 편집기가 없습니다. `cat <<EOF > 파일` 히어 문서로 파일을 새로 쓰거나 `sed -i 's/이전/새것/' 파일`로 고치세요.",
                    "This node shell has no editor. Rewrite the file with a here-document (`cat <<EOF > FILE`) or change it with `sed -i 's/old/new/' FILE`.",
                ));
                Some((String::new(), format!("sh: {name}: not found\n"), 127))
            }
            _ => None,
        }
    }
}
