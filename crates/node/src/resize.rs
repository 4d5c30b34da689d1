//! `podplay-node resize POD -c C --memory X --cpu Y`: in-place resize of a
//! running container, as the kubelet does it for the `resize` subresource
//! (GA in 1.35): the container keeps running and the runtime rewrites its
//! cgroup (containerd's UpdateContainerResources). cgroup v2 gets
//! memory.max and cpu.max; v1 gets memory.limit_in_bytes (with
//! memory.memsw.limit_in_bytes kept equal, raised first or lowered last)
//! and cpu.cfs_quota_us. Follows pkg/kubelet/cm/helpers_linux.go for the
//! CPU quota and runc's libcontainer/cgroups/fs/memory.go for the order.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use podplay_engine::quantity::Quantity;
use podplay_engine::{Lang, Text};

use crate::msg::t;
use crate::pod::CPU_PERIOD_US;

/// What to change; `None` leaves a resource as it is.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub memory: Option<String>,
    pub cpu: Option<String>,
}

/// `resize POD [-c CONTAINER] [--memory Q] [--cpu Q]`.
pub fn resize(pod: &str, container: Option<&str>, req: &Request, lang: Lang) -> i32 {
    match resize_inner(pod, container, req) {
        Ok(lines) => {
            for l in lines {
                println!("{l}");
            }
            0
        }
        Err(text) => {
            eprintln!("error: {}", text.get(lang));
            1
        }
    }
}

fn resize_inner(pod: &str, container: Option<&str>, req: &Request) -> Result<Vec<String>, Text> {
    let Some((_, st)) = crate::state::find_pod(pod) else {
        return Err(t(
            format!("실행 중인 파드 \"{pod}\"를 찾지 못했습니다."),
            format!("no running pod named \"{pod}\"."),
        ));
    };
    let c = crate::inspect::pick_container(&st, container).map_err(|e| t(e.clone(), e))?;
    if req.memory.is_none() && req.cpu.is_none() {
        return Err(t("--memory나 --cpu 중 하나는 지정해야 합니다.", "give --memory, --cpu or both."));
    }
    if st.cgroup_layout == "none" || c.cgroups.is_empty() {
        return Err(t(
            "이 파드는 cgroup 없이 실행 중이라(root가 아님) 자원을 바꿀 수 없습니다.",
            "this pod runs without cgroups (not root), so its resources cannot be changed.",
        ));
    }
    let mut done = Vec::new();
    if let Some(m) = &req.memory {
        let q = Quantity::parse(m).map_err(|e| {
            t(format!("--memory {m:?}: 잘못된 수량입니다: {e:?}"), format!("--memory {m:?}: invalid quantity: {e:?}"))
        })?;
        let bytes = q.value().max(4096);
        done.push(set_memory(&c.cgroups, bytes)?);
    }
    if let Some(cpu) = &req.cpu {
        let q = Quantity::parse(cpu).map_err(|e| {
            t(format!("--cpu {cpu:?}: 잘못된 수량입니다: {e:?}"), format!("--cpu {cpu:?}: invalid quantity: {e:?}"))
        })?;
        // MilliCPUToQuota: at least 1 ms per period.
        let quota = (q.milli_value().max(1) * CPU_PERIOD_US / 1000).max(1000);
        done.push(set_cpu(&c.cgroups, quota)?);
    }
    let mut lines = vec![format!("pod/{} resized (container {})", st.name, c.name)];
    lines.extend(done);
    Ok(lines)
}

fn find_file(dirs: &[PathBuf], file: &str) -> Option<PathBuf> {
    dirs.iter().map(|d| d.join(file)).find(|f| f.exists())
}

fn read_i64(f: &Path) -> Option<i64> {
    fs::read_to_string(f).ok()?.split_whitespace().next()?.parse().ok()
}

/// Writes `value`, retrying for up to 2 s while the kernel answers EBUSY
/// (v1: it could not reclaim below the new limit yet).
fn write_retrying(f: &Path, value: &str) -> std::io::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        match fs::write(f, value) {
            Err(e) if e.raw_os_error() == Some(libc::EBUSY) && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

fn set_memory(dirs: &[PathBuf], bytes: i64) -> Result<String, Text> {
    let fail = |file: &Path, e: std::io::Error| {
        let usage = find_file(dirs, "memory.usage_in_bytes")
            .or_else(|| find_file(dirs, "memory.current"))
            .and_then(|f| read_i64(&f))
            .map(|u| u.to_string())
            .unwrap_or_else(|| "?".into());
        t(
            format!("{}에 {bytes}을 쓰지 못했습니다: {e}. 컨테이너가 지금 {usage}바이트를 쓰고 있어 커널이 새 제한 아래로 메모리를 회수하지 못했습니다(Kubernetes 1.35도 사용량보다 낮은 메모리 제한으로 줄이는 resize는 진행하지 않습니다).", file.display()),
            format!("cannot write {bytes} to {}: {e}. The container uses {usage} bytes now and the kernel could not reclaim below the new limit (Kubernetes 1.35 does not carry out a memory limit decrease below current usage either).", file.display()),
        )
    };
    if let Some(max) = find_file(dirs, "memory.max") {
        let before = fs::read_to_string(&max).unwrap_or_default().trim().to_string();
        fs::write(&max, bytes.to_string()).map_err(|e| fail(&max, e))?;
        return Ok(format!("{}: {before} -> {bytes}", max.display()));
    }
    let Some(limit) = find_file(dirs, "memory.limit_in_bytes") else {
        return Err(t("메모리 cgroup 파일이 없습니다.", "the container has no memory cgroup file."));
    };
    let before = read_i64(&limit).unwrap_or(0);
    let memsw = find_file(dirs, "memory.memsw.limit_in_bytes");
    // memsw must stay >= the limit: raise it first, lower it last.
    if let (Some(sw), true) = (&memsw, bytes > before) {
        write_retrying(sw, &bytes.to_string()).map_err(|e| fail(sw, e))?;
    }
    write_retrying(&limit, &bytes.to_string()).map_err(|e| fail(&limit, e))?;
    if let (Some(sw), false) = (&memsw, bytes > before) {
        write_retrying(sw, &bytes.to_string()).map_err(|e| fail(sw, e))?;
    }
    let now = read_i64(&limit).unwrap_or(bytes);
    Ok(format!("{}: {before} -> {now}", limit.display()))
}

fn set_cpu(dirs: &[PathBuf], quota: i64) -> Result<String, Text> {
    let fail = |file: &Path, e: std::io::Error| {
        t(format!("{}에 쓰지 못했습니다: {e}", file.display()), format!("cannot write {}: {e}", file.display()))
    };
    if let Some(max) = find_file(dirs, "cpu.max") {
        let before = fs::read_to_string(&max).unwrap_or_default().trim().to_string();
        let value = format!("{quota} {CPU_PERIOD_US}");
        fs::write(&max, &value).map_err(|e| fail(&max, e))?;
        return Ok(format!("{}: {before} -> {value}", max.display()));
    }
    let Some(file) = find_file(dirs, "cpu.cfs_quota_us") else {
        return Err(t("CPU cgroup 파일이 없습니다.", "the container has no CPU cgroup file."));
    };
    let before = read_i64(&file).unwrap_or(-1);
    if let Some(period) = find_file(dirs, "cpu.cfs_period_us") {
        fs::write(&period, CPU_PERIOD_US.to_string()).map_err(|e| fail(&period, e))?;
    }
    fs::write(&file, quota.to_string()).map_err(|e| fail(&file, e))?;
    Ok(format!("{}: {before} -> {quota}", file.display()))
}
