//! "Did you mean": the catalog name most like a mistyped one.

use rapidfuzz::distance::jaro_winkler;

/// The candidate most like `given` (Jaro-Winkler, case-insensitive), if any is alike enough to be a typo.
///
/// Catalog names and ids are lower-case, so only `given` is folded; the comparator is built once for all
/// candidates (bit-parallel, no allocation per candidate).
pub(super) fn closest<'a>(
    given: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    const ALIKE: f64 = 0.8;
    let given = given.to_ascii_lowercase();
    let comparator = jaro_winkler::BatchComparator::new(given.bytes());
    // With a cutoff, candidates that cannot reach it are dismissed early (most of them, for a typo).
    let args = jaro_winkler::Args::default().score_cutoff(ALIKE);
    candidates
        .filter_map(|candidate| {
            let score = comparator.normalized_similarity_with_args(candidate.bytes(), &args)?;
            Some((score, candidate))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn a_typo_finds_its_name_and_nonsense_finds_none() {
        let names = ["duration_seconds", "aspect_ratio", "resolution"];
        assert_eq!(
            closest("durations", names.into_iter()),
            Some("duration_seconds")
        );
        assert_eq!(
            closest("Aspect_Ratio", names.into_iter()),
            Some("aspect_ratio")
        );
        assert_eq!(closest("zzz", names.into_iter()), None);
    }
}
