//! Structure-aware inputs: libFuzzer's bytes, read through [`arbitrary::Unstructured`], become JSON requests
//! that mostly name real models, fields and aliases with values near their constraints (so the fuzzer spends
//! its time past the `unknown_field` check), and sometimes anything at all.
//!
//! Every name and constraint is read from the catalog the core was generated with, never written here.

use arbitrary::{Result, Unstructured};
use omixa::catalog::{FieldKind, ModelSpec};
use serde_json::{Map, Number, Value};

/// How deep an arbitrary value nests (the validator never looks deeper than a media object).
const MAX_DEPTH: u32 = 4;
/// The most keys or items of one generated object or array.
const MAX_ITEMS: usize = 12;

/// The first bytes of files of each kind the catalog's media fields take: enough for content sniffing.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xdb\0C\0";
const WEBP: &[u8] = b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0\x30\x01\0\x9d\x01\x2a\x01\0";

/// A request: usually an object for a model of the catalog, sometimes any JSON value.
pub fn request(u: &mut Unstructured<'_>) -> Result<Value> {
    if u.ratio(1, 16)? {
        return any_value(u, 0);
    }
    let models = omixa::models();
    let model = *u.choose(models)?;
    let mut object = Map::new();
    if !u.ratio(1, 16)? {
        let id = if u.ratio(1, 8)? {
            any_value(u, MAX_DEPTH)?
        } else {
            Value::String(mangle(u, model.id)?)
        };
        object.insert("model".to_owned(), id);
    }
    // Required fields are usually there, so that most requests get past `missing_field`.
    for spec in model.fields.iter().filter(|spec| spec.required) {
        if !object.contains_key(spec.name) && !u.ratio(1, 8)? {
            object.insert(spec.name.to_owned(), value_of(u, &spec.kind)?);
        }
    }
    let keys = u.int_in_range(0..=MAX_ITEMS)?;
    for _ in 0..keys {
        let (key, value) = field(u, model)?;
        object.insert(key, value);
    }
    Ok(Value::Object(object))
}

/// One key of a request to `model` and its value.
fn field(u: &mut Unstructured<'_>, model: &'static ModelSpec) -> Result<(String, Value)> {
    match u.int_in_range(0..=9)? {
        0 => Ok((u.arbitrary()?, any_value(u, 1)?)),
        1 if !model.omitted.is_empty() => {
            let omitted = u.choose(model.omitted)?;
            let names: Vec<&str> = std::iter::once(omitted.name)
                .chain(omitted.aliases.iter().copied())
                .collect();
            Ok((pick(u, &names)?, any_value(u, 1)?))
        }
        _ => {
            let spec = u.choose(model.fields)?;
            let names: Vec<&str> = std::iter::once(spec.name)
                .chain(spec.aliases.iter().copied())
                .collect();
            let key = pick(u, &names)?;
            Ok((key, value_of(u, &spec.kind)?))
        }
    }
}

/// A value for a field of this kind: usually of the right shape and near its limits.
fn value_of(u: &mut Unstructured<'_>, kind: &FieldKind) -> Result<Value> {
    if u.ratio(1, 16)? {
        return any_value(u, 1);
    }
    Ok(match kind {
        FieldKind::String { accepted } if !accepted.is_empty() && u.ratio(3, 4)? => {
            Value::String(pick(u, accepted)?)
        }
        FieldKind::String { .. } => Value::String(u.arbitrary()?),
        FieldKind::Number { min, max } => {
            let bound = bound(u, min.unwrap_or(0.0), max.unwrap_or(1.0))?;
            let value = match u.int_in_range(0..=3)? {
                0 => bound,
                1 => bound + f64::from(u.int_in_range(-2i8..=2)?) * 0.5,
                2 => f64::from_bits(u.arbitrary()?),
                _ => f64::from(u.arbitrary::<i16>()?),
            };
            number(value)
        }
        FieldKind::Integer { min, max } => {
            let low = min.unwrap_or(i64::MIN) as f64;
            let high = max.unwrap_or(i64::MAX) as f64;
            match u.int_in_range(0..=4)? {
                0 => {
                    let bound = bound(u, low, high)? as i64;
                    Value::from(bound.saturating_add(i64::from(u.int_in_range(-1i8..=1)?)))
                }
                1 => number(bound(u, low, high)? + 0.5),
                2 => number(bound(u, low, high)?),
                3 => Value::from(u.arbitrary::<u64>()?),
                _ => Value::from(u.arbitrary::<i64>()?),
            }
        }
        FieldKind::Boolean => Value::Bool(u.arbitrary()?),
        FieldKind::InlineImage { media_types } => inline_media(u, media_types, "image_url")?,
        FieldKind::InlineImageList { media_types } => {
            let count = u.int_in_range(0..=3)?;
            let items = (0..count)
                .map(|_| inline_media(u, media_types, "image_url"))
                .collect::<Result<_>>()?;
            Value::Array(items)
        }
        FieldKind::VideoSource { media_types } => match u.int_in_range(0..=2)? {
            0 => Value::String(u.arbitrary()?),
            _ => inline_media(u, media_types, "video_url")?,
        },
    })
}

/// A number at, or just around, one of two bounds.
/// A float as a request file holds it: a JSON number, or for NaN and the infinities (which JSON cannot carry)
/// the text a hand-written request would have, such as `"NaN"`.
fn number(value: f64) -> Value {
    Number::from_f64(value).map_or_else(|| Value::String(value.to_string()), Value::Number)
}

fn bound(u: &mut Unstructured<'_>, low: f64, high: f64) -> Result<f64> {
    Ok(if u.arbitrary()? { low } else { high })
}

/// An inline image or video: a data URL, alone or in the `{"type": tag, tag: {"url": ...}}` form, often
/// slightly wrong.
fn inline_media(u: &mut Unstructured<'_>, media_types: &[&str], tag: &str) -> Result<Value> {
    let url = data_url(u, media_types)?;
    if u.arbitrary()? {
        return Ok(Value::String(url));
    }
    let mut inner = Map::new();
    inner.insert(mangle(u, "url")?, Value::String(url));
    if u.ratio(1, 8)? {
        inner.insert(u.arbitrary()?, any_value(u, 3)?);
    }
    let mut object = Map::new();
    object.insert(mangle(u, "type")?, Value::String(mangle(u, tag)?));
    object.insert(mangle(u, tag)?, Value::Object(inner));
    if u.ratio(1, 8)? {
        object.insert(u.arbitrary()?, any_value(u, 3)?);
    }
    Ok(Value::Object(object))
}

/// `data:<type>;base64,<data>` of real file headers, with the type or the data sometimes wrong.
fn data_url(u: &mut Unstructured<'_>, media_types: &[&str]) -> Result<String> {
    let video = &omixa_emulator::mp4::sample_video()[..32];
    let bytes: Vec<u8> = match u.int_in_range(0..=4)? {
        0 => PNG.to_vec(),
        1 => JPEG.to_vec(),
        2 => WEBP.to_vec(),
        3 => video.to_vec(),
        _ => u.arbitrary()?,
    };
    let declared = match media_types {
        [] => "image/png".to_owned(),
        _ if u.ratio(1, 8)? => u.arbitrary()?,
        _ => pick(u, media_types)?,
    };
    let mut url = omixa::media::data_url(&bytes, Some("application/octet-stream"))
        .unwrap_or_default()
        .replacen("application/octet-stream", &declared, 1);
    if u.ratio(1, 8)? {
        let mut cut = u.int_in_range(0..=url.len())?;
        while !url.is_char_boundary(cut) {
            cut -= 1;
        }
        url.truncate(cut);
    }
    if u.ratio(1, 8)? {
        url.push(u.arbitrary()?);
    }
    Ok(url)
}

/// One of `names`, perhaps mangled.
fn pick(u: &mut Unstructured<'_>, names: &[&str]) -> Result<String> {
    let name = *u.choose(names)?;
    mangle(u, name)
}

/// A name as written, or with its case or spelling changed, so near-misses are tried too.
fn mangle(u: &mut Unstructured<'_>, name: &str) -> Result<String> {
    Ok(match u.int_in_range(0..=31)? {
        0 => name.to_ascii_uppercase(),
        1 => name.chars().skip(1).collect(),
        2 => format!("{name}{}", u.arbitrary::<char>()?),
        3 => name.replace('_', "-"),
        _ => name.to_owned(),
    })
}

/// Any JSON value, nesting at most [`MAX_DEPTH`] levels below `depth`.
pub fn any_value(u: &mut Unstructured<'_>, depth: u32) -> Result<Value> {
    let scalar_only = depth >= MAX_DEPTH;
    Ok(match u.int_in_range(0..=if scalar_only { 5 } else { 7 })? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(u.arbitrary::<i64>()?),
        3 => Value::from(u.arbitrary::<u64>()?),
        4 => Number::from_f64(u.arbitrary()?).map_or(Value::Null, Value::Number),
        5 => Value::String(u.arbitrary()?),
        6 => {
            let count = u.int_in_range(0..=MAX_ITEMS)?;
            let items = (0..count)
                .map(|_| any_value(u, depth + 1))
                .collect::<Result<_>>()?;
            Value::Array(items)
        }
        _ => {
            let count = u.int_in_range(0..=MAX_ITEMS)?;
            let mut object = Map::new();
            for _ in 0..count {
                object.insert(u.arbitrary()?, any_value(u, depth + 1)?);
            }
            Value::Object(object)
        }
    })
}
