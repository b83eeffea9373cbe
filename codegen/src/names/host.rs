//! Type names of the Python stubs (`.pyi`) and TypeScript declarations (`.d.ts`), which declare the same types:
//! one request type per model, and one literal type per field of accepted values, shared by every model when
//! they all accept the same values (`AspectRatio`), else one per model (`Veo31LiteGenerate001AspectRatio`).

use std::collections::{BTreeMap, HashMap};

use super::pascal_case;

/// Top-level names of the `.pyi` and `.d.ts` that are not derived from the catalog.
pub const RESERVED: &[&str] = &[
    "ModelId",
    "VideoRequest",
    "InlineImage",
    "InlineImageObject",
    "ImageUrl",
];

/// The request type of a model: `<PascalCase id>Request`.
pub fn request_type(model_id: &str) -> String {
    format!("{}Request", pascal_case(model_id))
}

/// A field of accepted values, as the host namer sees it.
#[derive(Debug, Clone, Copy)]
pub struct ValueField<'a> {
    pub model: &'a str,
    pub field: &'a str,
    /// The accepted values, as written.
    pub values: &'a [String],
}

/// One literal type: a `Literal[...]` alias in Python, a string-literal union in TypeScript.
#[derive(Debug, Clone, PartialEq)]
pub struct LiteralType {
    pub name: String,
    /// The accepted values, as written.
    pub values: Vec<String>,
    pub doc: String,
    /// The model that first uses it.
    pub model: String,
}

/// The literal types of a catalog and which one each field of accepted values uses.
#[derive(Debug, Default)]
pub struct HostNames {
    types: Vec<LiteralType>,
    by_field: HashMap<(String, String), usize>,
}

impl HostNames {
    /// Names the literal types of these fields (in model order, then field order: the order types are declared).
    pub fn new<'a>(fields: impl IntoIterator<Item = ValueField<'a>> + Clone) -> Self {
        let mut value_lists: BTreeMap<&str, Vec<&[String]>> = BTreeMap::new();
        for field in fields.clone() {
            let lists = value_lists.entry(field.field).or_default();
            if !lists.contains(&field.values) {
                lists.push(field.values);
            }
        }
        let mut names = HostNames::default();
        for ValueField {
            model,
            field,
            values,
        } in fields
        {
            let shared = value_lists.get(field).is_some_and(|lists| lists.len() == 1);
            let (name, doc) = if shared {
                (pascal_case(field), format!("Accepted values of `{field}`."))
            } else {
                (
                    format!("{}{}", pascal_case(model), pascal_case(field)),
                    format!("Accepted values of `{field}` for `{model}`."),
                )
            };
            let index = match names
                .types
                .iter()
                .position(|known| known.name == name && known.values == values)
            {
                Some(index) => index,
                None => {
                    names.types.push(LiteralType {
                        name,
                        values: values.to_vec(),
                        doc,
                        model: model.to_owned(),
                    });
                    names.types.len() - 1
                }
            };
            names
                .by_field
                .insert((model.to_owned(), field.to_owned()), index);
        }
        names
    }

    /// Every literal type, in declaration order. Two with one name (and other values) would collide; the
    /// resolver reports that.
    pub fn literal_types(&self) -> &[LiteralType] {
        &self.types
    }

    /// The literal type of a model's field, if it has accepted values.
    pub fn literal_type(&self, model: &str, field: &str) -> Option<&str> {
        let index = self.by_field.get(&(model.to_owned(), field.to_owned()))?;
        Some(self.types[*index].name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_type_is_shared_only_when_every_model_agrees() {
        let wide = ["16:9".to_owned(), "1:1".to_owned()];
        let narrow = ["16:9".to_owned()];
        let fields = [
            ValueField {
                model: "a-1",
                field: "ratio",
                values: &wide,
            },
            ValueField {
                model: "b-2",
                field: "ratio",
                values: &narrow,
            },
            ValueField {
                model: "a-1",
                field: "mode",
                values: &narrow,
            },
        ];
        let names = HostNames::new(fields);
        assert_eq!(names.literal_type("a-1", "ratio"), Some("A1Ratio"));
        assert_eq!(names.literal_type("b-2", "ratio"), Some("B2Ratio"));
        assert_eq!(names.literal_type("a-1", "mode"), Some("Mode"));
        assert_eq!(request_type("a-1"), "A1Request");
    }
}
