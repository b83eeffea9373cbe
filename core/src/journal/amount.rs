//! Amounts as whole nano units (10⁻⁹ of the currency), so that the journal sums reservations exactly with
//! integer arithmetic inside the database instead of parsing every row's decimal text.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Decimal places kept in nano units.
const NANO_SCALE: u32 = 9;

/// The largest amount the journal counts: about 9.2 billion units of a currency.
pub const MAX_AMOUNT: Decimal =
    Decimal::from_parts(u32::MAX, i32::MAX as u32, 0, false, NANO_SCALE);

/// An amount in nano units, rounded up past the ninth decimal place (a reservation is never smaller than the
/// amount). `None` for a negative amount or one larger than [`MAX_AMOUNT`].
pub fn amount_to_nanos(amount: Decimal) -> Option<i64> {
    if amount.is_sign_negative() {
        return None;
    }
    let nanos = amount.checked_mul(Decimal::from(1_000_000_000_i64))?.ceil();
    nanos.to_i64()
}

/// Nano units as a decimal with at least two decimal places (`0.80`, `1.25`, `0.0125`), like estimates.
pub fn amount_from_nanos(nanos: i64) -> Decimal {
    let mut amount = Decimal::new(nanos, NANO_SCALE).normalize();
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    amount
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn decimal(text: &str) -> Decimal {
        Decimal::from_str(text).expect("a decimal")
    }

    #[test]
    fn round_trips_and_rounds_up() {
        assert_eq!(amount_to_nanos(decimal("0.40")), Some(400_000_000));
        assert_eq!(amount_from_nanos(400_000_000).to_string(), "0.40");
        assert_eq!(amount_from_nanos(12_500_000).to_string(), "0.0125");
        assert_eq!(amount_from_nanos(3_000_000_000).to_string(), "3.00");
        assert_eq!(amount_to_nanos(decimal("0.0000000001")), Some(1));
        assert_eq!(amount_to_nanos(decimal("-1")), None);
        assert_eq!(amount_to_nanos(decimal("1e12")), None);
        assert_eq!(amount_to_nanos(MAX_AMOUNT), Some(i64::MAX));
    }
}
