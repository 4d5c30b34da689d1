//! A small in-memory filesystem: one tree per image root and per volume,
//! with bounded sizes. Paths inside a tree are relative and normalised
//! (`var/log/app.log`); the empty path is the tree's root.

use std::collections::BTreeMap;

/// Bytes a file keeps; older bytes of an ever-growing file are dropped
/// (its logical length keeps growing so `tail -f` offsets stay right).
pub const FILE_BYTES_MAX: usize = 256 * 1024;
/// Bytes a tree holds before writes fail with `No space left on device`.
pub const TREE_BYTES_MAX: usize = 16 * 1024 * 1024;
/// Entries a tree holds.
pub const TREE_ENTRIES_MAX: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsNode {
    Dir,
    /// `data` is the kept tail; `dropped` counts bytes dropped before it.
    File {
        data: String,
        dropped: usize,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    nodes: BTreeMap<String, FsNode>,
    bytes: usize,
    /// Bytes ever written (what `du` would count, for sizeLimit checks).
    pub written: usize,
}

/// Splits and normalises an absolute or relative path into components.
pub fn components(path: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            c => out.push(c.to_string()),
        }
        if out.len() > 64 {
            break;
        }
    }
    out
}

/// The normalised absolute form of a path (`/a/b`).
pub fn normalize(path: &str) -> String {
    format!("/{}", components(path).join("/"))
}

fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(p, _)| p)
}

impl Tree {
    pub fn new() -> Tree {
        Tree::default()
    }

    /// Total bytes held now.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn get(&self, rel: &str) -> Option<&FsNode> {
        if rel.is_empty() {
            return Some(&FsNode::Dir);
        }
        self.nodes.get(rel)
    }

    pub fn is_dir(&self, rel: &str) -> bool {
        matches!(self.get(rel), Some(FsNode::Dir))
    }

    /// Logical length of a file.
    pub fn file_len(&self, rel: &str) -> Option<usize> {
        match self.get(rel) {
            Some(FsNode::File { data, dropped }) => Some(dropped + data.len()),
            _ => None,
        }
    }

    pub fn read(&self, rel: &str) -> Result<&str, &'static str> {
        match self.get(rel) {
            Some(FsNode::File { data, .. }) => Ok(data),
            Some(FsNode::Dir) => Err("Is a directory"),
            None => Err("No such file or directory"),
        }
    }

    /// Reads from a logical offset (clamped to what is kept).
    pub fn read_from(&self, rel: &str, offset: usize) -> Result<String, &'static str> {
        match self.get(rel) {
            Some(FsNode::File { data, dropped }) => {
                let mut at = offset.saturating_sub(*dropped).min(data.len());
                while !data.is_char_boundary(at) {
                    at -= 1;
                }
                Ok(data.get(at..).unwrap_or("").to_string())
            }
            Some(FsNode::Dir) => Err("Is a directory"),
            None => Err("No such file or directory"),
        }
    }

    /// Creates every missing directory on the way to `rel` (inclusive).
    pub fn mkdir_all(&mut self, rel: &str) -> Result<(), &'static str> {
        let mut cur = String::new();
        for c in rel.split('/').filter(|c| !c.is_empty()) {
            if !cur.is_empty() {
                cur.push('/');
            }
            cur.push_str(c);
            match self.nodes.get(&cur) {
                Some(FsNode::Dir) => {}
                Some(FsNode::File { .. }) => return Err("Not a directory"),
                None => {
                    if self.nodes.len() >= TREE_ENTRIES_MAX {
                        return Err("No space left on device");
                    }
                    self.nodes.insert(cur.clone(), FsNode::Dir);
                }
            }
        }
        Ok(())
    }

    pub fn mkdir(&mut self, rel: &str, parents: bool) -> Result<(), &'static str> {
        if parents {
            return self.mkdir_all(rel);
        }
        if self.get(rel).is_some() {
            return Err("File exists");
        }
        if !self.is_dir(parent(rel)) {
            return Err("No such file or directory");
        }
        self.mkdir_all(rel)
    }

    /// Writes or appends; the parent directory must exist. `cap` bounds the
    /// tree's bytes (a tmpfs `sizeLimit`), on top of [`TREE_BYTES_MAX`].
    pub fn write(&mut self, rel: &str, text: &str, append: bool, cap: Option<usize>) -> Result<(), &'static str> {
        if rel.is_empty() {
            return Err("Is a directory");
        }
        if !self.is_dir(parent(rel)) {
            return Err("nonexistent directory");
        }
        let old_len = match self.nodes.get(rel) {
            Some(FsNode::Dir) => return Err("Is a directory"),
            Some(FsNode::File { data, .. }) => data.len(),
            None => {
                if self.nodes.len() >= TREE_ENTRIES_MAX {
                    return Err("No space left on device");
                }
                0
            }
        };
        let kept_after = if append { old_len + text.len() } else { text.len() };
        let new_total = self.bytes.saturating_sub(old_len).saturating_add(kept_after.min(FILE_BYTES_MAX));
        let limit = cap.unwrap_or(usize::MAX).min(TREE_BYTES_MAX);
        if new_total > limit && kept_after > old_len {
            return Err("No space left on device");
        }
        let node = self.nodes.entry(rel.to_string()).or_insert(FsNode::File { data: String::new(), dropped: 0 });
        if let FsNode::File { data, dropped } = node {
            if append {
                data.push_str(text);
            } else {
                *dropped = 0;
                *data = text.to_string();
            }
            if data.len() > FILE_BYTES_MAX {
                let mut cut = data.len() - FILE_BYTES_MAX;
                while !data.is_char_boundary(cut) {
                    cut += 1;
                }
                data.drain(..cut);
                *dropped += cut;
            }
            let len = data.len();
            self.bytes = self.bytes.saturating_sub(old_len).saturating_add(len);
        }
        self.written = self.written.saturating_add(text.len());
        Ok(())
    }

    pub fn remove(&mut self, rel: &str, recursive: bool) -> Result<(), &'static str> {
        match self.nodes.get(rel) {
            None => Err("No such file or directory"),
            Some(FsNode::File { data, .. }) => {
                let len = data.len();
                self.nodes.remove(rel);
                self.bytes = self.bytes.saturating_sub(len);
                Ok(())
            }
            Some(FsNode::Dir) => {
                let prefix = format!("{rel}/");
                let children: Vec<String> = self
                    .nodes
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, _)| k.clone())
                    .collect();
                if !children.is_empty() && !recursive {
                    return Err("Is a directory");
                }
                for c in children {
                    if let Some(FsNode::File { data, .. }) = self.nodes.remove(&c) {
                        self.bytes = self.bytes.saturating_sub(data.len());
                    }
                }
                self.nodes.remove(rel);
                Ok(())
            }
        }
    }

    /// Names directly inside a directory, sorted.
    pub fn list(&self, rel: &str) -> Result<Vec<String>, &'static str> {
        match self.get(rel) {
            Some(FsNode::Dir) => {}
            Some(FsNode::File { .. }) => return Err("Not a directory"),
            None => return Err("No such file or directory"),
        }
        let prefix = if rel.is_empty() { String::new() } else { format!("{rel}/") };
        Ok(self
            .nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, _)| k.get(prefix.len()..))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .map(str::to_string)
            .take(TREE_ENTRIES_MAX)
            .collect())
    }

    /// Every file, with its path and content (for the UI).
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.nodes.iter().filter_map(|(k, n)| match n {
            FsNode::File { data, .. } => Some((k.as_str(), data.as_str())),
            FsNode::Dir => None,
        })
    }

    /// Puts a file in place, creating parent directories (image contents,
    /// configMap keys).
    pub fn put(&mut self, rel: &str, text: &str) {
        let _ = self.mkdir_all(parent(rel));
        let _ = self.write(rel, text, false, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growing_files_keep_their_logical_length() {
        let mut t = Tree::new();
        let line = "x".repeat(1000) + "\n";
        for _ in 0..400 {
            t.write("log", &line, true, None).unwrap_or(());
        }
        assert_eq!(t.file_len("log"), Some(400 * 1001));
        assert!(t.bytes() <= FILE_BYTES_MAX);
        assert_eq!(t.read_from("log", 399 * 1001).map(|s| s.len()), Ok(1001));
    }

    #[test]
    fn paths_normalise_and_parents_must_exist() {
        assert_eq!(normalize("/var/./log/../log//a"), "/var/log/a");
        let mut t = Tree::new();
        assert_eq!(t.write("a/b", "x", false, None), Err("nonexistent directory"));
        t.put("a/b", "x");
        assert_eq!(t.list("a"), Ok(vec!["b".to_string()]));
        assert_eq!(t.write("c", "12345", false, Some(3)), Err("No space left on device"));
    }
}
