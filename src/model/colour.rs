//! Colours of a site's brand: `#rrggbb` / `#rgb` parsing and the WCAG 2.2 contrast ratio
//! (relative luminance), so a build can refuse an accent colour people cannot read. Pure.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

    /// `#0b5cad` or `#08c` (any case).
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            6 => Some(Rgb(byte(&hex[0..2])?, byte(&hex[2..4])?, byte(&hex[4..6])?)),
            3 => {
                let d = |i: usize| byte(&hex[i..=i]).map(|v| v * 17);
                Some(Rgb(d(0)?, d(1)?, d(2)?))
            }
            _ => None,
        }
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// The contrast ratio of two colours, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// The colour mixed with black: `keep` of it remains (0.7 = 30% darker).
    #[must_use]
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a channel scaled by 0..1 stays a byte"
    )]
    pub fn darker(self, keep: f64) -> Rgb {
        let d = |c: u8| (f64::from(c) * keep).round().clamp(0.0, 255.0) as u8;
        Rgb(d(self.0), d(self.1), d(self.2))
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_as_wcag_computes_it() {
        assert_eq!(Rgb::parse("#08C"), Some(Rgb(0, 0x88, 0xcc)));
        assert_eq!(Rgb::parse("0b5cad"), None);
        assert_eq!(Rgb::parse("#0b5cag"), None);
        let black = Rgb(0, 0, 0);
        assert!((Rgb::WHITE.contrast(black) - 21.0).abs() < 1e-9);
        // The theme's own accent on white: 6.67:1.
        let accent = Rgb::parse("#0b5cad").unwrap_or(black);
        assert!((accent.contrast(Rgb::WHITE) - 6.67).abs() < 0.01, "{}", accent.contrast(Rgb::WHITE));
        assert!(Rgb::parse("#8ab4f8").unwrap_or(black).contrast(Rgb::WHITE) < 4.5);
        assert_eq!(accent.darker(0.7).to_string(), "#084079");
    }
}
