//! `resource.Quantity`: the full grammar and canonical form of Kubernetes
//! quantities (`500m`, `128Mi`, `1e3`, `0.1`).
//!
//! Semantics follow apimachinery's `pkg/api/resource/quantity.go` (parsing,
//! rounding up to nano precision, `CanonicalizeBytes`); the code is ours.
//! A value is held exactly as `mantissa × 10^exp10`.

use std::fmt;

/// How the quantity was written; the canonical form keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `Ki`, `Mi`, … (powers of 1024).
    BinarySI,
    /// `m`, `k`, `M`, … or no suffix (powers of 1000).
    DecimalSI,
    /// `e3`, `E-2` (powers of ten).
    DecimalExponent,
}

/// A parsed quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    mantissa: i128,
    exp10: i32,
    pub format: Format,
}

/// Why a string is not a quantity. The message is upstream's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuantityError {
    /// Does not match the grammar.
    Format,
    /// Too large to hold here (upstream would also refuse most of these).
    TooLarge,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantityError::Format => f.write_str(
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            ),
            QuantityError::TooLarge => f.write_str("quantity is too large"),
        }
    }
}

/// The most digits we keep in a mantissa: i128 holds 38; leave room to scale.
const MAX_DIGITS: usize = 30;
/// Upstream refuses exponents beyond this range, and so do we.
const MAX_EXP10: i32 = 60;

impl Quantity {
    /// Parses `<signedNumber><suffix>` exactly as upstream's `ParseQuantity`.
    pub fn parse(input: &str) -> Result<Quantity, QuantityError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(QuantityError::Format);
        }
        let bytes = s.as_bytes();
        let mut i = 0;
        let negative = match bytes[0] {
            b'-' => {
                i = 1;
                true
            }
            b'+' => {
                i = 1;
                false
            }
            _ => false,
        };
        let mut digits = String::new();
        let mut frac_digits: i32 = 0;
        let mut seen_dot = false;
        let mut any_digit = false;
        while i < bytes.len() {
            match bytes[i] {
                b'0'..=b'9' => {
                    any_digit = true;
                    digits.push(bytes[i] as char);
                    if seen_dot {
                        frac_digits += 1;
                    }
                }
                b'.' if !seen_dot => seen_dot = true,
                _ => break,
            }
            i += 1;
        }
        if !any_digit {
            return Err(QuantityError::Format);
        }
        let suffix = &s[i..];
        let (format, base_exp10, binary_pow) = parse_suffix(suffix)?;

        // Drop leading zeros, keep the value exact.
        let trimmed = digits.trim_start_matches('0');
        if trimmed.len() > MAX_DIGITS {
            return Err(QuantityError::TooLarge);
        }
        let mut mantissa: i128 = 0;
        for c in trimmed.bytes() {
            mantissa = mantissa * 10 + i128::from(c - b'0');
        }
        let mut exp10 = base_exp10 - frac_digits;
        for _ in 0..binary_pow {
            mantissa = mantissa.checked_mul(1024).ok_or(QuantityError::TooLarge)?;
        }
        if negative {
            mantissa = -mantissa;
        }
        // Normalise trailing zeros into the exponent.
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            exp10 += 1;
        }
        if mantissa == 0 {
            exp10 = 0;
        }
        // Precision is nano: round up (away from zero for positives) below it.
        if exp10 < -9 {
            let shift = (-9 - exp10) as u32;
            let Some(div) = 10i128.checked_pow(shift) else {
                // Far below a nano: the value rounds to one nano unit.
                return Ok(Quantity { mantissa: mantissa.signum(), exp10: -9, format });
            };
            let q = mantissa / div;
            let r = mantissa % div;
            mantissa = if r > 0 { q + 1 } else { q };
            exp10 = -9;
        }
        if exp10 > MAX_EXP10 || magnitude_digits(mantissa) as i32 + exp10 > MAX_EXP10 {
            return Err(QuantityError::TooLarge);
        }
        Ok(Quantity { mantissa, exp10, format })
    }

    /// True when the value is zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// True when the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// The value in thousandths, rounded up (upstream `MilliValue`). CPU
    /// millicores. Saturates for absurd values.
    pub fn milli_value(&self) -> i64 {
        self.scaled_ceil(-3)
    }

    /// The value in whole units, rounded up (upstream `Value`). Memory bytes.
    pub fn value(&self) -> i64 {
        self.scaled_ceil(0)
    }

    /// The value as `floor(self × 10^-scale)` rounded up, saturating at i64.
    fn scaled_ceil(&self, scale: i32) -> i64 {
        let shift = self.exp10 - scale;
        let v: i128 = if shift >= 0 {
            match 10i128.checked_pow(shift as u32).and_then(|p| self.mantissa.checked_mul(p)) {
                Some(v) => v,
                None => return if self.mantissa < 0 { i64::MIN } else { i64::MAX },
            }
        } else {
            match 10i128.checked_pow((-shift) as u32) {
                Some(div) => {
                    let q = self.mantissa / div;
                    if self.mantissa % div > 0 {
                        q + 1
                    } else {
                        q
                    }
                }
                None => i128::from(self.mantissa > 0),
            }
        };
        v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    /// Compares two quantities by value.
    pub fn cmp_value(&self, other: &Quantity) -> std::cmp::Ordering {
        let e = self.exp10.min(other.exp10);
        let a = scale_to(self.mantissa, self.exp10 - e);
        let b = scale_to(other.mantissa, other.exp10 - e);
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Only one overflowed: it is the larger in magnitude.
            _ => (self.mantissa.signum(), magnitude_digits(self.mantissa) as i32 + self.exp10)
                .cmp(&(other.mantissa.signum(), magnitude_digits(other.mantissa) as i32 + other.exp10)),
        }
    }

    /// The canonical string, as the apiserver writes it back
    /// (`0.1` → `100m`, `1.5Gi` → `1536Mi`, `1000` → `1k`).
    pub fn canonical(&self) -> String {
        if self.mantissa == 0 {
            return "0".to_string();
        }
        let mut format = self.format;
        if format == Format::BinarySI {
            let small = self.cmp_value(&Quantity { mantissa: 1024, exp10: 0, format }).is_lt()
                && self.cmp_value(&Quantity { mantissa: -1024, exp10: 0, format }).is_gt();
            if small || self.exp10 < 0 {
                format = Format::DecimalSI;
            }
        }
        match format {
            Format::BinarySI => {
                let Some(mut n) = scale_to(self.mantissa, self.exp10) else {
                    return self.decimal_string(Format::DecimalExponent);
                };
                let mut pow = 0;
                while pow < 6 && n % 1024 == 0 {
                    n /= 1024;
                    pow += 1;
                }
                let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][pow];
                format!("{n}{suffix}")
            }
            other => self.decimal_string(other),
        }
    }

    /// Decimal rendering: the exponent is brought to a multiple of three.
    fn decimal_string(&self, format: Format) -> String {
        let mut m = self.mantissa;
        let mut e = self.exp10;
        while e.rem_euclid(3) != 0 {
            m *= 10;
            e -= 1;
        }
        if format == Format::DecimalSI && (-9..=18).contains(&e) {
            let suffix = match e {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                0 => "",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                _ => "E",
            };
            format!("{m}{suffix}")
        } else if e == 0 {
            format!("{m}")
        } else {
            format!("{m}e{e}")
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

fn scale_to(m: i128, shift: i32) -> Option<i128> {
    if shift < 0 {
        return None;
    }
    10i128.checked_pow(shift as u32).and_then(|p| m.checked_mul(p))
}

fn magnitude_digits(m: i128) -> usize {
    let mut n = m.unsigned_abs();
    let mut d = 0;
    while n > 0 {
        n /= 10;
        d += 1;
    }
    d
}

/// `(format, power of ten, power of 1024)` for a suffix.
fn parse_suffix(suffix: &str) -> Result<(Format, i32, u32), QuantityError> {
    let dec = |e| Ok((Format::DecimalSI, e, 0));
    let bin = |p| Ok((Format::BinarySI, 0, p));
    match suffix {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(1),
        "Mi" => bin(2),
        "Gi" => bin(3),
        "Ti" => bin(4),
        "Pi" => bin(5),
        "Ei" => bin(6),
        s if s.starts_with(['e', 'E']) => {
            let rest = &s[1..];
            let digits = rest.strip_prefix(['+', '-']).unwrap_or(rest);
            if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(QuantityError::Format);
            }
            let e: i32 = rest.parse().map_err(|_| QuantityError::Format)?;
            Ok((Format::DecimalExponent, e, 0))
        }
        _ => Err(QuantityError::Format),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        Quantity::parse(s).map(|q| q.canonical()).unwrap_or_else(|e| format!("error: {e:?}"))
    }

    #[test]
    fn canonical_forms_match_upstream() {
        for (input, want) in [
            ("0.1", "100m"),
            ("100m", "100m"),
            ("1000m", "1"),
            ("1", "1"),
            ("1000", "1k"),
            ("1.5Gi", "1536Mi"),
            ("0.5Gi", "512Mi"),
            ("128Mi", "128Mi"),
            ("1024", "1024"),
            ("1Ki", "1Ki"),
            ("1023Ki", "1023Ki"),
            ("1e3", "1e3"),
            ("1E6", "1e6"),
            ("12e-3", "12e-3"),
            ("16", "16"),
            ("0", "0"),
            ("0Mi", "0"),
            ("-1", "-1"),
            ("+5m", "5m"),
            ("1n", "1n"),
            ("0.0000000001", "1n"),
            ("500Mi", "500Mi"),
            ("2.5", "2500m"),
            ("64M", "64M"),
        ] {
            assert_eq!(canon(input), want, "canonical form of {input}");
        }
    }

    #[test]
    fn bad_quantities_are_rejected() {
        for input in ["", "abc", "1.2.3", "Mi", "1mi", "1 Gi", "1KiB", "1e", "1e+", "--1", ".", "1x"] {
            assert_eq!(Quantity::parse(input), Err(QuantityError::Format), "{input:?} should not parse");
        }
        assert_eq!(Quantity::parse("99999999999999999999999999999999999"), Err(QuantityError::TooLarge));
        assert_eq!(Quantity::parse("1e9999"), Err(QuantityError::TooLarge));
    }

    #[test]
    fn values_round_up_like_upstream() {
        assert_eq!(Quantity::parse("0.1").unwrap().milli_value(), 100);
        assert_eq!(Quantity::parse("1.5m").unwrap().milli_value(), 2);
        assert_eq!(Quantity::parse("128Mi").unwrap().value(), 128 * 1024 * 1024);
        assert_eq!(Quantity::parse("16").unwrap().value(), 16);
        assert_eq!(Quantity::parse("1.5").unwrap().value(), 2);
        assert_eq!(Quantity::parse("1Ei").unwrap().value(), 1 << 60);
        assert_eq!(Quantity::parse("100Ei").unwrap().value(), i64::MAX);
    }

    #[test]
    fn comparison_is_by_value() {
        let a = Quantity::parse("1Gi").unwrap();
        let b = Quantity::parse("1G").unwrap();
        assert!(a.cmp_value(&b).is_gt());
        assert!(Quantity::parse("500m").unwrap().cmp_value(&Quantity::parse("0.5").unwrap()).is_eq());
    }
}
