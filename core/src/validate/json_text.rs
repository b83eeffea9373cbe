//! JSON text read straight into a [`HostValue`], for callers that have a request as text and only validate it
//! (`serde_json::from_str::<HostValue>(text)`). Objects become vectors of entries instead of the hash maps a
//! `serde_json::Value` builds (key order is kept either way), which halves the cost of reading a small
//! request; the result of validating it is the same as from the `Value` of the same text.
//!
//! One difference from a host language's value has to be bridged: JSON text can repeat a key. It is read as
//! `serde_json::Map` reads it, the key keeping its first place and taking its last value.

use super::HostValue;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::fmt;

impl<'de> Deserialize<'de> for HostValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(HostValueVisitor)
    }
}

struct HostValueVisitor;

impl<'de> Visitor<'de> for HostValueVisitor {
    type Value = HostValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_unit<E>(self) -> Result<HostValue, E> {
        Ok(HostValue::Null)
    }

    fn visit_none<E>(self) -> Result<HostValue, E> {
        Ok(HostValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<HostValue, D::Error> {
        HostValue::deserialize(deserializer)
    }

    fn visit_bool<E>(self, flag: bool) -> Result<HostValue, E> {
        Ok(HostValue::Bool(flag))
    }

    fn visit_i64<E>(self, number: i64) -> Result<HostValue, E> {
        Ok(HostValue::Number(number.into()))
    }

    fn visit_u64<E>(self, number: u64) -> Result<HostValue, E> {
        Ok(HostValue::Number(number.into()))
    }

    fn visit_f64<E>(self, number: f64) -> Result<HostValue, E> {
        Ok(HostValue::float(number))
    }

    fn visit_str<E>(self, text: &str) -> Result<HostValue, E> {
        Ok(HostValue::String(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<HostValue, E> {
        Ok(HostValue::String(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HostValue, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(HostValue::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HostValue, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(HostValue::Object(merge_repeated_keys(entries)))
    }
}

/// The entries of a JSON object with each key once, as `serde_json::Map` keeps them: a repeated key stays
/// where it first came and takes its last value. Entries without a repeated key (all but hostile requests) are
/// returned as they are. Public for callers that read JSON text with their own visitor and must merge alike.
pub fn merge_repeated_keys<K: AsRef<str>, V>(entries: Vec<(K, V)>) -> Vec<(K, V)> {
    if !has_repeated_key(&entries) {
        return entries;
    }
    let mut merged: Vec<(K, V)> = Vec::with_capacity(entries.len());
    // Where each key is in `merged` (keys are copied, but only for such a request).
    let mut places: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    for (key, value) in entries {
        match places.get(key.as_ref()) {
            Some(&at) => merged[at].1 = value,
            None => {
                places.insert(key.as_ref().to_owned(), merged.len());
                merged.push((key, value));
            }
        }
    }
    merged
}

/// Whether a key comes twice: compared pairwise for a request-sized object, hashed for a larger one (so a
/// hostile object of many keys costs linear time).
pub fn has_repeated_key<K: AsRef<str>, V>(entries: &[(K, V)]) -> bool {
    const PAIRWISE_UP_TO: usize = 16;
    if entries.len() <= PAIRWISE_UP_TO {
        entries.iter().enumerate().any(|(at, (key, _))| {
            entries[..at]
                .iter()
                .any(|(earlier, _)| earlier.as_ref() == key.as_ref())
        })
    } else {
        let mut seen = HashSet::with_capacity(entries.len());
        !entries.iter().all(|(key, _)| seen.insert(key.as_ref()))
    }
}
