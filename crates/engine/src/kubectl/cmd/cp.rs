//! `kubectl cp`: copies a file out of a container into the terminal's
//! files, or one of the terminal's files (`editor.yaml`, a lesson file) into
//! a container. As kubectl does, both directions run `tar` inside the
//! container through the exec endpoint, so an image without `tar`
//! (distroless, scratch) fails with the runtime's exec error. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/cp/cp.go` (`Complete`,
//! `extractFileSpec`, `Run`, `copyToPod`, `copyFromPod`,
//! `checkDestinationIsDir`).

use std::fmt::Write as _;

use super::podcmd::pick_container;
use super::util::{api_error, Cmd};
use crate::kubectl::backend::{Backend, ExecOutput, StatusError};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::text::Text;

const USAGE: &str = "expected 'cp <file-spec-src> <file-spec-dest> [-c container]'.\n\t<file-spec> is:\n\t[namespace/]pod-name:/file/path for a remote file\n\t/file/path for a local file";

/// The most bytes copied in one go (the container's file limit).
const COPY_BYTES_MAX: usize = 256 * 1024;

/// One side of the copy (`fileSpec`).
struct Spec {
    namespace: Option<String>,
    pod: Option<String>,
    file: String,
}

/// `extractFileSpec`: `[namespace/]pod:path` or a local path.
fn file_spec(arg: &str) -> Result<Spec, String> {
    let Some(i) = arg.find(':') else {
        return Ok(Spec { namespace: None, pod: None, file: arg.to_string() });
    };
    let (pod_part, file) = (arg.get(..i).unwrap_or(""), arg.get(i + 1..).unwrap_or(""));
    let parts: Vec<&str> = pod_part.split('/').collect();
    match parts.as_slice() {
        [pod] => Ok(Spec { namespace: None, pod: Some(pod.to_string()), file: file.to_string() }),
        [ns, pod] => Ok(Spec { namespace: Some(ns.to_string()), pod: Some(pod.to_string()), file: file.to_string() }),
        _ => Err("filespec must match the canonical format: [[namespace/]pod:]file/path".to_string()),
    }
}

/// A local name as the terminal keeps its files: `./a.yaml` is `a.yaml`.
fn local_name(path: &str) -> String {
    path.trim_start_matches("./").to_string()
}

fn base_name(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or(path)
}

/// A shell word that keeps `text` exactly (single quotes, `'\''` for a quote).
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The exec endpoint's failure to start a program, as `kubectl exec`
/// prints it (see `exec.rs`).
fn exec_start_error(out: &mut CommandOutput, request: &str, ctr: &str, image_hint: &str) {
    let _ = writeln!(
        out.stderr,
        "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"tar\": executable file not found in $PATH: unknown",
        crate::hash::hex_digest(request, 64),
    );
    out.exit_code = 1;
    out.explain = Some(Text::new(
        format!("kubectl cp는 컨테이너 안에서 `tar`를 실행해 파일을 주고받습니다. `{ctr}` 컨테이너의 이미지({image_hint})에는 `tar`가 없어서(distroless, scratch 이미지) 복사할 수 없습니다. `kubectl debug`로 도구가 있는 임시 컨테이너를 붙이거나, 볼륨을 공유하는 다른 컨테이너에서 복사하세요."),
        format!("kubectl cp runs `tar` inside the container to move files. The image of container `{ctr}` ({image_hint}) has no `tar` (a distroless or scratch image), so nothing can be copied. Attach an ephemeral container with tools using `kubectl debug`, or copy from another container that shares the volume."),
    ));
}

/// `kubectl cp SRC DEST` (cmd/cp/cp.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let usage = || {
        CommandOutput::error(
            format!("error: {USAGE}\nSee 'kubectl cp -h' for help and examples"),
            Some(Text::new(
                "예: `kubectl cp web:/etc/nginx/nginx.conf nginx.conf` (파드에서 가져오기), `kubectl cp editor.yaml web:/tmp/editor.yaml` (파드로 보내기)",
                "For example: `kubectl cp web:/etc/nginx/nginx.conf nginx.conf` (out of a pod), `kubectl cp editor.yaml web:/tmp/editor.yaml` (into a pod).",
            )),
        )
    };
    let [src_arg, dest_arg] = c.inv.args.as_slice() else { return usage() };
    let (src, dest) = match (file_spec(src_arg), file_spec(dest_arg)) {
        (Ok(s), Ok(d)) => (s, d),
        (Err(e), _) | (_, Err(e)) => return CommandOutput::error(format!("error: {e}"), None),
    };
    if src.pod.is_some() && dest.pod.is_some() {
        return CommandOutput::error(
            "error: one of src or dest must be a local file specification",
            Some(Text::new(
                "kubectl cp는 파드와 로컬 사이에서만 복사합니다.",
                "kubectl cp copies between a pod and the local side only.",
            )),
        );
    }
    if src.file.is_empty() || dest.file.is_empty() {
        return CommandOutput::error("error: filepath can not be empty", None);
    }
    if let Some(pod) = &src.pod {
        let ns = src.namespace.clone().unwrap_or_else(|| c.ns.clone());
        return copy_from_pod(b, c, &ns, pod, &src.file, &dest.file);
    }
    if let Some(pod) = &dest.pod {
        let ns = dest.namespace.clone().unwrap_or_else(|| c.ns.clone());
        return copy_to_pod(b, c, &src.file, &ns, pod, &dest.file);
    }
    CommandOutput::error(
        "error: one of src or dest must be a remote file specification",
        Some(Text::new(
            "둘 중 하나는 `파드이름:/경로` 형식이어야 합니다.",
            "One side must be a remote file, written `pod:/path`.",
        )),
    )
}

/// The pod and container an exec goes to, with the `Defaulted container` note.
fn target<B: Backend + ?Sized>(
    b: &B,
    c: &Cmd,
    ns: &str,
    pod: &str,
    out: &mut CommandOutput,
) -> Result<(String, String), CommandOutput> {
    let Some(p) = b.pods().into_iter().find(|p| p.metadata.namespace == ns && p.metadata.name == pod) else {
        return Err(api_error(StatusError::not_found("pods", pod)));
    };
    let ctr = pick_container(&p, c.inv.get("container"), out)?;
    let image =
        p.spec.containers.iter().chain(&p.spec.init_containers).find(|x| x.name == ctr).and_then(|x| x.image.clone());
    Ok((ctr, image.unwrap_or_default()))
}

fn exec<B: Backend + ?Sized>(
    b: &mut B,
    ns: &str,
    pod: &str,
    ctr: &str,
    argv: &[&str],
) -> Result<ExecOutput, StatusError> {
    let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
    b.exec(ns, pod, ctr, &argv)
}

/// `copyFromPod`: `tar cf - PATH` in the container, unpacked on the local side.
fn copy_from_pod<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    ns: &str,
    pod: &str,
    path: &str,
    dest: &str,
) -> CommandOutput {
    let mut out = CommandOutput::default();
    let (ctr, image) = match target(b, c, ns, pod, &mut out) {
        Ok(t) => t,
        Err(mut e) => {
            e.stderr = format!("{}{}", out.stderr, e.stderr);
            return e;
        }
    };
    // The exec's ErrOut is kubectl's stdout here (cp.go `initReadFrom`), so
    // the `Defaulted container` note lands there.
    out.stdout = std::mem::take(&mut out.stderr);
    // kubectl runs `tar cf - PATH`; the simulation reads the file the same
    // way tar would, and an image with no userland refuses to start it.
    let read = match exec(b, ns, pod, &ctr, &["cat", path]) {
        Ok(r) => r,
        Err(e) => return with_notes(out, api_error(e)),
    };
    if read.stderr.starts_with("OCI runtime exec failed:") {
        exec_start_error(&mut out, &format!("{ns}/{pod}/{ctr}/{path}"), &ctr, &image);
        return out;
    }
    if read.exit_code != 0 {
        // tar's complaint reaches kubectl's stdout (its ErrOut is o.Out).
        let _ = writeln!(out.stdout, "tar: {path}: No such file or directory");
        let _ = writeln!(out.stdout, "tar: error exit delayed from previous errors");
        let _ = writeln!(out.stderr, "error: command terminated with exit code 1");
        out.exit_code = 1;
        out.explain = Some(Text::new(
            format!("`{ctr}` 컨테이너에 `{path}` 파일이 없습니다(디렉터리는 이 터미널에서 복사하지 않습니다). `kubectl exec {pod} -c {ctr} -- ls`로 경로를 확인하세요."),
            format!("Container `{ctr}` has no file `{path}` (this terminal copies files, not directories). Check the path with `kubectl exec {pod} -c {ctr} -- ls`."),
        ));
        return out;
    }
    if path.starts_with('/') {
        out.stdout.push_str("tar: removing leading '/' from member names\n");
    }
    let name =
        if dest == "." || dest == "./" || dest.ends_with('/') { base_name(path).to_string() } else { local_name(dest) };
    let mut text = read.stdout;
    if text.len() > COPY_BYTES_MAX {
        let mut cut = COPY_BYTES_MAX;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    out.files.insert(name.clone(), text);
    out.explain = Some(Text::new(
        format!("`{pod}` 파드의 `{ctr}` 컨테이너에서 `{path}`를 로컬 파일 `{name}`(으)로 복사했습니다."),
        format!("Copied `{path}` from container `{ctr}` of pod `{pod}` to the local file `{name}`."),
    ));
    out
}

/// `copyToPod`: `tar -xmf - -C DIR` in the container, fed with the local file.
fn copy_to_pod<B: Backend + ?Sized>(b: &mut B, c: &Cmd, src: &str, ns: &str, pod: &str, dest: &str) -> CommandOutput {
    let name = local_name(src);
    let Some(content) = c.ctx.files.get(&name).cloned() else {
        let files: Vec<&str> = c.ctx.files.keys().map(String::as_str).collect();
        return CommandOutput::error(
            format!("error: {src} doesn't exist in local filesystem"),
            Some(Text::new(
                format!("로컬 파일 `{src}`이(가) 없습니다. 이 터미널에서 쓸 수 있는 파일: {}", files.join(", ")),
                format!("There is no local file `{src}`. The files this terminal has: {}", files.join(", ")),
            )),
        );
    };
    let mut out = CommandOutput::default();
    let (ctr, image) = match target(b, c, ns, pod, &mut out) {
        Ok(t) => t,
        Err(mut e) => {
            e.stderr = format!("{}{}", out.stderr, e.stderr);
            return e;
        }
    };
    // checkDestinationIsDir: `test -d DEST`; a directory receives the file by its name.
    let is_dir = exec(b, ns, pod, &ctr, &["test", "-d", dest]).is_ok_and(|r| r.exit_code == 0);
    let dest_file =
        if is_dir { format!("{}/{}", dest.trim_end_matches('/'), base_name(src)) } else { dest.to_string() };
    let dir = match dest_file.rsplit_once('/') {
        Some(("", _)) => "/".to_string(),
        Some((d, _)) => d.to_string(),
        None => ".".to_string(),
    };
    // kubectl runs `tar -xmf - -C DIR`; an image with no userland refuses to start it.
    let dir_check = match exec(b, ns, pod, &ctr, &["test", "-d", &dir]) {
        Ok(r) => r,
        Err(e) => return with_notes(out, api_error(e)),
    };
    if dir_check.stderr.starts_with("OCI runtime exec failed:") {
        exec_start_error(&mut out, &format!("{ns}/{pod}/{ctr}/{dest}/in"), &ctr, &image);
        return out;
    }
    if dir_check.exit_code != 0 {
        let _ = writeln!(out.stderr, "tar: can't change directory to '{dir}': No such file or directory");
        let _ = writeln!(out.stderr, "command terminated with exit code 1");
        out.exit_code = 1;
        out.explain = Some(Text::new(
            format!("`{ctr}` 컨테이너에 `{dir}` 디렉터리가 없습니다. 있는 디렉터리로 복사하거나 먼저 `kubectl exec {pod} -c {ctr} -- mkdir -p {dir}`로 만드세요."),
            format!("Container `{ctr}` has no directory `{dir}`. Copy into one that exists, or create it first with `kubectl exec {pod} -c {ctr} -- mkdir -p {dir}`."),
        ));
        return out;
    }
    let script = format!("printf '%s' {} > {}", quoted(&content), quoted(&dest_file));
    match exec(b, ns, pod, &ctr, &["sh", "-c", &script]) {
        Ok(r) if r.exit_code == 0 => {}
        Ok(r) => {
            let msg = r.stderr.trim_end().trim_start_matches("sh: ").to_string();
            let _ = writeln!(out.stderr, "tar: {msg}");
            let _ = writeln!(out.stderr, "command terminated with exit code 1");
            out.exit_code = 1;
            return out;
        }
        Err(e) => return with_notes(out, api_error(e)),
    }
    out.changed.push(ObjectChange {
        kind: "Pod".into(),
        namespace: ns.to_string(),
        name: pod.to_string(),
        action: ChangeAction::Updated,
    });
    out.explain = Some(Text::new(
        format!("로컬 파일 `{src}`을(를) `{pod}` 파드의 `{ctr}` 컨테이너 `{dest_file}`에 복사했습니다. 컨테이너가 다시 시작되면 볼륨 밖에 쓴 파일은 사라집니다."),
        format!("Copied the local file `{src}` to `{dest_file}` in container `{ctr}` of pod `{pod}`. Files written outside a volume are lost when the container restarts."),
    ));
    out
}

/// An error after notes already printed (the `Defaulted container` line).
fn with_notes(notes: CommandOutput, mut e: CommandOutput) -> CommandOutput {
    e.stderr = format!("{}{}", notes.stderr, e.stderr);
    e
}
