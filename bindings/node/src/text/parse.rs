//! A request's JSON text to the core's [`HostValue`], remembering the scalars of its top-level members as the
//! text spells them (borrowed from it when they have no escapes), so that [`super::plan`] can tell which values
//! of the normalized request are the caller's, unchanged. Values below the top level are read by the core's
//! own `HostValue` deserializer.
//!
//! Members stay in the text's order, in a list rather than a hashed map; a key given twice keeps its first
//! place and its last value, as the core (and `serde_json::Value`) read it.

use omixa::validate::{HostValue, has_repeated_key, merge_repeated_keys};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::fmt;

/// A request read from JSON text.
pub(crate) struct Parsed<'t> {
    pub(crate) request: HostValue,
    /// The top-level members (none when the request is not an object), in the request's order.
    pub(crate) members: Vec<Member<'t>>,
}

/// One top-level member of the request: its key, and its value when it is a scalar.
pub(crate) struct Member<'t> {
    pub(crate) key: Cow<'t, str>,
    pub(crate) value: Scalar<'t>,
}

/// A scalar as the text gave it; objects and arrays are `Compound`.
pub(crate) enum Scalar<'t> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'t, str>),
    Compound,
}

impl Scalar<'_> {
    /// Whether `value` is this scalar: the same JSON value, so the caller's own JS value is the same too.
    pub(crate) fn is(&self, value: &Value) -> bool {
        match (self, value) {
            (Scalar::Null, Value::Null) => true,
            (Scalar::Bool(given), Value::Bool(normalized)) => given == normalized,
            (Scalar::Number(given), Value::Number(normalized)) => given == normalized,
            (Scalar::String(given), Value::String(normalized)) => given == normalized,
            _ => false,
        }
    }
}

/// Reads one request from JSON text (`serde_json`'s grammar and limits), or says why it is not JSON.
pub(crate) fn request(text: &str) -> Result<Parsed<'_>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = (&mut deserializer).deserialize_any(TopLevel)?;
    deserializer.end()?;
    Ok(parsed)
}

/// Reads an array of requests from JSON text.
pub(crate) fn requests(text: &str) -> Result<Vec<Parsed<'_>>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = (&mut deserializer).deserialize_seq(Requests)?;
    deserializer.end()?;
    Ok(parsed)
}

/// The array of requests of `validateManyText`.
struct Requests;

impl<'de> Visitor<'de> for Requests {
    type Value = Vec<Parsed<'de>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an array of requests")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Self::Value, A::Error> {
        let mut requests = Vec::with_capacity(items.size_hint().unwrap_or(0));
        while let Some(request) = items.next_element_seed(TopLevel)? {
            requests.push(request);
        }
        Ok(requests)
    }
}

/// The request itself: an object's members are recorded.
struct TopLevel;

impl<'de> DeserializeSeed<'de> for TopLevel {
    type Value = Parsed<'de>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel {
    type Value = Parsed<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries: Vec<(String, HostValue)> = Vec::with_capacity(16);
        let mut members: Vec<Member<'de>> = Vec::with_capacity(16);
        while let Some(Text(key)) = map.next_key()? {
            let (value, scalar) = map.next_value_seed(MemberValue)?;
            entries.push((key.clone().into_owned(), value));
            members.push(Member { key, value: scalar });
        }
        if has_repeated_key(&entries) {
            // Rare (a careless or hostile request): merged as the core merges JSON text it reads itself.
            let paired = entries.into_iter().zip(members);
            let merged = merge_repeated_keys(
                paired
                    .map(|((key, value), member)| (key, (value, member)))
                    .collect(),
            );
            (entries, members) = merged
                .into_iter()
                .map(|(key, (value, member))| ((key, value), member))
                .unzip();
        }
        Ok(Parsed {
            request: HostValue::Object(entries),
            members,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Self::Value, A::Error> {
        Ok(Parsed::other(HostValue::deserialize(
            SeqAccessDeserializer::new(items),
        )?))
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Parsed::other(HostValue::String(text.to_owned())))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Parsed::other(HostValue::String(text.to_owned())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Parsed::other(HostValue::Null))
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Self::Value, E> {
        Ok(Parsed::other(HostValue::Bool(flag)))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
        Ok(Parsed::other(HostValue::Number(number.into())))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
        Ok(Parsed::other(HostValue::Number(number.into())))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Self::Value, E> {
        Ok(Parsed::other(HostValue::float(number)))
    }
}

impl Parsed<'_> {
    fn other(request: HostValue) -> Self {
        Parsed {
            request,
            members: Vec::new(),
        }
    }
}

/// A key, or a string value, borrowed from the text unless it has escapes.
struct Text<'t>(Cow<'t, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

/// The value of a top-level member, with its scalar.
struct MemberValue;

impl<'de> DeserializeSeed<'de> for MemberValue {
    type Value = (HostValue, Scalar<'de>);

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MemberValue {
    type Value = (HostValue, Scalar<'de>);

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = HostValue::deserialize(MapAccessDeserializer::new(map))?;
        Ok((value, Scalar::Compound))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Self::Value, A::Error> {
        let value = HostValue::deserialize(SeqAccessDeserializer::new(items))?;
        Ok((value, Scalar::Compound))
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok((
            HostValue::String(text.to_owned()),
            Scalar::String(Cow::Borrowed(text)),
        ))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok((
            HostValue::String(text.to_owned()),
            Scalar::String(Cow::Owned(text.to_owned())),
        ))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((HostValue::Null, Scalar::Null))
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Self::Value, E> {
        Ok((HostValue::Bool(flag), Scalar::Bool(flag)))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
        Ok((
            HostValue::Number(number.into()),
            Scalar::Number(number.into()),
        ))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
        Ok((
            HostValue::Number(number.into()),
            Scalar::Number(number.into()),
        ))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Self::Value, E> {
        // JSON text has no NaN or infinity, so the number is finite (serde_json rejects overflow).
        Ok(match Number::from_f64(number) {
            Some(finite) => (HostValue::Number(finite.clone()), Scalar::Number(finite)),
            None => (HostValue::NonFinite(number), Scalar::Compound),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_the_text_order_and_a_repeated_key_keeps_its_place_with_its_last_value() {
        let parsed = request(r#"{"b": "x\n", "a": 8, "b": "y", "c": {"d": [1]}}"#).unwrap();
        let keys: Vec<&str> = parsed
            .members
            .iter()
            .map(|member| member.key.as_ref())
            .collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert!(parsed.members[0].value.is(&Value::from("y")));
        assert!(parsed.members[1].value.is(&Value::from(8)));
        assert!(!parsed.members[1].value.is(&Value::from(8.5)));
        assert!(!parsed.members[2].value.is(&serde_json::json!({"d": [1]})));
        assert_eq!(
            parsed.request.into_json(),
            Some(serde_json::json!({"b": "y", "a": 8, "c": {"d": [1]}}))
        );
    }

    #[test]
    fn a_repeated_key_among_many_is_found_too() {
        let mut text: String = (0..100)
            .map(|index| format!(r#""k{index}": {index},"#))
            .collect();
        text = format!(r#"{{{text} "k7": "again"}}"#);
        let parsed = request(&text).unwrap();
        assert_eq!(parsed.members.len(), 100);
        assert!(parsed.members[7].value.is(&Value::from("again")));
    }

    #[test]
    fn strings_without_escapes_are_borrowed_from_the_text() {
        let parsed = request(r#"{"plain": "abc", "escaped": "a\"b"}"#).unwrap();
        assert!(matches!(&parsed.members[0].key, Cow::Borrowed("plain")));
        assert!(matches!(
            &parsed.members[0].value,
            Scalar::String(Cow::Borrowed("abc"))
        ));
        assert!(
            matches!(&parsed.members[1].value, Scalar::String(Cow::Owned(text)) if text == "a\"b")
        );
    }

    #[test]
    fn what_is_not_json_is_an_error_and_a_request_that_is_not_an_object_has_no_members() {
        assert!(request("{bad}").is_err());
        assert!(request(r#"{"a": 1} trailing"#).is_err());
        assert!(request(r#""\ud800""#).is_err(), "a lone surrogate");
        let parsed = request("[1, 2]").unwrap();
        assert!(parsed.members.is_empty());
        assert_eq!(parsed.request.into_json(), Some(serde_json::json!([1, 2])));
        assert_eq!(requests(r#"[{"a": 1}, 5]"#).unwrap().len(), 2);
    }
}
