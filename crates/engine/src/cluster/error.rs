//! API errors with upstream's text (what `kubectl` prints) and a short
//! explanation for learners in Korean and English.

use std::fmt;

use crate::text::Text;

/// Why the API refused a request (`metav1.StatusReason`, the reasons of
/// `staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go` this
/// simulation answers with).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorReason {
    /// `StatusReasonUnknown` (the empty string): no server reason, as for an
    /// error kubectl finds itself (printed as `error: …`).
    Unknown,
    AlreadyExists,
    NotFound,
    Invalid,
    Forbidden,
    BadRequest,
    /// A part of the API this playground does not serve yet.
    ServiceUnavailable,
}

impl ErrorReason {
    /// Every reason, for lookups by name.
    const ALL: [ErrorReason; 7] = [
        ErrorReason::Unknown,
        ErrorReason::AlreadyExists,
        ErrorReason::NotFound,
        ErrorReason::Invalid,
        ErrorReason::Forbidden,
        ErrorReason::BadRequest,
        ErrorReason::ServiceUnavailable,
    ];

    /// The reason as the API spells it (`NotFound`); empty for [`Self::Unknown`].
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorReason::Unknown => "",
            ErrorReason::AlreadyExists => "AlreadyExists",
            ErrorReason::NotFound => "NotFound",
            ErrorReason::Invalid => "Invalid",
            ErrorReason::Forbidden => "Forbidden",
            ErrorReason::BadRequest => "BadRequest",
            ErrorReason::ServiceUnavailable => "ServiceUnavailable",
        }
    }

    /// The reason with this name; a name this simulation never answers with
    /// reads as [`Self::Unknown`], as client-go reads an unrecognised reason.
    pub fn from_name(name: &str) -> ErrorReason {
        ErrorReason::ALL.into_iter().find(|r| r.as_str() == name).unwrap_or(ErrorReason::Unknown)
    }
}

impl fmt::Display for ErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ErrorReason {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorReason {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An API error: upstream's message plus our explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub reason: ErrorReason,
    /// The HTTP status code the apiserver would answer with.
    pub code: u16,
    /// The message exactly as `kubectl` shows it after `Error from server (…):`.
    pub message: String,
    pub explain: Text,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    pub fn already_exists(resource: &str, name: &str) -> ApiError {
        ApiError {
            reason: ErrorReason::AlreadyExists,
            code: 409,
            message: format!("{resource} \"{name}\" already exists"),
            explain: Text::new(
                format!("같은 네임스페이스에 이름이 \"{name}\"인 오브젝트가 이미 있습니다. 이름은 네임스페이스 안에서 유일해야 합니다. 바꾸려면 apply를, 새로 만들려면 다른 이름을 쓰세요."),
                format!("An object named \"{name}\" already exists in this namespace; names are unique per namespace. Use apply to change it, or pick another name."),
            ),
        }
    }

    pub fn not_found(resource: &str, name: &str) -> ApiError {
        ApiError {
            reason: ErrorReason::NotFound,
            code: 404,
            message: format!("{resource} \"{name}\" not found"),
            explain: Text::new(
                format!("\"{name}\"이라는 오브젝트가 없습니다. 이름과 네임스페이스를 확인하세요."),
                format!("There is no object named \"{name}\". Check the name and the namespace."),
            ),
        }
    }

    pub fn invalid(kind: &str, name: &str, detail: &str, explain: Text) -> ApiError {
        ApiError {
            reason: ErrorReason::Invalid,
            code: 422,
            message: format!("{kind} \"{name}\" is invalid: {detail}"),
            explain,
        }
    }

    pub fn forbidden(message: String, explain: Text) -> ApiError {
        ApiError { reason: ErrorReason::Forbidden, code: 403, message, explain }
    }

    pub fn bad_request(message: String, explain: Text) -> ApiError {
        ApiError { reason: ErrorReason::BadRequest, code: 400, message, explain }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorReason;

    #[test]
    fn every_reason_reads_back_from_its_name() {
        for r in ErrorReason::ALL {
            assert_eq!(ErrorReason::from_name(r.as_str()), r);
            assert!(r == r.as_str());
        }
        assert_eq!(ErrorReason::from_name("NoSuchReason"), ErrorReason::Unknown);
    }
}
