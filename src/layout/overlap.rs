//! Spreads nodes whose boxes overlap, so labels stay readable.

/// Pushes apart every pair of nodes whose boxes (half extents plus `margin`) overlap,
/// along the axis that needs the smaller move, until none overlap or `max_passes`
/// is reached. Fixed nodes do not move; a pair of fixed nodes is left alone.
pub(super) fn spread(
    positions: &mut [[f32; 2]],
    extents: &[(f32, f32)],
    fixed: &[bool],
    margin: f32,
    max_passes: usize,
) {
    let n = positions.len();
    if n < 2 {
        return;
    }
    let max_half = extents
        .iter()
        .fold(1.0f32, |acc, (w, h)| acc.max(*w).max(*h));
    let cell_size = 2.0 * max_half + margin;
    let mut keyed: Vec<((i64, i64), usize)> = Vec::with_capacity(n);
    // Only pairs with a node that moved in the previous pass can overlap now: a pair
    // found apart whose nodes then stayed put is still apart. So each pass checks the
    // neighbourhoods of the moved ("active") nodes only, and a pass costs what moved.
    let mut active = vec![true; n];
    let mut moved_now = vec![false; n];
    for _ in 0..max_passes {
        keyed.clear();
        keyed.extend(
            positions
                .iter()
                .enumerate()
                .map(|(i, p)| (cell_of(*p, cell_size), i)),
        );
        keyed.sort_unstable();
        moved_now.iter_mut().for_each(|m| *m = false);
        let mut moved = false;
        for &(cell, i) in &keyed {
            if !active[i] {
                continue;
            }
            // Keys sort by column then row, so the three neighbouring rows of one
            // column are one contiguous run: three searches per node, not nine.
            for dx in -1..=1 {
                let (column, low, high) = (cell.0 + dx, cell.1 - 1, cell.1 + 1);
                let from = keyed.partition_point(|(c, _)| *c < (column, low));
                for &(c, j) in &keyed[from..] {
                    if c > (column, high) {
                        break;
                    }
                    // A pair of active nodes is checked once, from its lower index.
                    if j == i || (active[j] && j < i) {
                        continue;
                    }
                    let (a, b) = (i.min(j), i.max(j));
                    if separate(positions, extents, fixed, margin, a, b) {
                        moved = true;
                        moved_now[a] = true;
                        moved_now[b] = true;
                    }
                }
            }
        }
        if !moved {
            return;
        }
        std::mem::swap(&mut active, &mut moved_now);
    }
}

fn cell_of(p: [f32; 2], cell_size: f32) -> (i64, i64) {
    (
        (p[0] / cell_size).floor() as i64,
        (p[1] / cell_size).floor() as i64,
    )
}

/// Moves `i` and `j` apart if their boxes overlap; returns whether anything moved.
fn separate(
    positions: &mut [[f32; 2]],
    extents: &[(f32, f32)],
    fixed: &[bool],
    margin: f32,
    i: usize,
    j: usize,
) -> bool {
    let (fixed_i, fixed_j) = (fixed[i], fixed[j]);
    if fixed_i && fixed_j {
        return false;
    }
    let (a, b) = (positions[i], positions[j]);
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let overlap_x = extents[i].0 + extents[j].0 + margin - dx.abs();
    let overlap_y = extents[i].1 + extents[j].1 + margin - dy.abs();
    if overlap_x <= 0.0 || overlap_y <= 0.0 {
        return false;
    }
    // Move along the axis that needs less, a hair more than needed so it sticks.
    let (axis, amount, delta) = if overlap_x <= overlap_y {
        (0, overlap_x + 0.01, dx)
    } else {
        (1, overlap_y + 0.01, dy)
    };
    let direction = if delta > 0.0 || (delta == 0.0 && i < j) {
        1.0
    } else {
        -1.0
    };
    let (share_i, share_j) = match (fixed_i, fixed_j) {
        (true, _) => (0.0, 1.0),
        (_, true) => (1.0, 0.0),
        _ => (0.5, 0.5),
    };
    positions[i][axis] -= direction * amount * share_i;
    positions[j][axis] += direction * amount * share_j;
    true
}
