//! QR codes as SVG path data: the `qrcode` crate encodes, this draws. One
//! path of dark runs keeps the inline SVG small (a `#c=` link of 2,000 bytes
//! is a version-40 code, 177 modules wide).

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, as the standard asks.
pub const QUIET_ZONE: usize = 4;

/// A QR code ready to draw: `size` modules square (quiet zone included) and
/// the path of its dark modules in those units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    pub size: usize,
    pub path: String,
}

/// Encodes `data` at error-correction level M (L if M cannot hold it).
pub fn encode(data: &str) -> Result<QrSvg, String> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M)
        .or_else(|_| QrCode::with_error_correction_level(data, EcLevel::L))
        .map_err(|e| format!("the link does not fit in a QR code ({e})"))?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                path.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
            } else {
                x += 1;
            }
        }
    }
    Ok(QrSvg {
        size: width + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_link_is_a_small_code_with_a_quiet_zone() {
        let qr = encode("https://example.org/verify#h=00").expect("fits");
        // Version 3 at level M: 29 modules, plus 4 on each side.
        assert_eq!(qr.size, 29 + 2 * QUIET_ZONE);
        // The top-left finder pattern starts at the quiet zone with a run of 7.
        assert!(qr.path.starts_with("M4 4h7v1h-7z"), "{}", &qr.path[..40]);
    }

    #[test]
    fn a_2000_byte_link_fits_and_more_than_a_code_holds_is_refused() {
        let link = format!("https://example.org/verify#c=u{}", "A".repeat(1960));
        assert!(link.len() >= 1990);
        assert!(encode(&link).is_ok());
        assert!(encode(&"x".repeat(5000)).is_err());
    }
}
