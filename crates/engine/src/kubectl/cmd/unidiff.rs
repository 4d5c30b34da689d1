//! A line diff in the unified format of GNU `diff -u` (three lines of
//! context, `@@ -l,s +l,s @@` hunk headers, a count of 1 left out), the
//! program `kubectl diff` runs by default. The edit script is a longest
//! common subsequence taken from the front, removals before additions, as
//! GNU diff shows a changed block.

/// The most lines either side may have for a line-by-line comparison;
/// past it the whole text is shown as replaced (bounded work in wasm).
const LINES_MAX: usize = 1500;

/// Lines of context around each change.
const CONTEXT: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Keep,
    Remove,
    Add,
}

/// The edit script from `a` to `b`.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    if n > LINES_MAX || m > LINES_MAX {
        let mut ops = vec![Op::Remove; n];
        ops.extend(vec![Op::Add; m]);
        return ops;
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = m + 1;
    let mut lcs = vec![0u16; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let v = if a.get(i) == b.get(j) {
                lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0).saturating_add(1)
            } else {
                let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(slot) = lcs.get_mut(i * width + j) {
                *slot = v;
            }
        }
    }
    let at = |i: usize, j: usize| lcs.get(i * width + j).copied().unwrap_or(0);
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && a.get(i) == b.get(j) {
            ops.push(Op::Keep);
            i += 1;
            j += 1;
        } else if i < n && (j >= m || at(i + 1, j) >= at(i, j + 1)) {
            ops.push(Op::Remove);
            i += 1;
        } else {
            ops.push(Op::Add);
            j += 1;
        }
    }
    ops
}

/// `start,count` as GNU diff prints a range (`start` alone for one line;
/// the line before for an empty range).
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{},0", start.saturating_sub(1)),
        1 => start.to_string(),
        _ => format!("{start},{count}"),
    }
}

/// The hunks of a unified diff from `old` to `new` (no file header), empty
/// when they are equal.
pub(crate) fn hunks(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = script(&a, &b);
    // Each op with the line numbers (0-based) it stands at.
    let mut rows = Vec::with_capacity(ops.len());
    let (mut i, mut j) = (0usize, 0usize);
    for op in ops {
        rows.push((op, i, j));
        match op {
            Op::Keep => {
                i += 1;
                j += 1;
            }
            Op::Remove => i += 1,
            Op::Add => j += 1,
        }
    }
    let changes: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.0 != Op::Keep).map(|(k, _)| k).collect();
    let mut out = String::new();
    let mut k = 0;
    while let Some(&first) = changes.get(k) {
        // Extend the hunk while the next change is within two contexts.
        let mut last = first;
        while let Some(&next) = changes.get(k + 1) {
            if next - last > 2 * CONTEXT {
                break;
            }
            last = next;
            k += 1;
        }
        k += 1;
        let from = first.saturating_sub(CONTEXT);
        let to = (last + CONTEXT + 1).min(rows.len());
        let slice = rows.get(from..to).unwrap_or(&[]);
        let Some(&(_, i0, j0)) = slice.first() else { continue };
        let old_count = slice.iter().filter(|r| r.0 != Op::Add).count();
        let new_count = slice.iter().filter(|r| r.0 != Op::Remove).count();
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(if old_count == 0 { i0 } else { i0 + 1 }, old_count),
            range(if new_count == 0 { j0 } else { j0 + 1 }, new_count)
        ));
        for &(op, i, j) in slice {
            let (mark, line) = match op {
                Op::Keep => (' ', a.get(i)),
                Op::Remove => ('-', a.get(i)),
                Op::Add => ('+', b.get(j)),
            };
            out.push(mark);
            out.push_str(line.copied().unwrap_or(""));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::hunks;

    #[test]
    fn gnu_diff_u_format() {
        assert_eq!(hunks("a\nb\nc\n", "a\nb\nc\n"), "");
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(hunks(old, new), "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
        assert_eq!(hunks("", "x\ny\n"), "@@ -0,0 +1,2 @@\n+x\n+y\n");
        assert_eq!(hunks("x\n", "y\n"), "@@ -1 +1 @@\n-x\n+y\n");
        // Changes more than six lines apart make two hunks.
        let old = "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n";
        let new = "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n";
        assert_eq!(hunks(old, new), "@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n");
    }
}
