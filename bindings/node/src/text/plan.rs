//! How to build a normalized request out of the caller's own object, so that a valid flat request crosses
//! back as one number instead of JSON text to parse.
//!
//! A normalized request is the caller's request with keys renamed to canonical names, perhaps some dropped
//! (lenient mode) and an inferred `video_operation` added; its values are the caller's own. A [`Plan`] says
//! that: for each normalized field, in order, its name and either the caller's key whose value it is, or a
//! string to set. Plans depend on which keys a request gives, not on its values, so few exist; each is
//! interned once per thread and named by a number, and JavaScript fetches a plan it has not seen yet by that
//! number (`validationPlan`).
//!
//! A value is the caller's when it is the same JSON scalar as the value of one of the request's members:
//! then the caller's JS value is that value too (JSON text carries flat values exactly). A normalized value
//! that is no member's (an inline image given as a data URL, turned into its object form) has no plan, and
//! the request is answered as JSON text instead.

use super::parse::Member;
use omixa::validate::Validated;
use rustc_hash::FxHasher;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Past this many plans (requests of that many different shapes) no new one is made: memory stays bounded.
const MAX_PLANS: usize = 4096;

/// Where a normalized field's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Source<T> {
    /// The value of the caller's member with this key.
    Key(T),
    /// This string.
    Text(T),
}

/// The fields of one normalized request, in order: name and source.
#[derive(Debug)]
struct Plan(Vec<(&'static str, Source<String>)>);

/// A plan for JavaScript: one entry per field in each list, `keys[i]` or else `texts[i]` the value's source.
#[derive(serde::Serialize)]
struct PlanText<'a> {
    names: Vec<&'static str>,
    keys: Vec<Option<&'a str>>,
    texts: Vec<Option<&'a str>>,
}

#[derive(Default)]
struct Plans {
    plans: Vec<Plan>,
    /// Plan numbers by the hash of their content.
    by_hash: HashMap<u64, Vec<u32>>,
}

thread_local! {
    /// JavaScript runs a module on one thread per environment (the main thread, each worker), so each has its
    /// own plans, and their numbers are those its `validationPlan` answers.
    static PLANS: RefCell<Plans> = RefCell::new(Plans::default());
}

/// The number of the plan that builds `validated` from the request whose members are `members`, if it has one.
pub(crate) fn of(validated: &Validated, members: &[Member<'_>]) -> Option<u32> {
    let mut used = vec![false; members.len()];
    let mut fields: Vec<(&'static str, Source<&str>)> = Vec::with_capacity(validated.fields.len());
    let mut next = 0;
    for (name, value) in &validated.fields {
        // `__proto__` set on a plain object would change its prototype, not add a member.
        if *name == "__proto__" {
            return None;
        }
        // Normalized fields keep the request's order, so the member after the last one used is tried first.
        let found = (next..members.len())
            .chain(0..next)
            .find(|&index| !used[index] && members[index].value.is(value));
        let source = match (found, value) {
            (Some(index), _) => {
                used[index] = true;
                next = index + 1;
                Source::Key(members[index].key.as_ref())
            }
            (None, Value::String(text)) => Source::Text(text.as_str()),
            (None, _) => return None,
        };
        fields.push((name, source));
    }
    let hash = {
        let mut hasher = FxHasher::default();
        fields.hash(&mut hasher);
        hasher.finish()
    };
    PLANS.with_borrow_mut(|plans| {
        let same = |number: &&u32| {
            let plan = &plans.plans[**number as usize].0;
            plan.len() == fields.len()
                && plan
                    .iter()
                    .zip(&fields)
                    .all(|((name, source), (other, wanted))| {
                        name == other
                            && match (source, wanted) {
                                (Source::Key(key), Source::Key(other)) => key == other,
                                (Source::Text(text), Source::Text(other)) => text == other,
                                _ => false,
                            }
                    })
        };
        if let Some(number) = plans
            .by_hash
            .get(&hash)
            .and_then(|numbers| numbers.iter().find(same))
        {
            return Some(*number);
        }
        if plans.plans.len() >= MAX_PLANS {
            return None;
        }
        let number = u32::try_from(plans.plans.len()).ok()?;
        plans.plans.push(Plan(
            fields
                .into_iter()
                .map(|(name, source)| {
                    let source = match source {
                        Source::Key(key) => Source::Key(key.to_owned()),
                        Source::Text(text) => Source::Text(text.to_owned()),
                    };
                    (name, source)
                })
                .collect(),
        ));
        plans.by_hash.entry(hash).or_default().push(number);
        Some(number)
    })
}

/// The plan numbered `number` as JSON text (`{ names, keys, texts }`, see [`PlanText`]), or `None` if this
/// thread made no such plan.
pub(crate) fn text(number: u32) -> Option<String> {
    PLANS.with_borrow(|plans| {
        let plan = &plans.plans.get(number as usize)?.0;
        let source = |wanted: fn(&Source<String>) -> Option<&str>| {
            plan.iter().map(|(_, source)| wanted(source)).collect()
        };
        let text = PlanText {
            names: plan.iter().map(|(name, _)| *name).collect(),
            keys: source(|source| match source {
                Source::Key(key) => Some(key),
                Source::Text(_) => None,
            }),
            texts: source(|source| match source {
                Source::Text(text) => Some(text),
                Source::Key(_) => None,
            }),
        };
        serde_json::to_string(&text).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    const LITE: &str = "veo-3.1-lite-generate-001";

    fn plan_of(text: &str) -> Option<u32> {
        let parsed = parse::request(text).unwrap();
        let validated = omixa::validate(parsed.request).unwrap();
        of(&validated, &parsed.members)
    }

    fn plan(number: u32) -> Value {
        serde_json::from_str(&text(number).unwrap()).unwrap()
    }

    #[test]
    fn a_plan_renames_the_callers_keys_and_adds_what_the_core_inferred() {
        let number = plan_of(&format!(
            r#"{{"model": "{LITE}", "seconds": 8, "prompt": "x"}}"#
        ))
        .unwrap();
        assert_eq!(
            plan(number),
            serde_json::json!({
                "names": ["model", "duration_seconds", "prompt", "video_operation"],
                "keys": ["model", "seconds", "prompt", null],
                "texts": [null, null, null, "text_to_video"],
            })
        );
    }

    #[test]
    fn requests_with_the_same_keys_share_a_plan_whatever_their_values() {
        let first = plan_of(&format!(
            r#"{{"model": "{LITE}", "prompt": "a", "seconds": 4}}"#
        ));
        let second = plan_of(&format!(
            r#"{{"model": "{LITE}", "prompt": "b", "seconds": 8}}"#
        ));
        let other_keys = plan_of(&format!(
            r#"{{"model": "{LITE}", "seconds": 8, "prompt": "b"}}"#
        ));
        assert!(first.is_some());
        assert_eq!(first, second);
        assert_ne!(first, other_keys);
        assert_eq!(text(u32::MAX), None);
    }

    #[test]
    fn a_value_the_core_changed_into_an_object_has_no_plan() {
        let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==";
        let text = format!(r#"{{"model": "{LITE}", "prompt": "x", "image": "{png}"}}"#);
        assert_eq!(plan_of(&text), None);
    }
}
