//! Handing a caller's own large strings back instead of copies: the one policy of both packages.
//!
//! A request's inline image is a data URL of up to megabytes. The core moves strings, it never copies them,
//! so the normalized request usually holds the very `String` the host's string was read into. Building a new
//! host string for it would cost a copy and an allocation per call; returning the caller's own (immutable)
//! string costs nothing and is indistinguishable to the caller.
//!
//! The policy: strings of at least [`LARGE_STRING_BYTES`] are remembered with the address and length of the
//! `String` they were read into; a string of the result is the caller's own when it has that address and
//! length **and** the host confirms its content ([`HostString::holds`]), so a string the core changed, or a
//! new one at a recycled address, is never mistaken for the original. A host confirms the cheapest exact way
//! it has: Python compares with the `str`'s own UTF-8 view; Node, which cannot see a JS string's bytes
//! without copying them (a copy is what this saves), with a [`Fingerprint`] sampled when the string was read.
//! A host whose check is that cheap remembers short strings too ([`HostString::MIN_BYTES`]): Python hands
//! back every `str` the core did not change, which saves an allocation and a UTF-8 decode per string.

/// Strings from this size on are remembered by a host whose check is costly (a fingerprint): shorter ones
/// cost it less to create again than to look up.
pub const LARGE_STRING_BYTES: usize = 16 * 1024;

/// A host's handle to one of the caller's strings.
pub trait HostString {
    /// Strings from this size on are remembered: [`LARGE_STRING_BYTES`], unless the host's check is as cheap
    /// as making a new string.
    const MIN_BYTES: usize = LARGE_STRING_BYTES;

    /// Whether this string's content is `text`.
    fn holds(&self, text: &str) -> bool;
}

/// The caller's large strings of one converted value, each with the address and length of its Rust copy.
#[derive(Debug)]
pub struct Originals<H> {
    strings: Vec<(usize, usize, H)>,
}

impl<H> Default for Originals<H> {
    fn default() -> Self {
        Originals {
            strings: Vec::new(),
        }
    }
}

impl<H: HostString> Originals<H> {
    /// Whether a string is large enough to be remembered.
    pub fn is_large(text: &str) -> bool {
        text.len() >= H::MIN_BYTES
    }

    /// Remembers that `copy` was read from `original` (nothing for a small string). `original` is built
    /// only for a string that is remembered.
    pub fn record(&mut self, copy: &str, original: impl FnOnce() -> H) {
        if Self::is_large(copy) {
            self.strings
                .push((copy.as_ptr() as usize, copy.len(), original()));
        }
    }

    /// The caller's own string for `text`, if `text` is one of the recorded copies, unchanged.
    pub fn find(&self, text: &str) -> Option<&H> {
        if !Self::is_large(text) {
            return None;
        }
        let key = (text.as_ptr() as usize, text.len());
        self.strings
            .iter()
            .find(|(address, len, original)| (*address, *len) == key && original.holds(text))
            .map(|(_, _, original)| original)
    }
}

/// Samples of a string's content, taken in constant time: eight-byte windows spread evenly over it, the
/// first and the last included. Two strings with the same fingerprint have the same length and agree at every
/// window; a data URL changed in place, or another image's at a recycled address, differs in practice at one
/// of them. For a host that cannot read its own string back without a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: usize,
    windows: [u64; Fingerprint::WINDOWS],
}

impl Fingerprint {
    const WINDOWS: usize = 32;

    pub fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut windows = [0; Fingerprint::WINDOWS];
        if bytes.len() >= 8 {
            let last_start = bytes.len() - 8;
            for (index, window) in windows.iter_mut().enumerate() {
                let start = last_start * index / (Fingerprint::WINDOWS - 1);
                let mut word = [0; 8];
                word.copy_from_slice(&bytes[start..start + 8]);
                *window = u64::from_le_bytes(word);
            }
        }
        Fingerprint {
            len: bytes.len(),
            windows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A host string that holds its text.
    struct Text(String);

    impl HostString for Text {
        fn holds(&self, text: &str) -> bool {
            self.0 == text
        }
    }

    #[test]
    fn a_large_copy_is_found_only_at_its_address_and_unchanged() {
        let copy = "a".repeat(LARGE_STRING_BYTES);
        let mut originals = Originals::default();
        originals.record(&copy, || Text(copy.clone()));
        assert!(originals.find(&copy).is_some());
        // Equal content elsewhere is a different string.
        assert!(originals.find(&copy.clone()).is_none());
        // The same allocation, changed, is not the original any more.
        let mut changed = copy;
        changed.replace_range(0..1, "b");
        assert!(originals.find(&changed).is_none());
    }

    #[test]
    fn small_strings_are_not_remembered() {
        let copy = "short".to_owned();
        let mut originals = Originals::default();
        originals.record(&copy, || Text(copy.clone()));
        assert!(originals.find(&copy).is_none());
    }

    /// A host string cheap enough to check that every string is remembered.
    struct Cheap(String);

    impl HostString for Cheap {
        const MIN_BYTES: usize = 0;

        fn holds(&self, text: &str) -> bool {
            self.0 == text
        }
    }

    #[test]
    fn a_host_with_a_cheap_check_remembers_short_strings_too() {
        let copy = "short".to_owned();
        let mut originals = Originals::default();
        originals.record(&copy, || Cheap(copy.clone()));
        assert!(originals.find(&copy).is_some());
        assert!(originals.find(&copy.clone()).is_none());
    }

    #[test]
    fn fingerprints_tell_contents_apart() {
        let text = "x".repeat(LARGE_STRING_BYTES);
        assert_eq!(Fingerprint::of(&text), Fingerprint::of(&text.clone()));
        let mut last = text.clone();
        last.replace_range(LARGE_STRING_BYTES - 1.., "y");
        assert_ne!(Fingerprint::of(&text), Fingerprint::of(&last));
        assert_ne!(Fingerprint::of(&text), Fingerprint::of(&text[1..]));
    }
}
