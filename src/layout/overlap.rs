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
    let mut grid = Grid::default();
    // Only pairs with a node that moved in the previous pass can overlap now: a pair
    // found apart whose nodes then stayed put is still apart. So each pass checks the
    // neighbourhoods of the moved ("active") nodes only, and a pass costs what moved.
    let mut active = vec![true; n];
    let mut moved_now = vec![false; n];
    for _ in 0..max_passes {
        grid.rebuild(positions, cell_size);
        moved_now.iter_mut().for_each(|m| *m = false);
        let mut moved = false;
        // Nodes go cell by cell (column-major), in index order within a cell; the
        // neighbours of a node are the 3×3 cells around its own.
        for cell in 0..grid.n_cells() {
            for &i in grid.members(cell) {
                if !active[i] {
                    continue;
                }
                for neighbour_cell in grid.around(cell) {
                    for &j in grid.members(neighbour_cell) {
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
        }
        if !moved {
            return;
        }
        std::mem::swap(&mut active, &mut moved_now);
    }
}

/// Nodes bucketed by square cell, rebuilt each pass in linear time (a counting sort
/// into one array), so finding a node's neighbours costs no search.
#[derive(Default)]
struct Grid {
    /// The lowest column and row, and how many rows there are.
    origin: (i64, i64),
    columns: usize,
    rows: usize,
    /// Cell `c`'s nodes are `members[starts[c]..starts[c + 1]]`, in index order.
    starts: Vec<usize>,
    members: Vec<usize>,
    cells: Vec<usize>,
}

/// Most cells per node the grid may have; beyond that (far outliers) cells are
/// coarsened so memory stays linear in the number of nodes.
const MAX_CELLS_PER_NODE: usize = 8;

impl Grid {
    fn rebuild(&mut self, positions: &[[f32; 2]], cell_size: f32) {
        let n = positions.len();
        let mut size = cell_size.max(1e-3);
        // Non-finite or absurdly spread positions: one cell for all (slow, but never
        // a huge allocation).
        let mut single = true;
        for _ in 0..64 {
            let (mut min, mut max) = ((i64::MAX, i64::MAX), (i64::MIN, i64::MIN));
            for p in positions {
                let (x, y) = cell_of(*p, size);
                min = (min.0.min(x), min.1.min(y));
                max = (max.0.max(x), max.1.max(y));
            }
            let columns = (max.0.saturating_sub(min.0).saturating_add(1)).max(1) as u64;
            let rows = (max.1.saturating_sub(min.1).saturating_add(1)).max(1) as u64;
            let limit = (n * MAX_CELLS_PER_NODE + 64) as u64;
            if columns.saturating_mul(rows) > limit {
                // Coarser cells hold more nodes but still every overlapping pair.
                size *= 2.0;
                continue;
            }
            self.origin = min;
            self.columns = columns as usize;
            self.rows = rows as usize;
            single = false;
            break;
        }
        if single {
            self.origin = (0, 0);
            self.columns = 1;
            self.rows = 1;
        }
        let n_cells = self.columns * self.rows;
        self.cells.clear();
        self.cells.extend(positions.iter().map(|p| {
            if single {
                return 0;
            }
            let (x, y) = cell_of(*p, size);
            let column = x.saturating_sub(self.origin.0) as usize;
            let row = y.saturating_sub(self.origin.1) as usize;
            (column * self.rows + row).min(n_cells - 1)
        }));
        self.starts.clear();
        self.starts.resize(n_cells + 1, 0);
        for &cell in &self.cells {
            self.starts[cell + 1] += 1;
        }
        for c in 0..n_cells {
            self.starts[c + 1] += self.starts[c];
        }
        self.members.clear();
        self.members.resize(n, 0);
        let mut cursor = self.starts.clone();
        for (i, &cell) in self.cells.iter().enumerate() {
            self.members[cursor[cell]] = i;
            cursor[cell] += 1;
        }
    }

    fn n_cells(&self) -> usize {
        self.columns * self.rows
    }

    fn members(&self, cell: usize) -> &[usize] {
        &self.members[self.starts[cell]..self.starts[cell + 1]]
    }

    /// The cells of the 3×3 block around `cell` that exist, column by column.
    fn around(&self, cell: usize) -> impl Iterator<Item = usize> + '_ {
        let (column, row) = (cell / self.rows, cell % self.rows);
        let columns = column.saturating_sub(1)..=(column + 1).min(self.columns - 1);
        columns.flat_map(move |c| {
            let rows = row.saturating_sub(1)..=(row + 1).min(self.rows - 1);
            rows.map(move |r| c * self.rows + r)
        })
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
