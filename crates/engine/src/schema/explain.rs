//! `explain`: look up a field path such as `pod.spec.containers.resources`
//! over the embedded schema, like `kubectl explain`.

use super::{schema, Ty};
use crate::text::Lang;

/// Hand-written Korean descriptions for the fields lessons use.
const KO: &str = include_str!("ko.tsv");

/// What `explain` tells about a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The path as asked, normalised, e.g. `pod.spec.containers`.
    pub path: String,
    /// The type as `kubectl explain` prints it, e.g. `[]Container`.
    pub type_name: String,
    /// Whether the field is required.
    pub required: bool,
    /// The description in the asked language (English when no Korean one
    /// exists yet).
    pub description: String,
    /// The fields of an object type: `(name, type, required)`.
    pub fields: Vec<(String, String, bool)>,
}

/// Why `explain` found nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainError {
    pub message: crate::text::Text,
}

fn type_name(ty: &Ty) -> String {
    let s = schema();
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Quantity => "Quantity".into(),
        Ty::IntOrString => "IntOrString".into(),
        Ty::Any => "Object".into(),
        Ty::List(inner) => format!("[]{}", type_name(inner)),
        Ty::Map(inner) => format!("map[string]{}", type_name(inner)),
        Ty::Object(i) => s.ty(*i).map(|t| t.go_name.clone()).unwrap_or_default(),
    }
}

fn ko_description(path: &str) -> Option<&'static str> {
    KO.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(p, _)| *p == path)
        .map(|(_, d)| d)
}

/// Explains `path` (`<kind>.<field>.<field>…`, case-insensitive kind).
pub fn explain(path: &str, lang: Lang) -> Result<Explanation, ExplainError> {
    let s = schema();
    let mut parts = path.trim().split('.').filter(|p| !p.is_empty());
    let kind = parts.next().unwrap_or("");
    let Some((_, kind_name)) = s.kinds().find(|(_, k)| k.eq_ignore_ascii_case(kind)) else {
        return Err(ExplainError {
            message: crate::text::Text::new(
                format!("알 수 없는 리소스 종류입니다: `{kind}`. 예: pod.spec.containers"),
                format!("the server doesn't have a resource type \"{kind}\"; try pod.spec.containers"),
            ),
        });
    };
    let mut versions = s.versions_of(kind_name);
    versions.sort();
    let mut ty_index = versions.first().and_then(|v| s.kind(v, kind_name)).unwrap_or(0);
    let mut norm = kind_name.to_ascii_lowercase();
    let mut ty = Ty::Object(ty_index);
    let mut required = false;
    // A kind alone is described by its type (kubectl explain prints the
    // schema's description of the kind, e.g. `Pod is a collection of …`).
    let mut description = s.ty(ty_index).map(|t| t.description.clone()).unwrap_or_default();
    for part in parts {
        let inner = strip(&ty);
        let Ty::Object(i) = inner else {
            return Err(not_found(path, part));
        };
        ty_index = i;
        let Some(field) = s.ty(ty_index).and_then(|t| t.field(part)) else {
            return Err(not_found(path, part));
        };
        norm = format!("{norm}.{}", field.name);
        ty = field.ty.clone();
        required = field.required;
        description = field.description.clone();
    }
    let key = norm.clone();
    if lang == Lang::Ko {
        if let Some(ko) = ko_description(&key) {
            description = ko.to_string();
        }
    }
    let fields = match strip(&ty) {
        Ty::Object(i) => s
            .ty(i)
            .map(|t| t.fields.iter().map(|f| (f.name.clone(), type_name(&f.ty), f.required)).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(Explanation { path: norm, type_name: type_name(&ty), required, description, fields })
}

/// The element type under lists and maps.
fn strip(ty: &Ty) -> Ty {
    let mut t = ty.clone();
    for _ in 0..8 {
        match t {
            Ty::List(inner) | Ty::Map(inner) => t = *inner,
            other => return other,
        }
    }
    t
}

fn not_found(path: &str, part: &str) -> ExplainError {
    ExplainError {
        message: crate::text::Text::new(
            format!("`{path}`에서 `{part}` 필드를 찾을 수 없습니다."),
            format!("field \"{part}\" does not exist in \"{path}\""),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_resources() {
        let e = explain("pod.spec.containers.resources", Lang::En).unwrap();
        assert_eq!(e.type_name, "ResourceRequirements");
        assert!(e.fields.iter().any(|(n, t, _)| n == "limits" && t == "map[string]Quantity"));
        let ko = explain("Pod.spec.containers.resources", Lang::Ko).unwrap();
        assert!(ko.description.contains("요청"), "{}", ko.description);
    }

    #[test]
    fn explains_containers_as_list() {
        let e = explain("pod.spec.containers", Lang::En).unwrap();
        assert_eq!(e.type_name, "[]Container");
        assert!(e.required);
        assert!(e.description.contains("containers"), "{}", e.description);
    }

    /// Fields typed by reference to another type lost their description in
    /// the client's swagger; the generator takes them from k8s-openapi.
    #[test]
    fn reference_typed_fields_have_their_description() {
        for (path, words) in [
            ("pod.spec.containers.resources", "Compute Resources required by this container"),
            ("pod.spec.affinity", "If specified, the pod's scheduling constraints"),
            ("pod.metadata", "Standard object's metadata"),
            (
                "pod.spec.containers.securityContext",
                "SecurityContext defines the security options the container should be run with",
            ),
            ("deployment.spec.template", "Template describes the pods that will be created"),
            ("cronjob.spec.jobTemplate", "Specifies the job that will be created when executing a CronJob"),
        ] {
            let e = explain(path, Lang::En).unwrap();
            assert!(e.description.contains(words), "{path}: {:?}", e.description);
        }
    }

    #[test]
    fn almost_every_field_is_described() {
        // Only `IngressRule.http` has no description upstream at all.
        let s = schema();
        let empty: Vec<String> = s
            .types
            .iter()
            .flat_map(|t| {
                t.fields.iter().filter(|f| f.description.is_empty()).map(move |f| format!("{}.{}", t.go_name, f.name))
            })
            .collect();
        assert_eq!(empty, ["IngressRule.http"]);
    }

    #[test]
    fn unknown_paths_are_errors() {
        assert!(explain("pod.spec.sepc", Lang::En).is_err());
        assert!(explain("nosuchkind", Lang::Ko).is_err());
        assert!(explain("pod.spec.restartPolicy.x", Lang::En).is_err());
    }

    #[test]
    fn every_korean_path_exists() {
        for line in KO.lines().filter(|l| !l.starts_with('#')) {
            let (p, _) = line.split_once('\t').unwrap();
            assert!(explain(p, Lang::Ko).is_ok(), "{p}");
        }
    }
}
