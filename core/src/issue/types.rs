//! Every kind of issue with its message template, for documentation (like pydantic-core's
//! `list_all_errors`). Placeholders in braces name the context the kind carries.

use super::IssueCode;

/// One kind of issue: its name, code, and the shape of its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct IssueType {
    /// The [`IssueKind`](super::IssueKind) variant, in snake case.
    pub kind: &'static str,
    pub code: IssueCode,
    pub message: &'static str,
    pub suggestion: Option<&'static str>,
}

const fn issue_type(
    kind: &'static str,
    code: IssueCode,
    message: &'static str,
    suggestion: Option<&'static str>,
) -> IssueType {
    IssueType {
        kind,
        code,
        message,
        suggestion,
    }
}

/// Every kind validation reports (not [`IssueKind::Rendered`](super::IssueKind::Rendered), which is any of
/// them read back), in the order of the codes.
pub fn issue_types() -> &'static [IssueType] {
    use IssueCode::*;
    const TYPES: &[IssueType] = &[
        issue_type(
            "model_missing",
            MissingField,
            "`model` is required",
            Some("known models: {models}"),
        ),
        issue_type("missing_field", MissingField, "`{field}` is required", None),
        issue_type(
            "unknown_model",
            UnknownModel,
            "`{id}` is not a model of the catalog",
            Some("did you mean `{closest}`? known models: {models}"),
        ),
        issue_type(
            "unknown_field",
            UnknownField,
            "`{key}` is not a field of model `{model}`",
            Some("did you mean `{closest}`?"),
        ),
        issue_type(
            "omitted_field",
            UnknownField,
            "model `{model}` does not accept `{field}` (given as `{key}`) \
             [lenient: dropped `{field}` (given as `{key}`): model `{model}` does not accept it]",
            Some("remove it, or validate in lenient mode to drop it"),
        ),
        issue_type(
            "request_not_object",
            InvalidType,
            "the request must be a JSON object, got {seen}",
            None,
        ),
        issue_type(
            "model_not_string",
            InvalidType,
            "`model` must be a string, got {seen}",
            Some("known models: {models}"),
        ),
        issue_type(
            "invalid_type",
            InvalidType,
            "`{field}` must be {expected}, got {seen}",
            None,
        ),
        issue_type(
            "empty_video_source",
            InvalidType,
            "`{field}` must not be empty",
            Some("give an operation id, a video URL or an inline video data URL"),
        ),
        issue_type(
            "out_of_range",
            OutOfRange,
            "`{field}` must be {range}, got {given}",
            Some("accepted: {range}"),
        ),
        issue_type(
            "not_finite",
            OutOfRange,
            "`{field}` must be a finite number, got {given}",
            None,
        ),
        issue_type(
            "empty_image_list",
            OutOfRange,
            "`{field}` must hold at least one image",
            Some("leave `{field}` out, or give one or more inline images"),
        ),
        issue_type(
            "not_accepted",
            NotAccepted,
            "`{field}` does not accept `{given}`",
            Some("did you mean `{same_but_case}`? accepted: {accepted}"),
        ),
        issue_type(
            "alias_conflict",
            AliasConflict,
            "`{key}` and `{first}` both set `{field}`",
            Some("give `{field}` once"),
        ),
        issue_type(
            "media_object",
            InvalidMedia,
            "`{field}` {problem}",
            Some("use {example}"),
        ),
        issue_type(
            "invalid_media",
            InvalidMedia,
            "`{field}`: {the image|the video} {problem}",
            Some("accepted media types: {accepted}"),
        ),
        issue_type(
            "missing_for_operation",
            MissingForOperation,
            "`{operation_field}` `{case}` needs `{input}`",
            None,
        ),
        issue_type(
            "not_for_operation",
            NotForOperation,
            "`{operation_field}` `{case}` cannot use `{input}`",
            Some("remove `{key}`, or use `{operation_field}`: {cases}"),
        ),
    ];
    TYPES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_type_and_the_list_follows_the_codes() {
        let codes: Vec<IssueCode> = issue_types().iter().map(|ty| ty.code).collect();
        let mut in_order = codes.clone();
        in_order.dedup();
        let all: Vec<IssueCode> = IssueCode::ALL.to_vec();
        assert_eq!(in_order, all);
    }
}
