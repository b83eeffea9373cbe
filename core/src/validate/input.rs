//! How validation reads a request: through the [`Input`] trait, so JSON (`serde_json::Value`) and a host
//! language's values ([`HostValue`]) are validated by the same code, each read in its own way (after
//! pydantic-core's `Input`).
//!
//! A host value can hold what JSON cannot: Python's `float('nan')`, JavaScript's `Infinity`. [`HostValue`]
//! carries those as [`HostValue::NonFinite`], and validation reports them (`out_of_range` for a numeric
//! field, `invalid_type` for any other), so no binding needs a branch of its own for them.

use serde_json::{Map, Number, Value};

/// One value of a request as validation reads it: taken apart by JSON type, its strings and containers moved
/// out (never copied), with a few borrowed looks for the checks that must see a value before taking it.
pub trait Input: Sized {
    /// What an object of this input is.
    type Object: ObjectInput<Self>;

    /// The value by type, moved out of `self`.
    fn into_shape(self) -> Shape<Self>;

    /// The string, if the value is one.
    fn as_str(&self) -> Option<&str>;

    /// The object, if the value is one.
    fn as_object(&self) -> Option<&Self::Object>;
}

/// An object of an [`Input`]: its entries in the order the caller wrote them.
pub trait ObjectInput<I>: IntoIterator<Item = (String, I)> {
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `key`.
    fn get(&self, key: &str) -> Option<&I>;

    /// The keys, in order.
    fn keys(&self) -> impl Iterator<Item = &str>;

    /// The object as JSON, or `None` if it holds a number JSON cannot carry.
    fn into_json(self) -> Option<Map<String, Value>>;
}

/// An [`Input`] taken apart by type.
#[derive(Debug)]
pub enum Shape<I: Input> {
    Null,
    Bool(bool),
    Number(Number),
    /// NaN or an infinity (only a [`HostValue`] has them).
    NonFinite(f64),
    String(String),
    Array(Vec<I>),
    Object(I::Object),
}

impl Input for Value {
    type Object = Map<String, Value>;

    fn into_shape(self) -> Shape<Self> {
        match self {
            Value::Null => Shape::Null,
            Value::Bool(flag) => Shape::Bool(flag),
            Value::Number(number) => Shape::Number(number),
            Value::String(text) => Shape::String(text),
            Value::Array(items) => Shape::Array(items),
            Value::Object(object) => Shape::Object(object),
        }
    }

    fn as_str(&self) -> Option<&str> {
        Value::as_str(self)
    }

    fn as_object(&self) -> Option<&Map<String, Value>> {
        Value::as_object(self)
    }
}

impl ObjectInput<Value> for Map<String, Value> {
    fn len(&self) -> usize {
        Map::len(self)
    }

    fn get(&self, key: &str) -> Option<&Value> {
        Map::get(self, key)
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        Map::keys(self).map(String::as_str)
    }

    fn into_json(self) -> Option<Map<String, Value>> {
        Some(self)
    }
}

/// A value as a host language (Python, JavaScript) holds it: JSON's types, plus the non-finite floats JSON
/// cannot carry. The bindings convert their values into this, then validate it like JSON.
///
/// A request given as JSON text is cheapest validated through this too: `serde_json::from_str::<HostValue>`
/// reads it without the hash maps of a `serde_json::Value`, and validates to the same result.
#[derive(Debug, Clone, PartialEq)]
pub enum HostValue {
    Null,
    Bool(bool),
    /// A finite number (whole numbers as integers, as the host gave them).
    Number(Number),
    /// NaN or an infinity.
    NonFinite(f64),
    String(String),
    Array(Vec<HostValue>),
    /// Entries in the host's order; hosts have no repeated keys (a repeated key is read as the field given
    /// twice).
    Object(Vec<(String, HostValue)>),
}

impl HostValue {
    /// A host float: a number when finite, else [`HostValue::NonFinite`].
    pub fn float(value: f64) -> Self {
        match Number::from_f64(value) {
            Some(number) => HostValue::Number(number),
            None => HostValue::NonFinite(value),
        }
    }

    /// The value as JSON, or `None` if it holds a number JSON cannot carry (for values that are not requests,
    /// such as a job's data; a request is validated instead, which reports where the number is).
    pub fn into_json(self) -> Option<Value> {
        Some(match self {
            HostValue::Null => Value::Null,
            HostValue::Bool(flag) => Value::Bool(flag),
            HostValue::Number(number) => Value::Number(number),
            HostValue::NonFinite(_) => return None,
            HostValue::String(text) => Value::String(text),
            HostValue::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(HostValue::into_json)
                    .collect::<Option<_>>()?,
            ),
            HostValue::Object(entries) => Value::Object(entries.into_json()?),
        })
    }
}

impl From<Value> for HostValue {
    fn from(value: Value) -> Self {
        match value {
            Value::Null => HostValue::Null,
            Value::Bool(flag) => HostValue::Bool(flag),
            Value::Number(number) => HostValue::Number(number),
            Value::String(text) => HostValue::String(text),
            Value::Array(items) => HostValue::Array(items.into_iter().map(Into::into).collect()),
            Value::Object(object) => HostValue::Object(
                object
                    .into_iter()
                    .map(|(key, value)| (key, value.into()))
                    .collect(),
            ),
        }
    }
}

impl Input for HostValue {
    type Object = Vec<(String, HostValue)>;

    fn into_shape(self) -> Shape<Self> {
        match self {
            HostValue::Null => Shape::Null,
            HostValue::Bool(flag) => Shape::Bool(flag),
            HostValue::Number(number) => Shape::Number(number),
            HostValue::NonFinite(number) => Shape::NonFinite(number),
            HostValue::String(text) => Shape::String(text),
            HostValue::Array(items) => Shape::Array(items),
            HostValue::Object(entries) => Shape::Object(entries),
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            HostValue::String(text) => Some(text),
            _ => None,
        }
    }

    fn as_object(&self) -> Option<&Vec<(String, HostValue)>> {
        match self {
            HostValue::Object(entries) => Some(entries),
            _ => None,
        }
    }
}

impl ObjectInput<HostValue> for Vec<(String, HostValue)> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn get(&self, key: &str) -> Option<&HostValue> {
        self.iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(key, _)| key.as_str())
    }

    fn into_json(self) -> Option<Map<String, Value>> {
        let mut object = Map::with_capacity(self.len());
        for (key, value) in self {
            object.insert(key, value.into_json()?);
        }
        Some(object)
    }
}
