//! Instants as credentials write them: XML Schema `dateTimeStamp`
//! (`2025-01-31T12:00:00Z`, an offset such as `+02:00` also allowed), and the
//! JSON Schema `date` format. No clock: callers pass "now" in.

use std::fmt;

/// An instant, to the second, as seconds since 1970-01-01T00:00:00Z.
/// Fractions of a second in the input are kept for ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
    nanos: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a date-time with a time zone such as 2025-01-31T12:00:00Z: {reason}")]
pub struct TimeError {
    pub input: String,
    pub reason: &'static str,
}

impl Timestamp {
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Timestamp { seconds, nanos: 0 }
    }

    pub const fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// Parses an RFC 3339 / `xsd:dateTimeStamp` value; the time zone is
    /// required, `T` and `Z` must be upper case.
    pub fn parse(input: &str) -> Result<Self, TimeError> {
        let err = |reason| TimeError {
            input: input.to_string(),
            reason,
        };
        let b = input.as_bytes();
        if b.len() < 20 {
            return Err(err("too short"));
        }
        let (days, rest) = parse_date_prefix(b).ok_or_else(|| err("bad date"))?;
        if rest.first() != Some(&b'T') {
            return Err(err("expected 'T' between the date and the time"));
        }
        let rest = &rest[1..];
        if rest.len() < 9 || rest[2] != b':' || rest[5] != b':' {
            return Err(err("expected hh:mm:ss"));
        }
        let hour = digits(&rest[0..2]).ok_or_else(|| err("bad hour"))?;
        let minute = digits(&rest[3..5]).ok_or_else(|| err("bad minute"))?;
        let second = digits(&rest[6..8]).ok_or_else(|| err("bad second"))?;
        if hour > 23 || minute > 59 || second > 60 {
            return Err(err("hour, minute or second out of range"));
        }
        let mut rest = &rest[8..];
        let mut nanos = 0u32;
        if rest.first() == Some(&b'.') {
            let frac_len = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if frac_len == 0 {
                return Err(err("a digit must follow the decimal point"));
            }
            for (i, &d) in rest[1..=frac_len].iter().enumerate() {
                if i < 9 {
                    nanos += u32::from(d - b'0') * 10u32.pow(8 - i as u32);
                }
            }
            rest = &rest[1 + frac_len..];
        }
        let offset = match rest {
            [b'Z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = digits(&[*h1, *h2]).ok_or_else(|| err("bad offset"))?;
                let m = digits(&[*m1, *m2]).ok_or_else(|| err("bad offset"))?;
                if h > 23 || m > 59 {
                    return Err(err("offset out of range"));
                }
                let off = h * 3600 + m * 60;
                if *sign == b'-' { -off } else { off }
            }
            [] => return Err(err("the time zone is missing (end with Z or an offset)")),
            _ => return Err(err("bad time zone")),
        };
        // A leap second is ordered as the last second of its minute.
        let second = second.min(59);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
        Ok(Timestamp { seconds, nanos })
    }

    /// `YYYY-MM-DDThh:mm:ssZ` in UTC, dropping any fraction of a second.
    pub fn to_rfc3339(&self) -> String {
        let days = self.seconds.div_euclid(86_400);
        let secs = self.seconds.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }

    /// This instant moved by `seconds`.
    pub const fn plus_seconds(&self, seconds: i64) -> Self {
        Timestamp {
            seconds: self.seconds + seconds,
            nanos: self.nanos,
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// Whether `input` is a full date `YYYY-MM-DD` (JSON Schema `date`).
pub fn is_date(input: &str) -> bool {
    matches!(parse_date_prefix(input.as_bytes()), Some((_, [])))
}

fn digits(b: &[u8]) -> Option<i64> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i64, |n, &d| n * 10 + i64::from(d - b'0')))
}

/// Parses `YYYY-MM-DD` at the start of `b`; returns days since 1970-01-01 and the rest.
fn parse_date_prefix(b: &[u8]) -> Option<(i64, &[u8])> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(&b[0..4])?;
    let m = digits(&b[5..7])?;
    let d = digits(&b[8..10])?;
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some((days_from_civil(y, m, d), &b[10..]))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let t = Timestamp::parse("2023-02-24T23:36:38Z");
        assert_eq!(t.map(|t| t.unix_seconds()), Ok(1_677_281_798));
        assert_eq!(
            Timestamp::from_unix_seconds(1_677_281_798).to_rfc3339(),
            "2023-02-24T23:36:38Z"
        );
        let a = Timestamp::parse("2024-02-29T01:00:00+01:00");
        let b = Timestamp::parse("2024-02-29T00:00:00Z");
        assert_eq!(a, b);
        assert!(
            Timestamp::parse("2024-01-01T00:00:00.5Z").ok()
                > Timestamp::parse("2024-01-01T00:00:00Z").ok()
        );
    }

    #[test]
    fn rejects_bad_values() {
        for bad in [
            "2023-02-30T00:00:00Z",
            "2023-02-24T23:36:38",
            "2023-02-24 23:36:38Z",
            "2023-02-24t23:36:38z",
            "2023-13-01T00:00:00Z",
            "2023-02-24T24:00:00Z",
            "2023-02-24T23:36:38Zx",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
        assert!(is_date("2000-02-29"));
        assert!(!is_date("1900-02-29"));
    }
}
