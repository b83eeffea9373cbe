//! A JSON parser that refuses duplicate object keys. `serde_json` (like the gateway) silently keeps the last
//! of two equal keys, so a request file saying `"seconds": 4` and later `"seconds": 8` would be sent as 8
//! without a word; here it is an error naming the key and both lines.
//!
//! The first parse runs `serde_json` over the text at full speed and only notices a duplicate. Only then a
//! second parse finds the lines: it runs over a reader that counts the lines it has handed out (`serde_json`
//! reads one byte at a time from a reader and never reads ahead past a key's closing quote, so when a key
//! has been read, the count is that key's line).

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;

/// Parses `text` as one JSON value; a duplicate key anywhere is an error at its second occurrence.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let duplicate = Cell::new(false);
    let seed = StrictValue {
        lines: None,
        duplicate: &duplicate,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = seed
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    match parsed {
        Err(_) if duplicate.get() => parse_counting_lines(text),
        parsed => parsed,
    }
}

/// The slower parse that knows the line of every key, for the message about a duplicate.
fn parse_counting_lines(text: &str) -> Result<Value, serde_json::Error> {
    let line = Cell::new(1);
    let duplicate = Cell::new(false);
    let reader = LineCountingReader {
        rest: text.as_bytes(),
        line: &line,
    };
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let seed = StrictValue {
        lines: Some(&line),
        duplicate: &duplicate,
    };
    let value = seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Hands out `rest`, counting the newlines that pass.
struct LineCountingReader<'a> {
    rest: &'a [u8],
    line: &'a Cell<usize>,
}

impl Read for LineCountingReader<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let count = buffer.len().min(self.rest.len());
        let (taken, rest) = self.rest.split_at(count);
        buffer[..count].copy_from_slice(taken);
        self.rest = rest;
        let newlines = taken.iter().filter(|&&byte| byte == b'\n').count();
        self.line.set(self.line.get() + newlines);
        Ok(count)
    }
}

/// Builds a [`Value`] exactly as `serde_json` would, except for duplicate keys.
#[derive(Clone, Copy)]
struct StrictValue<'a> {
    /// The current line, when the input is read through a [`LineCountingReader`].
    lines: Option<&'a Cell<usize>>,
    /// Set when a duplicate key stopped the parse.
    duplicate: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut array = Vec::with_capacity(items.size_hint().unwrap_or(0).min(64));
        while let Some(item) = items.next_element_seed(self)? {
            array.push(item);
        }
        Ok(Value::Array(array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        let mut first_lines: HashMap<String, usize> = HashMap::new();
        while let Some(key) = entries.next_key::<String>()? {
            let line = self.lines.map_or(0, Cell::get);
            if let Some(first) = first_lines.get(&key) {
                self.duplicate.set(true);
                return Err(de::Error::custom(format_args!(
                    "duplicate key {key:?} on line {first} and line {line} (only one would reach the gateway)"
                )));
            }
            first_lines.insert(key.clone(), line);
            let value = entries.next_value_seed(self)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_json::json;

    #[test]
    fn parses_like_serde_json() {
        let text =
            r#"{"a": [1, -2, 3.5, "x", null, true], "b": {"c": {}}, "n": 18446744073709551615}"#;
        let expected: serde_json::Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(parse(text).expect("JSON"), expected);
        assert_eq!(parse(" [ ] ").expect("JSON"), json!([]));
    }

    #[test]
    fn a_duplicate_key_names_both_lines() {
        let text = "{\n  \"seconds\": 4,\n  \"nested\": {\"a\": 1, \"b\": 2},\n  \"seconds\": 8\n}";
        let error = parse(text).expect_err("duplicate");
        let message = error.to_string();
        assert!(
            message.contains("duplicate key \"seconds\" on line 2 and line 4"),
            "{message}"
        );
        assert_eq!(error.line(), 4);
    }

    #[test]
    fn equal_keys_in_different_objects_are_fine() {
        let text = r#"{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]}"#;
        assert!(parse(text).is_ok());
    }

    #[test]
    fn trailing_characters_are_an_error() {
        assert!(parse("{} {}").is_err());
    }
}
