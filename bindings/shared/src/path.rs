//! A value a host cannot send, and where it was: both packages walk the caller's value into the core's
//! `HostValue` and, on the first value that has no JSON form, report the JSON pointer of that value
//! (`/reference_images/1`) with what it was and what would do instead.
//!
//! The pointer is built on the way out of the walk: each level the error passes through adds its key with
//! [`Unconvertible::at`], so the walk pays nothing for paths until something fails.

use omixa::issue::push_pointer;

/// Deeper nesting than any request has; also stops a value that contains itself.
pub const MAX_DEPTH: usize = 64;

/// Why a value could not be converted. `E` is the host's own error (an exception a getter raised...), passed
/// through unchanged.
#[derive(Debug)]
pub enum Problem<E> {
    /// A value of a type JSON has no form for; names what it was (`a function`, "a value of type `set`").
    Type(String),
    /// A mapping key that is not a string; names its type.
    Key(String),
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// An integer beyond 64 bits that the host holds exactly (a JS BigInt).
    BigInt,
    Host(E),
}

/// A value that could not be converted, with the path to it.
#[derive(Debug)]
pub struct Unconvertible<E> {
    /// The keys from the failing value up to the root (reversed when rendered).
    tokens: Vec<String>,
    pub problem: Problem<E>,
}

impl<E> Unconvertible<E> {
    pub fn new(problem: Problem<E>) -> Self {
        Unconvertible {
            tokens: Vec::new(),
            problem,
        }
    }

    /// The same error, one level further out: it was under `token`.
    pub fn at(mut self, token: impl Into<String>) -> Self {
        self.tokens.push(token.into());
        self
    }

    /// The JSON pointer of the value (empty for the root).
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        for token in self.tokens.iter().rev() {
            push_pointer(&mut pointer, token);
        }
        pointer
    }

    /// The sentence for the problem, or the host's own error. `accepted` lists what the host can send
    /// (`"dict, list, str, ..."`).
    pub fn into_message(self, accepted: &str) -> Result<String, E> {
        let pointer = self.pointer();
        let at = if pointer.is_empty() {
            String::new()
        } else {
            format!(" at {pointer}")
        };
        Ok(match self.problem {
            Problem::Type(what) => format!("cannot send {what}{at}: use {accepted}"),
            Problem::Key(what) => format!("dict keys must be str, got a key of type `{what}`{at}"),
            Problem::TooDeep => format!("nested more than {MAX_DEPTH} levels deep{at}"),
            Problem::BigInt => format!("cannot send a BigInt outside the 64-bit range{at}"),
            Problem::Host(error) => return Err(error),
        })
    }
}

impl<E> From<E> for Unconvertible<E> {
    fn from(error: E) -> Self {
        Unconvertible::new(Problem::Host(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pointer_is_built_from_the_inside_out_and_escaped() {
        let error: Unconvertible<()> = Unconvertible::new(Problem::Type("a function".into()))
            .at("1")
            .at("a/b")
            .at("images");
        assert_eq!(error.pointer(), "/images/a~1b/1");
        assert_eq!(
            error.into_message("objects or strings"),
            Ok("cannot send a function at /images/a~1b/1: use objects or strings".into())
        );
    }

    #[test]
    fn the_hosts_own_error_passes_through() {
        let error = Unconvertible::from("a getter threw").at("x");
        assert_eq!(error.into_message("anything"), Err("a getter threw"));
    }
}
