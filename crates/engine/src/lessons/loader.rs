//! The lesson pack loader: file contents in (a map path → text, embedded at
//! build time or fetched over HTTP), a checked `Pack` out, or every problem
//! found, each located to `file:line:col` and explained in both languages.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::locate::{locate, parse_path, Seg};
use super::markdown::{self, Step};
use super::schema::{Check, Index, Lesson, LessonMode, Section, CHECK_KINDS};
use crate::text::{Lang, Text};
use crate::yaml::DecodeError;

/// A problem in a lesson pack, located in its file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadError {
    /// The file's key in the pack, e.g. `lessons/07-sidecar/lesson.yaml`.
    pub file: String,
    /// 1-based line; 0 when the problem is the file as a whole.
    pub line: u32,
    /// 1-based column; 0 when the problem is the file as a whole.
    pub col: u32,
    pub message: Text,
}

impl LoadError {
    fn whole(file: &str, ko: impl Into<String>, en: impl Into<String>) -> LoadError {
        LoadError { file: file.to_string(), line: 0, col: 0, message: Text::new(ko, en) }
    }

    pub(super) fn at(
        file: &str,
        pos: Option<(usize, usize)>,
        ko: impl Into<String>,
        en: impl Into<String>,
    ) -> LoadError {
        let (line, col) = pos.unwrap_or((0, 0));
        LoadError {
            file: file.to_string(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
            message: Text::new(ko, en),
        }
    }

    /// `file:line:col: message` in the given language (no line:col when the
    /// problem is the whole file).
    pub fn render(&self, lang: Lang) -> String {
        if self.line == 0 {
            format!("{}: {}", self.file, self.message.get(lang))
        } else {
            format!("{}:{}:{}: {}", self.file, self.line, self.col, self.message.get(lang))
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A loaded, checked lesson pack.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    /// The sections from `index.yaml`, in order.
    pub sections: Vec<Section>,
    /// Every lesson in course order.
    pub lessons: Vec<LoadedLesson>,
}

impl Pack {
    /// The lesson with this id (its folder name).
    pub fn lesson(&self, id: &str) -> Option<&LoadedLesson> {
        self.lessons.iter().find(|l| l.lesson.id == id)
    }
}

/// One lesson with its story and files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadedLesson {
    /// `lesson.yaml`.
    pub lesson: Lesson,
    /// The id of the section it belongs to.
    pub section: String,
    /// The story from `ko.md`, one step per `##` heading.
    pub steps_ko: Vec<Step>,
    /// The story from `en.md`, one step per `##` heading.
    pub steps_en: Vec<Step>,
    /// The story's `#` title in each language, if written.
    pub story_title: Text,
    /// The starter file's text (what the editor starts with).
    pub starter: String,
    /// Every other referenced file, by its name in the lesson folder.
    pub files: BTreeMap<String, String>,
}

impl LoadedLesson {
    /// The story in one language.
    pub fn steps(&self, lang: Lang) -> &[Step] {
        match lang {
            Lang::Ko => &self.steps_ko,
            Lang::En => &self.steps_en,
        }
    }
}

/// The upper bound of lessons in a pack and of a pack file's size.
pub const LESSONS_MAX: usize = 500;
/// The upper bound of one file's size in a pack, in bytes.
pub const FILE_BYTES_MAX: usize = 256 * 1024;

/// Finds the pack root: the directory of the shortest `index.yaml` key
/// (`""` for `index.yaml`, `"lessons/"` for `lessons/index.yaml`).
fn root_of(files: &BTreeMap<String, String>) -> Option<String> {
    files
        .keys()
        .filter(|k| k.as_str() == "index.yaml" || k.ends_with("/index.yaml"))
        .min_by_key(|k| k.len())
        .map(|k| k.trim_end_matches("index.yaml").to_string())
}

/// Parses `index.yaml` alone. A teacher pack served over HTTP is fetched in
/// two rounds: `index.yaml`, then each lesson's `lesson.yaml`, then the
/// files `Lesson::referenced_files` lists.
pub fn parse_index(file: &str, text: &str) -> Result<Index, Vec<LoadError>> {
    crate::yaml::from_str::<Index>(text).map_err(|e| vec![yaml_error(file, text, &e)])
}

/// Parses one `lesson.yaml`, locating every error.
/// A troubleshoot lesson that names no `starter` has none (an empty
/// `starter`): the editor starts empty.
pub fn parse_lesson(file: &str, text: &str) -> Result<Lesson, Vec<LoadError>> {
    match crate::yaml::from_str::<Lesson>(text) {
        Ok(mut lesson) => {
            if lesson.mode == LessonMode::Troubleshoot && !names_starter(text) {
                lesson.starter = String::new();
            }
            Ok(lesson)
        }
        Err(e) => {
            let mut checks = check_errors(file, text);
            let about_checks = matches!(&e, DecodeError::Decode { path, .. } if path.starts_with("checks"));
            if checks.is_empty() || !about_checks {
                checks.insert(0, yaml_error(file, text, &e));
            }
            Err(checks)
        }
    }
}

/// Whether `lesson.yaml` writes a `starter` key.
fn names_starter(text: &str) -> bool {
    crate::yaml::load(text).documents.into_iter().next().is_some_and(|doc| doc.root.get("starter").is_some())
}

/// Parses each check on its own, so that every bad check is reported with
/// its own position (an error inside an internally tagged enum carries no
/// path below the list item).
fn check_errors(file: &str, text: &str) -> Vec<LoadError> {
    let Some(doc) = crate::yaml::load(text).documents.into_iter().next() else { return Vec::new() };
    let Some(items) = doc.root.get("checks").and_then(|c| c.as_seq()) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if let Err(DecodeError::Decode { path: inner_path, message: msg, .. }) =
            crate::yaml::from_node::<Check>(Some(item))
        {
            let (inner_path, msg) = (inner_path.as_str(), msg.as_str());
            let mut path = vec![Seg::Key("checks"), Seg::Index(i)];
            path.extend(parse_path(inner_path));
            out.push(explain(file, text, &path, msg));
        }
    }
    out
}

/// Turns a read or decode error into a located, bilingual load error.
fn yaml_error(file: &str, text: &str, e: &DecodeError) -> LoadError {
    let (path_text, msg) = match e {
        DecodeError::Syntax(d) => ("", d.message.as_str()),
        DecodeError::Decode { path, message, .. } => (path.as_str(), message.as_str()),
    };
    let mut err = explain(file, text, &parse_path(path_text), msg);
    // The reader's own position is exact (the node the error is about).
    if let Some((line, col)) = e.position() {
        err.line = line;
        err.col = col;
    }
    err
}

/// The name between the first pair of backquotes.
fn backquoted(msg: &str) -> Option<&str> {
    let start = msg.find('`')? + 1;
    let len = msg.get(start..)?.find('`')?;
    msg.get(start..start + len)
}

fn explain(file: &str, text: &str, path: &[Seg<'_>], msg: &str) -> LoadError {
    let in_check = matches!(path, [Seg::Key("checks"), Seg::Index(_), ..]);
    if msg.starts_with("unknown variant") {
        let name = backquoted(msg).unwrap_or("");
        let mut p = path.to_vec();
        if in_check && p.len() == 2 {
            p.push(Seg::Key("kind"));
        }
        let pos = locate(text, &p);
        if in_check {
            let list = CHECK_KINDS.join(", ");
            return LoadError::at(
                file,
                pos,
                format!("알 수 없는 검사 종류 \"{name}\"입니다. 가능한 값: {list}"),
                format!("unknown check kind \"{name}\"; expected one of {list}"),
            );
        }
        let expected = msg
            .split_once(", expected ")
            .map(|(_, e)| e.trim_start_matches("one of ").replace('`', ""))
            .unwrap_or_default();
        return LoadError::at(
            file,
            pos,
            format!("알 수 없는 값 \"{name}\"입니다. 가능한 값: {expected}"),
            format!("unknown value \"{name}\"; expected one of {expected}"),
        );
    }
    if msg.starts_with("unknown field") {
        let name = backquoted(msg).unwrap_or("");
        let mut p = path.to_vec();
        p.push(Seg::Key(name));
        let expected = msg
            .split_once(", expected ")
            .map(|(_, e)| e.trim_start_matches("one of ").replace('`', ""))
            .unwrap_or_default();
        return LoadError::at(
            file,
            locate(text, &p),
            format!("알 수 없는 필드 \"{name}\"입니다. 가능한 필드: {expected}"),
            format!("unknown field \"{name}\"; expected {expected}"),
        );
    }
    if msg.starts_with("missing field") {
        let name = backquoted(msg).unwrap_or("");
        return LoadError::at(
            file,
            locate(text, path),
            format!("필수 필드 \"{name}\"이(가) 없습니다."),
            format!("missing required field \"{name}\""),
        );
    }
    LoadError::at(
        file,
        locate(text, path),
        format!("YAML을 읽을 수 없습니다: {msg}"),
        format!("cannot read the YAML: {msg}"),
    )
}

/// Loads and checks a whole pack. Keys are paths with `/`; the pack root is
/// the folder of `index.yaml` (`index.yaml` or `lessons/index.yaml`, say).
/// Every problem is reported, not only the first.
pub fn load_pack(files: &BTreeMap<String, String>) -> Result<Pack, Vec<LoadError>> {
    let mut errors = Vec::new();
    let Some(root) = root_of(files) else {
        return Err(vec![LoadError::whole(
            "index.yaml",
            "index.yaml이 없습니다. 레슨 팩의 최상위 폴더에 있어야 합니다.",
            "index.yaml is missing; it must be at the top of the lesson pack",
        )]);
    };
    for (key, text) in files {
        if text.len() > FILE_BYTES_MAX {
            errors.push(LoadError::whole(
                key,
                format!("파일이 너무 큽니다({} 바이트). 최대 {FILE_BYTES_MAX} 바이트입니다.", text.len()),
                format!("file too large ({} bytes); at most {FILE_BYTES_MAX}", text.len()),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let index_key = format!("{root}index.yaml");
    let index_text = files.get(&index_key).map(String::as_str).unwrap_or("");
    let index = parse_index(&index_key, index_text)?;

    // Each lesson appears once, and its folder name is well formed.
    let mut listed: Vec<(String, String)> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut section_ids = BTreeSet::new();
    for (si, section) in index.sections.iter().enumerate() {
        if !section_ids.insert(section.id.clone()) {
            let pos = locate(index_text, &[Seg::Key("sections"), Seg::Index(si), Seg::Key("id")]);
            errors.push(LoadError::at(
                &index_key,
                pos,
                format!("섹션 id \"{}\"가 중복됩니다.", section.id),
                format!("duplicate section id \"{}\"", section.id),
            ));
        }
        for (li, id) in section.lessons.iter().enumerate() {
            let pos =
                || locate(index_text, &[Seg::Key("sections"), Seg::Index(si), Seg::Key("lessons"), Seg::Index(li)]);
            if !seen.insert(id.clone()) {
                errors.push(LoadError::at(
                    &index_key,
                    pos(),
                    format!("레슨 \"{id}\"가 두 번 나옵니다."),
                    format!("lesson \"{id}\" is listed twice"),
                ));
                continue;
            }
            if !valid_folder_name(id) {
                errors.push(LoadError::at(
                    &index_key,
                    pos(),
                    format!("레슨 폴더 이름 \"{id}\"은(는) NN-slug 형식이어야 합니다(숫자 두 자리, 소문자, 숫자, '-')."),
                    format!("lesson folder name \"{id}\" must look like NN-slug (two digits, lowercase letters, digits, '-')"),
                ));
                continue;
            }
            if !files.contains_key(&format!("{root}{id}/lesson.yaml")) {
                errors.push(LoadError::at(
                    &index_key,
                    pos(),
                    format!("레슨 \"{id}\"의 {root}{id}/lesson.yaml이 없습니다."),
                    format!("lesson \"{id}\": {root}{id}/lesson.yaml is missing"),
                ));
                continue;
            }
            listed.push((id.clone(), section.id.clone()));
        }
    }
    if listed.len() > LESSONS_MAX {
        errors.push(LoadError::whole(
            &index_key,
            format!("레슨이 너무 많습니다. 최대 {LESSONS_MAX}개입니다."),
            format!("too many lessons; at most {LESSONS_MAX}"),
        ));
        return Err(errors);
    }

    // Every lesson folder is in the index.
    let folders: BTreeSet<&str> = files
        .keys()
        .filter_map(|k| k.strip_prefix(root.as_str()))
        .filter_map(|rest| rest.split_once('/').map(|(dir, _)| dir))
        .collect();
    for dir in folders {
        if !seen.contains(dir) {
            errors.push(LoadError::whole(
                &format!("{root}{dir}/"),
                "이 폴더는 index.yaml에 없습니다. 섹션의 lessons 목록에 추가하세요.",
                "this folder is not in index.yaml; add it to a section's lessons",
            ));
        }
    }

    let ids: BTreeSet<String> = listed.iter().map(|(id, _)| id.clone()).collect();
    let mut lessons = Vec::new();
    for (id, section) in &listed {
        match load_lesson(files, &root, id, section, &ids) {
            Ok(l) => lessons.push(l),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(Pack { sections: index.sections, lessons })
    } else {
        Err(errors)
    }
}

fn valid_folder_name(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() > 3
        && bytes.len() <= 63
        && bytes.iter().take(2).all(u8::is_ascii_digit)
        && bytes.get(2) == Some(&b'-')
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && !id.ends_with('-')
}

fn load_lesson(
    files: &BTreeMap<String, String>,
    root: &str,
    id: &str,
    section: &str,
    ids: &BTreeSet<String>,
) -> Result<LoadedLesson, Vec<LoadError>> {
    let dir = format!("{root}{id}/");
    let key = format!("{dir}lesson.yaml");
    let text = files.get(&key).map(String::as_str).unwrap_or("");
    let lesson = parse_lesson(&key, text)?;
    let mut errors = Vec::new();
    let at = |path: &[Seg<'_>]| locate(text, path);
    if lesson.id != id {
        errors.push(LoadError::at(
            &key,
            at(&[Seg::Key("id")]),
            format!("id \"{}\"가 폴더 이름 \"{id}\"와 다릅니다.", lesson.id),
            format!("id \"{}\" differs from the folder name \"{id}\"", lesson.id),
        ));
    }
    if lesson.title.ko.trim().is_empty() || lesson.title.en.trim().is_empty() {
        errors.push(LoadError::at(
            &key,
            at(&[Seg::Key("title")]),
            "제목은 한국어(ko)와 영어(en) 모두 필요합니다.",
            "the title needs both Korean (ko) and English (en)",
        ));
    }
    if lesson.hints.ko.len() != lesson.hints.en.len() {
        errors.push(LoadError::at(
            &key,
            at(&[Seg::Key("hints")]),
            format!("힌트 개수가 다릅니다: ko {}개, en {}개.", lesson.hints.ko.len(), lesson.hints.en.len()),
            format!("hint counts differ: ko {}, en {}", lesson.hints.ko.len(), lesson.hints.en.len()),
        ));
    }
    if lesson.checks.is_empty() {
        errors.push(LoadError::at(
            &key,
            at(&[Seg::Key("checks")]),
            "검사(checks)가 하나 이상 필요합니다.",
            "at least one check is needed",
        ));
    }
    if lesson.solution.is_empty() {
        errors.push(LoadError::at(
            &key,
            at(&[Seg::Key("solution")]),
            "풀이(solution)가 비었습니다.",
            "the solution is empty",
        ));
    }
    for (i, check) in lesson.checks.iter().enumerate() {
        let goal = check.goal();
        if goal.ko.trim().is_empty() || goal.en.trim().is_empty() {
            errors.push(LoadError::at(
                &key,
                at(&[Seg::Key("checks"), Seg::Index(i), Seg::Key("goal")]),
                "goal은 한국어(ko)와 영어(en) 모두 필요합니다.",
                "the goal needs both Korean (ko) and English (en)",
            ));
        }
        if let Check::NamespaceShared { containers, .. } = check {
            if containers.len() < 2 {
                errors.push(LoadError::at(
                    &key,
                    at(&[Seg::Key("checks"), Seg::Index(i), Seg::Key("containers")]),
                    "containers에는 컨테이너가 둘 이상 필요합니다.",
                    "containers needs at least two names",
                ));
            }
        }
    }
    let mut other = BTreeMap::new();
    for name in lesson.referenced_files() {
        let file_key = format!("{dir}{name}");
        if name.contains("..") || name.starts_with('/') {
            errors.push(LoadError::at(
                &key,
                None,
                format!("파일 이름 \"{name}\"은(는) 레슨 폴더 안의 상대 경로여야 합니다."),
                format!("file name \"{name}\" must be a relative path inside the lesson folder"),
            ));
            continue;
        }
        match files.get(&file_key) {
            Some(t) => {
                other.insert(name, t.clone());
            }
            None => errors.push(LoadError::whole(
                &file_key,
                format!("lesson.yaml이 참조하는 파일 {name}이(가) 없습니다."),
                format!("file {name}, referenced by lesson.yaml, is missing"),
            )),
        }
    }
    let ko_md = other.remove("ko.md").unwrap_or_default();
    let en_md = other.remove("en.md").unwrap_or_default();
    let starter = other.get(&lesson.starter).cloned().unwrap_or_default();
    let steps_ko = markdown::steps(&ko_md);
    let steps_en = markdown::steps(&en_md);
    if files.contains_key(&format!("{dir}ko.md")) && files.contains_key(&format!("{dir}en.md")) {
        if steps_ko.is_empty() || steps_en.is_empty() {
            errors.push(LoadError::whole(
                &format!("{dir}ko.md"),
                "이야기에는 `##` 단계가 하나 이상 필요합니다(ko.md, en.md 모두).",
                "the story needs at least one `##` step (in both ko.md and en.md)",
            ));
        } else if steps_ko.len() != steps_en.len() {
            errors.push(LoadError::whole(
                &format!("{dir}ko.md"),
                format!("단계 수가 다릅니다: ko.md {}개, en.md {}개.", steps_ko.len(), steps_en.len()),
                format!("step counts differ: ko.md {}, en.md {}", steps_ko.len(), steps_en.len()),
            ));
        }
    }
    for (lang_file, md) in [("ko.md", &ko_md), ("en.md", &en_md)] {
        for link in markdown::links(md) {
            if let Some(problem) = bad_link(&link, &dir, files, ids) {
                errors.push(LoadError::whole(&format!("{dir}{lang_file}"), problem.ko, problem.en));
            }
        }
    }
    for p in super::lint::problems(text, &lesson, steps_ko.len().min(steps_en.len())) {
        errors.push(LoadError::at(&key, p.pos, p.message.ko, p.message.en));
    }
    let story_title =
        Text::new(markdown::title(&ko_md).unwrap_or_default(), markdown::title(&en_md).unwrap_or_default());
    if errors.is_empty() {
        Ok(LoadedLesson {
            lesson,
            section: section.to_string(),
            steps_ko,
            steps_en,
            story_title,
            starter,
            files: other,
        })
    } else {
        Err(errors)
    }
}

/// Links may go to another lesson (`#/lesson/ID`), to the web (`https:`), or
/// to a file in the lesson folder.
fn bad_link(link: &str, dir: &str, files: &BTreeMap<String, String>, ids: &BTreeSet<String>) -> Option<Text> {
    if let Some(rest) = link.strip_prefix("#/lesson/") {
        let id = rest.split(['#', '?', '/']).next().unwrap_or("");
        return (!ids.contains(id)).then(|| {
            Text::new(
                format!("링크 {link}: 레슨 \"{id}\"이(가) index.yaml에 없습니다."),
                format!("link {link}: lesson \"{id}\" is not in index.yaml"),
            )
        });
    }
    if link.starts_with("https://") || link.starts_with("http://") || link.starts_with('#') {
        return None;
    }
    let path = link.split(['#', '?']).next().unwrap_or("");
    if path.contains(':') || path.contains("..") || path.starts_with('/') {
        return Some(Text::new(
            format!("링크 {link}: 레슨 링크(#/lesson/..), 웹 주소, 레슨 폴더 안의 파일만 쓸 수 있습니다."),
            format!("link {link}: only lesson links (#/lesson/..), web addresses and files in the lesson folder are allowed"),
        ));
    }
    (!files.contains_key(&format!("{dir}{path}")))
        .then(|| Text::new(format!("링크 {link}: 파일이 없습니다."), format!("link {link}: no such file")))
}
