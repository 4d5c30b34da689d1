//! A task's descriptors at work: writing to the log, a capture buffer, a
//! file or a pipe, and reading lines from standard input.

use super::host::Host;
use super::process::{Process, Sink, Source, CAPTURE_BYTES_MAX, PARTIAL_LINE_MAX, PIPE_BYTES_MAX};

impl Process {
    pub(super) fn flush_partial(&mut self, host: &mut dyn Host) {
        for fd in 0..2 {
            if let Some(rest) = self.partial.get_mut(fd) {
                if !rest.is_empty() {
                    let line = std::mem::take(rest);
                    host.log(&line, fd == 1);
                }
            }
        }
    }

    /// Writes to the task's stdout (`fd` 1) or stderr (`fd` 2). Returns
    /// false if the reader of its pipe is gone (SIGPIPE).
    pub(crate) fn write(&mut self, i: usize, fd: u8, text: &str, host: &mut dyn Host) -> bool {
        if text.is_empty() {
            return true;
        }
        self.charge(text.len());
        let sink = match self.tasks.get(i) {
            Some(t) if fd == 2 => t.err.clone(),
            Some(t) => t.out.clone(),
            None => return true,
        };
        match sink {
            Sink::Null => true,
            Sink::Log => {
                let slot = usize::from(fd == 2);
                let mut buf = std::mem::take(&mut self.partial[slot]);
                buf.push_str(text);
                while let Some(pos) = buf.find('\n') {
                    let line: String = buf.drain(..=pos).collect();
                    host.log(line.trim_end_matches('\n'), fd == 2);
                }
                if buf.len() > PARTIAL_LINE_MAX {
                    host.log(&buf, fd == 2);
                    buf.clear();
                }
                self.partial[slot] = buf;
                true
            }
            Sink::Capture => {
                let slot = usize::from(fd == 2);
                let c = &mut self.captured[slot];
                if c.len() < CAPTURE_BYTES_MAX {
                    c.push_str(text);
                }
                true
            }
            Sink::File(path) => {
                if let Err(e) = host.write(&path, text, true) {
                    // Reported once per command; the command then fails.
                    if !self.write_error {
                        self.write_error = true;
                        let _ = self.write(i, 2, &format!("sh: write error: {e}\n"), host);
                    }
                }
                true
            }
            Sink::Pipe(p) => match self.pipes.get_mut(p) {
                Some(pipe) if pipe.readers > 0 => {
                    if pipe.buf.len() < PIPE_BYTES_MAX * 2 {
                        pipe.buf.push_str(text);
                    }
                    true
                }
                _ => false,
            },
        }
    }

    /// Reads one line from the task's stdin: `Some(Some(line))`, `Some(None)` at
    /// end of input, `None` if it must wait.
    pub(crate) fn read_line(&mut self, i: usize) -> Option<Option<String>> {
        let src = self.tasks.get_mut(i).map(|t| &mut t.stdin)?;
        match src {
            Source::Null => Some(None),
            Source::Text { text, pos } => {
                let rest = text.get(*pos..).unwrap_or("");
                if rest.is_empty() {
                    return Some(None);
                }
                let (line, used) = match rest.find('\n') {
                    Some(n) => (rest.get(..n).unwrap_or("").to_string(), n + 1),
                    None => (rest.to_string(), rest.len()),
                };
                *pos += used;
                Some(Some(line))
            }
            Source::Pipe(p) => {
                let p = *p;
                let pipe = self.pipes.get_mut(p)?;
                if let Some(n) = pipe.buf.find('\n') {
                    let line: String = pipe.buf.drain(..=n).collect();
                    return Some(Some(line.trim_end_matches('\n').to_string()));
                }
                if pipe.writers == 0 {
                    if pipe.buf.is_empty() {
                        return Some(None);
                    }
                    return Some(Some(std::mem::take(&mut pipe.buf)));
                }
                None
            }
        }
    }
}
