//! QR codes for print handouts, as SVG. The qrcode crate encodes, lays out and masks; the
//! mask is chosen here by the crate's own penalty rules (ISO/IEC 18004 N1–N4) computed on
//! plain booleans, and the SVG is one path of runs. The crate's `apply_best_mask` (a boxed
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
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    MASKS
        .iter()
        .map(|&mask| {
            let mut c = canvas.clone();
            c.apply_mask(mask);
            let colors = c.into_colors();
            (if width <= 64 { penalty_bits(&colors, width) } else { penalty(&colors, width) }, colors)
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

/// The penalty of a masked code (lower reads better): runs of five or more of a colour,
/// 2×2 blocks of one colour, finder-like patterns, and the dark/light balance. The same
/// scores as the crate's, less its constant 2 × 360 for the three real finder patterns.
fn penalty(m: &[Color], w: usize) -> u32 {
    let rows: Vec<bool> = m.iter().map(|c| *c == Color::Dark).collect();
    let mut cols = vec![false; rows.len()];
    for (y, row) in rows.chunks_exact(w).enumerate() {
        for (x, &c) in row.iter().enumerate() {
            cols[x * w + y] = c;
        }
    }
    let mut score = 0;
    for line in rows.chunks_exact(w).chain(cols.chunks_exact(w)) {
        score += runs(line) + finders(line);
    }
    for (a, b) in rows.chunks_exact(w).zip(rows.chunks_exact(w).skip(1)) {
        for x in 0..w - 1 {
            let c = a[x];
            if a[x + 1] == c && b[x] == c && b[x + 1] == c {
                score += 3;
            }
        }
    }
    let dark = rows.iter().filter(|&&c| c).count();
    let ratio = dark * 200 / rows.len();
    score + u32::try_from(ratio.abs_diff(100)).unwrap_or(u32::MAX / 2)
}

/// `penalty` on rows and columns as bit sets (a code up to 64 modules wide: version 11, a
/// URL of about 250 characters), a few instructions per line instead of per module.
fn penalty_bits(m: &[Color], w: usize) -> u32 {
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
        score += runs_bits(line, w) + finders_bits(line, w);
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

/// `runs` on a line of `w` modules (bit j = module j).
fn runs_bits(line: u64, w: usize) -> u32 {
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

/// `finders` on a line of `w` modules (bit j = module j).
fn finders_bits(line: u64, w: usize) -> u32 {
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

/// N1: each run of five or more modules of one colour scores its length less 2.
fn runs(line: &[bool]) -> u32 {
    let mut score = 0;
    let mut len = 0_u32;
    for (j, &c) in line.iter().enumerate() {
        if j > 0 && line[j - 1] == c {
            len += 1;
        } else {
            if len >= 5 {
                score += len - 2;
            }
            len = 1;
        }
    }
    if len >= 5 { score + len - 2 } else { score }
}

/// N3: each dark-light-dark×3-light-dark pattern with four light (or outside) modules on at
/// least one side scores 40.
fn finders(line: &[bool]) -> u32 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let w = line.len();
    let mut score = 0;
    for j in 0..w.saturating_sub(6) {
        if !line[j] || line[j + 1] || line[j..j + 7] != PATTERN {
            continue;
        }
        let left_dark = line[j.saturating_sub(4)..j].iter().any(|&c| c);
        let right_dark = line[(j + 7).min(w)..(j + 11).min(w)].iter().any(|&c| c);
        if !left_dark || !right_dark {
            score += 40;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    /// The same modules as the crate's own `QrCode::new` (which scores masks itself), for URLs
    /// of many lengths (versions 3 to 8) and contents.
    #[test]
    fn same_codes_as_the_crate() {
        for n in 0..300 {
            let url = format!(
                "https://help.riverside.example/{}/guide-{n}/{}",
                "zh/emergency".repeat(n % 7),
                "x".repeat(n % 40)
            );
            let (ours, width) = super::modules(url.as_bytes()).unwrap_or_default();
            let theirs = qrcode::QrCode::new(url.as_bytes()).unwrap_or_else(|_| panic!("{url}"));
            assert_eq!(width, theirs.width(), "{url}");
            assert!(ours == theirs.to_colors(), "{url}: another mask than the crate's");
        }
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

    /// The bit-set penalty equals the plain one on every mask of codes of many sizes, and a
    /// code wider than 64 modules (the plain path) still matches the crate.
    #[test]
    fn both_penalties_agree() {
        for n in [0_usize, 30, 90, 200] {
            let url = format!("https://help.riverside.example/{}", "a".repeat(n));
            let bits = qrcode::bits::encode_auto(url.as_bytes(), qrcode::EcLevel::M).unwrap_or_else(|_| panic!());
            let version = bits.version();
            let (data, ec) =
                qrcode::ec::construct_codewords(&bits.into_bytes(), version, qrcode::EcLevel::M).unwrap_or_default();
            let mut canvas = qrcode::canvas::Canvas::new(version, qrcode::EcLevel::M);
            canvas.draw_all_functional_patterns();
            canvas.draw_data(&data, &ec);
            let w = usize::try_from(version.width()).unwrap_or_default();
            for mask in super::MASKS {
                let mut c = canvas.clone();
                c.apply_mask(mask);
                let colors = c.into_colors();
                assert_eq!(super::penalty_bits(&colors, w), super::penalty(&colors, w), "{n} {mask:?}");
            }
        }
        let long = format!("https://help.riverside.example/{}", "b".repeat(400));
        let (ours, width) = super::modules(long.as_bytes()).unwrap_or_default();
        assert!(width > 64);
        assert!(ours == qrcode::QrCode::new(long.as_bytes()).map(|c| c.to_colors()).unwrap_or_default());
    }

    #[test]
    fn runs_and_finders() {
        assert_eq!(super::runs(&[true; 5]), 3);
        assert_eq!(super::runs(&[true, true, false, false, false, false, false, false]), 4);
        assert_eq!(super::runs(&[true, false, true, false]), 0);
        let finder =
            [false, false, false, false, true, false, true, true, true, false, true, false, false, false, false];
        assert_eq!(super::finders(&finder), 40);
        let mut surrounded = finder;
        surrounded[0] = true;
        surrounded[14] = true;
        assert_eq!(super::finders(&surrounded), 0);
        surrounded[14] = false;
        assert_eq!(super::finders(&surrounded), 40);
    }
}
