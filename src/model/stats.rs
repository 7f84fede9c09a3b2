//! The one percentile of Upfront (nearest rank), used by `promise-exceeded`, `upfront facts`,
//! `upfront live` and `upfront audit`. Pure functions, no I/O.

/// The nearest-rank percentile of `sorted` (ascending; `p` in 1..=100, clamped): the smallest
/// value with at least `p`% of the values at or below it. `None` for no values.
pub fn nearest_rank_sorted(sorted: &[f64], p: u32) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let p = usize::try_from(p.clamp(1, 100)).unwrap_or(100);
    // rank = ceil(p / 100 × n), in integers.
    let rank = (p * n).div_ceil(100).clamp(1, n);
    sorted.get(rank - 1).copied()
}

/// The nearest-rank percentile of `values` in any order (see [`nearest_rank_sorted`]).
pub fn nearest_rank(values: &[f64], p: u32) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    nearest_rank_sorted(&sorted, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_by_hand() {
        // 10 values: the 90th percentile is the 9th smallest (ceil(0.9 × 10) = 9).
        let v: Vec<f64> = [15.0, 20.0, 35.0, 40.0, 50.0, 1.0, 2.0, 3.0, 4.0, 5.0].to_vec();
        assert_eq!(nearest_rank(&v, 90), Some(40.0));
        assert_eq!(nearest_rank(&v, 100), Some(50.0));
        assert_eq!(nearest_rank(&v, 50), Some(5.0));
        // 11 values: ceil(9.9) = 10th.
        let v: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(nearest_rank(&v, 90), Some(10.0));
        // ceil(0.01 × 3) = 1: the smallest.
        assert_eq!(nearest_rank(&[3.0, 1.0, 2.0], 1), Some(1.0));
        assert_eq!(nearest_rank(&[7.0], 90), Some(7.0));
        assert_eq!(nearest_rank(&[], 90), None);
        // 0 is treated as 1, above 100 as 100.
        assert_eq!(nearest_rank(&[3.0, 1.0, 2.0], 0), Some(1.0));
        assert_eq!(nearest_rank(&[3.0, 1.0, 2.0], 250), Some(3.0));
    }
}
