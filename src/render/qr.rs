//! QR codes for print handouts, as SVG. The qrcode crate encodes, lays out and masks; the
//! mask is chosen here by the crate's own penalty rules (ISO/IEC 18004 N1–N4) computed on
//! bit sets (codes up to 64 modules wide; wider ones are left to the crate), and the SVG is one path of runs. The crate's `apply_best_mask` (a boxed
//! closure per module) and SVG writer (a `write!` per module) were 70% of the print
//! channel's CPU time on 10,000 handouts; the codes are the same, module for module.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::Color;
use qrcode::{EcLevel, Version, bits, ec};

/// The crate's order of masks: on equal penalties the first wins, as in the crate.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of a QR code (error correction level M, like `QrCode::new`) for `data`,
/// row by row, with the module count of a side.
pub fn modules(data: &[u8]) -> Option<(Vec<Color>, usize)> {
    let level = EcLevel::M;
    let bits = bits::encode_auto(data, level).ok()?;
    let version = bits.version();
    if !matches!(version, Version::Normal(_)) {
        return None;
    }
    let width = usize::try_from(version.width()).ok()?;
    if width > 64 {
        // A URL of 250+ characters: the crate scores the masks itself, more slowly.
        let code = qrcode::QrCode::with_bits(bits, level).ok()?;
        return Some((code.into_colors(), width));
    }
    let (codewords, ec) = ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &ec);
    MASKS
        .iter()
        .map(|&mask| {
            let mut c = canvas.clone();
            c.apply_mask(mask);
            let colors = c.into_colors();
            (penalty(&colors, width), colors)
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, colors)| (colors, width))
}

/// An SVG of `url`'s QR code (200 px or more wide, the 4-module quiet zone included),
/// labelled for screen readers: one path of horizontal runs of dark modules.
pub fn svg(url: &str) -> Option<String> {
    use std::fmt::Write as _;
    let (colors, width) = modules(url.as_bytes())?;
    let side = width + 8;
    let px = side * 200usize.div_ceil(side);
    let label = url.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"QR: {label}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{px}\" height=\"{px}\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for (y, row) in colors.chunks_exact(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let len = row[x..].iter().take_while(|c| **c == Color::Dark).count();
                let _ = write!(svg, "M{} {}h{len}v1h-{len}z", x + 4, y + 4);
                x += len;
            } else {
                x += 1;
            }
        }
    }
    svg.push_str("\"/></svg>");
    Some(svg)
}

/// The penalty of a masked code (lower reads better), by the crate's rules less its constant
/// 2 × 360 for the three real finder patterns: N1 runs of five or more modules of a colour,
/// N2 2×2 blocks of one colour, N3 finder-like patterns, N4 the dark/light balance. Rows and
/// columns are bit sets, so a code is at most 64 modules wide (version 11).
fn penalty(m: &[Color], w: usize) -> u32 {
    let full = if w == 64 { u64::MAX } else { (1u64 << w) - 1 };
    let mut rows = vec![0u64; w];
    let mut cols = vec![0u64; w];
    for (i, c) in m.iter().enumerate() {
        if *c == Color::Dark {
            let (y, x) = (i / w, i % w);
            rows[y] |= 1 << x;
            cols[x] |= 1 << y;
        }
    }
    let mut score = 0;
    for &line in rows.iter().chain(&cols) {
        score += runs(line, w) + finders(line, w);
    }
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let same_ab = !(a ^ b);
        let same_next = !(a ^ (a >> 1));
        let blocks = same_ab & same_next & (same_ab >> 1) & (full >> 1);
        score += 3 * blocks.count_ones();
    }
    let dark: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let total = u32::try_from(w * w).unwrap_or(u32::MAX);
    score + (dark * 200 / total).abs_diff(100)
}

/// N1 on a line of `w` modules (bit j = module j): each run of five or more modules of one
/// colour scores its length less 2.
fn runs(line: u64, w: usize) -> u32 {
    // Bit j set where module j differs from module j + 1; the last module always ends a run.
    let last = 1u64 << (w - 1);
    let mut ends = (line ^ (line >> 1)) & (last - 1) | last;
    let (mut score, mut start) = (0, 0);
    while ends != 0 {
        let end = ends.trailing_zeros();
        let len = end + 1 - start;
        if len >= 5 {
            score += len - 2;
        }
        start = end + 1;
        ends &= ends - 1;
    }
    score
}

/// N3 on a line of `w` modules (bit j = module j): each dark-light-dark×3-light-dark pattern
/// with four light (or outside) modules on at least one side scores 40.
fn finders(line: u64, w: usize) -> u32 {
    if w < 7 {
        return 0;
    }
    let light = !line;
    // Bit j set where modules j..j+7 read dark, light, dark, dark, dark, light, dark.
    let mut at = line & (light >> 1) & (line >> 2) & (line >> 3) & (line >> 4) & (light >> 5) & (line >> 6);
    at &= (1u64 << (w - 6)) - 1;
    let mut score = 0;
    while at != 0 {
        let j = at.trailing_zeros() as usize;
        let left = (j.saturating_sub(4)..j).any(|k| line >> k & 1 == 1);
        let right = (j + 7..(j + 11).min(w)).any(|k| line >> k & 1 == 1);
        if !left || !right {
            score += 40;
        }
        at &= at - 1;
    }
    score
}

#[cfg(test)]
mod tests {
    /// The same modules as the crate's own `QrCode::new` (which scores masks itself), for URLs
    /// of many lengths (versions 3 to 11, the widest the bit sets take) and contents.
    #[test]
    fn same_codes_as_the_crate() {
        let mut widths = std::collections::BTreeSet::new();
        for n in 0..300 {
            let url = format!(
                "https://help.riverside.example/{}/guide-{n}/{}",
                "zh/emergency".repeat(n % 14),
                "x".repeat(n % 40)
            );
            let (ours, width) = super::modules(url.as_bytes()).unwrap_or_default();
            let theirs = qrcode::QrCode::new(url.as_bytes()).unwrap_or_else(|_| panic!("{url}"));
            assert_eq!(width, theirs.width(), "{url}");
            assert!(ours == theirs.to_colors(), "{url}: another mask than the crate's");
            widths.insert(width);
        }
        // Versions 3 (29 modules) to 11 (61) all went through the bit-set scoring.
        assert!((29..=61).step_by(4).all(|w| widths.contains(&w)), "{widths:?}");
    }

    /// The path covers exactly the dark modules, shifted by the quiet zone.
    #[test]
    fn svg_draws_every_dark_module() {
        let url = "https://help.riverside.example/emergency/visit/";
        let (colors, width) = super::modules(url.as_bytes()).unwrap_or_default();
        let svg = super::svg(url).unwrap_or_default();
        assert!(
            svg.starts_with("<svg ")
                && svg.contains("aria-label=\"QR: https://help.riverside.example/emergency/visit/\"")
        );
        let d = svg.split("d=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
        let mut drawn = vec![false; colors.len()];
        for part in d.split('M').filter(|p| !p.is_empty()) {
            let (xy, rest) = part.split_once('h').unwrap_or_default();
            let (x, y) = xy.split_once(' ').unwrap_or_default();
            let len: usize = rest.split('v').next().unwrap_or_default().parse().unwrap_or_default();
            let (x, y): (usize, usize) = (x.parse().unwrap_or_default(), y.parse().unwrap_or_default());
            for i in 0..len {
                drawn[(y - 4) * width + x - 4 + i] = true;
            }
        }
        let dark: Vec<bool> = colors.iter().map(|c| *c == qrcode::types::Color::Dark).collect();
        assert!(drawn == dark);
    }

    /// A code wider than 64 modules comes from the crate itself.
    #[test]
    fn wide_codes() {
        let long = format!("https://help.riverside.example/{}", "b".repeat(400));
        let (ours, width) = super::modules(long.as_bytes()).unwrap_or_default();
        assert!(width > 64);
        assert!(ours == qrcode::QrCode::new(long.as_bytes()).map(|c| c.to_colors()).unwrap_or_default());
    }

    #[test]
    fn runs_and_finders() {
        let line = |modules: &[bool]| -> (u64, usize) {
            (modules.iter().enumerate().filter(|(_, d)| **d).map(|(i, _)| 1u64 << i).sum(), modules.len())
        };
        let score = |modules: &[bool]| {
            let (l, w) = line(modules);
            (super::runs(l, w), super::finders(l, w))
        };
        assert_eq!(score(&[true; 5]).0, 3);
        assert_eq!(score(&[true, true, false, false, false, false, false, false]).0, 4);
        assert_eq!(score(&[true, false, true, false]).0, 0);
        let finder =
            [false, false, false, false, true, false, true, true, true, false, true, false, false, false, false];
        assert_eq!(score(&finder).1, 40);
        let mut surrounded = finder;
        surrounded[0] = true;
        surrounded[14] = true;
        assert_eq!(score(&surrounded).1, 0);
        surrounded[14] = false;
        assert_eq!(score(&surrounded).1, 40);
    }
}
