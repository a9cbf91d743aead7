//! The unlabelled dependency parser: greedy arc-eager transitions (Nivre 2003) with
//! the root at the end of the buffer (Ballesteros & Nivre 2013), scored by an averaged
//! perceptron over the rich non-local features of Zhang & Nivre (2011) (minus the
//! label-set features; labels come afterwards from [`super::labeler`]), and trained
//! with the dynamic oracle of Goldberg & Nivre (2012), exploring its own mistakes.
//! One sentence of `n` words takes at most `2n + 1` transitions.

use super::labels::Upos;
use super::perceptron::{Trainer, Weights, feature};
use super::tagger::{Rng, argmax_i32};
use super::words::WordFeatures;

pub const N_ACTIONS: usize = 4;
const SHIFT: usize = 0;
const REDUCE: usize = 1;
const LEFT: usize = 2;
const RIGHT: usize = 3;

const NONE: usize = usize::MAX;

/// A parser configuration. Words are `0..n`; `n` is the artificial root at the end of
/// the buffer.
struct State {
    n: usize,
    stack: Vec<usize>,
    /// Front of the buffer (`n` when only the root is left).
    front: usize,
    heads: Vec<usize>,
    in_stack: Vec<bool>,
    /// Leftmost and second-leftmost, rightmost and second-rightmost children.
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            front: 0,
            heads: vec![NONE; n + 1],
            in_stack: vec![false; n + 1],
            left: vec![[NONE; 2]; n + 1],
            right: vec![[NONE; 2]; n + 1],
            n_left: vec![0; n + 1],
            n_right: vec![0; n + 1],
        }
    }

    fn terminal(&self) -> bool {
        self.front >= self.n && self.stack.is_empty()
    }

    fn s0(&self) -> usize {
        self.stack.last().copied().unwrap_or(NONE)
    }

    fn head_of(&self, word: usize) -> usize {
        self.heads.get(word).copied().unwrap_or(NONE)
    }

    fn valid(&self) -> [bool; N_ACTIONS] {
        let s0 = self.s0();
        let has_stack = s0 != NONE;
        let s0_headed = has_stack && self.head_of(s0) != NONE;
        let in_buffer = self.front < self.n;
        [
            in_buffer,
            s0_headed,
            has_stack && !s0_headed,
            has_stack && in_buffer,
        ]
    }

    fn add_arc(&mut self, head: usize, child: usize) {
        if let Some(slot) = self.heads.get_mut(child) {
            *slot = head;
        }
        if child < head {
            if let (Some(left), Some(count)) = (self.left.get_mut(head), self.n_left.get_mut(head))
            {
                // Arcs to a head's left arrive right to left, so the newest is leftmost.
                left[1] = left[0];
                left[0] = child;
                *count = count.saturating_add(1);
            }
        } else if let (Some(right), Some(count)) =
            (self.right.get_mut(head), self.n_right.get_mut(head))
        {
            right[1] = right[0];
            right[0] = child;
            *count = count.saturating_add(1);
        }
    }

    fn apply(&mut self, action: usize) {
        let s0 = self.s0();
        let b = self.front;
        match action {
            SHIFT => {
                self.stack.push(b);
                if let Some(flag) = self.in_stack.get_mut(b) {
                    *flag = true;
                }
                self.front += 1;
            }
            REDUCE => self.pop(),
            LEFT => {
                self.add_arc(b, s0);
                self.pop();
            }
            _ => {
                self.add_arc(s0, b);
                self.stack.push(b);
                if let Some(flag) = self.in_stack.get_mut(b) {
                    *flag = true;
                }
                self.front += 1;
            }
        }
    }

    fn pop(&mut self) {
        if let Some(top) = self.stack.pop()
            && let Some(flag) = self.in_stack.get_mut(top)
        {
            *flag = false;
        }
    }

    /// Dynamic-oracle costs (Goldberg & Nivre 2012): how many gold arcs each action
    /// makes unreachable. `gold` holds gold heads, `n` for the root.
    fn costs(&self, gold: &[usize]) -> [u32; N_ACTIONS] {
        let s = self.s0();
        let b = self.front;
        let g = |word: usize| gold.get(word).copied().unwrap_or(NONE);
        let in_stack = |word: usize| self.in_stack.get(word).copied().unwrap_or(false);
        let unattached = |word: usize| self.head_of(word) == NONE;
        let buffer = b..self.n;
        let mut costs = [0u32; N_ACTIONS];
        if s != NONE {
            // LEFT pops s: its children in the buffer and a head there other than b are lost.
            costs[LEFT] = buffer.clone().filter(|&k| g(k) == s).count() as u32
                + u32::from(g(s) != b && g(s) >= b && g(s) <= self.n);
            costs[REDUCE] = buffer.clone().filter(|&k| g(k) == s).count() as u32;
        }
        if b < self.n {
            let stack_children = self
                .stack
                .iter()
                .filter(|&&k| g(k) == b && unattached(k))
                .count() as u32;
            let head_b = g(b);
            costs[SHIFT] = stack_children + u32::from(head_b != NONE && in_stack(head_b));
            if s != NONE {
                let head_lost = head_b != s && (head_b > b || in_stack(head_b));
                costs[RIGHT] = stack_children + u32::from(head_lost);
            }
        }
        costs
    }

    /// Fills `out` with the features of this configuration.
    fn features(&self, words: &[WordFeatures], tags: &[u64], out: &mut Vec<u32>) {
        out.clear();
        const NULL_WORD: u64 = 0x6e75_6c6c;
        const ROOT_WORD: u64 = 0x726f_6f74;
        let n = self.n;
        let word = |i: usize| -> u64 {
            if i == NONE {
                NULL_WORD
            } else if i >= n {
                ROOT_WORD
            } else {
                words.get(i).map_or(NULL_WORD, |w| w.norm)
            }
        };
        let tag = |i: usize| -> u64 {
            if i == NONE {
                101
            } else if i >= n {
                102
            } else {
                tags.get(i).copied().unwrap_or(101)
            }
        };
        let s0 = self.s0();
        let s1 = if self.stack.len() >= 2 {
            self.stack
                .get(self.stack.len() - 2)
                .copied()
                .unwrap_or(NONE)
        } else {
            NONE
        };
        let n0 = self.front;
        let n1 = if n0 < n { n0 + 1 } else { NONE };
        let n2 = if n0 + 1 < n { n0 + 2 } else { NONE };
        let child = |i: usize, which: &Vec<[usize; 2]>, k: usize| -> usize {
            if i == NONE {
                NONE
            } else {
                which.get(i).map_or(NONE, |c| c[k])
            }
        };
        let s0h = if s0 == NONE { NONE } else { self.head_of(s0) };
        let s0h2 = if s0h == NONE || s0h >= n {
            NONE
        } else {
            self.head_of(s0h)
        };
        let s0l = child(s0, &self.left, 0);
        let s0l2 = child(s0, &self.left, 1);
        let s0r = child(s0, &self.right, 0);
        let s0r2 = child(s0, &self.right, 1);
        let n0l = child(n0, &self.left, 0);
        let n0l2 = child(n0, &self.left, 1);
        let (s0w, s0p, n0w, n0p) = (word(s0), tag(s0), word(n0), tag(n0));
        let (n1w, n1p, n2w, n2p) = (word(n1), tag(n1), word(n2), tag(n2));
        let wp = |w: u64, p: u64| w.rotate_left(9) ^ p.wrapping_mul(0x100_0000_01b3);
        let (s0wp, n0wp) = (wp(s0w, s0p), wp(n0w, n0p));
        let distance = if s0 == NONE || n0 >= n {
            0
        } else {
            match n0.saturating_sub(s0) {
                d @ 1..=4 => d as u64,
                5..=9 => 5,
                _ => 6,
            }
        };
        let valency = |i: usize, counts: &Vec<u8>| -> u64 {
            if i == NONE {
                99
            } else {
                counts.get(i).map_or(99, |&c| u64::from(c))
            }
        };
        let (s0vl, s0vr, n0vl) = (
            valency(s0, &self.n_left),
            valency(s0, &self.n_right),
            valency(n0, &self.n_left),
        );
        let s0_headed = u64::from(s0h != NONE);
        out.extend([
            feature(63, 0, 0, 0),
            feature(1, s0w, 0, 0),
            feature(2, s0p, 0, 0),
            feature(3, s0wp, 0, 0),
            feature(4, n0w, 0, 0),
            feature(5, n0p, 0, 0),
            feature(6, n0wp, 0, 0),
            feature(7, n1w, 0, 0),
            feature(8, n1p, 0, 0),
            feature(9, wp(n1w, n1p), 0, 0),
            feature(10, n2w, 0, 0),
            feature(11, n2p, 0, 0),
            feature(12, wp(n2w, n2p), 0, 0),
            feature(13, s0wp, n0wp, 0),
            feature(14, s0wp, n0w, 0),
            feature(15, s0w, n0wp, 0),
            feature(16, s0wp, n0p, 0),
            feature(17, s0p, n0wp, 0),
            feature(18, s0w, n0w, 0),
            feature(19, s0p, n0p, 0),
            feature(20, n0p, n1p, 0),
            feature(21, n0p, n1p, n2p),
            feature(22, s0p, n0p, n1p),
            feature(23, tag(s0h), s0p, n0p),
            feature(24, s0p, tag(s0l), n0p),
            feature(25, s0p, tag(s0r), n0p),
            feature(26, s0p, n0p, tag(n0l)),
            feature(27, s0w, distance, 0),
            feature(28, s0p, distance, 0),
            feature(29, n0w, distance, 0),
            feature(30, n0p, distance, 0),
            feature(31, s0w, n0w, distance),
            feature(32, s0p, n0p, distance),
            feature(33, s0w, s0vr, 0),
            feature(34, s0p, s0vr, 0),
            feature(35, s0w, s0vl, 0),
            feature(36, s0p, s0vl, 0),
            feature(37, n0w, n0vl, 0),
            feature(38, n0p, n0vl, 0),
            feature(39, word(s0h), 0, 0),
            feature(40, tag(s0h), 0, 0),
            feature(41, word(s0l), 0, 0),
            feature(42, tag(s0l), 0, 0),
            feature(43, word(s0r), 0, 0),
            feature(44, tag(s0r), 0, 0),
            feature(45, word(n0l), 0, 0),
            feature(46, tag(n0l), 0, 0),
            feature(47, word(s0h2), 0, 0),
            feature(48, tag(s0h2), 0, 0),
            feature(49, word(s0l2), 0, 0),
            feature(50, tag(s0l2), 0, 0),
            feature(51, word(s0r2), 0, 0),
            feature(52, tag(s0r2), 0, 0),
            feature(53, word(n0l2), 0, 0),
            feature(54, tag(n0l2), 0, 0),
            feature(55, s0p, tag(s0l), tag(s0l2)),
            feature(56, s0p, tag(s0r), tag(s0r2)),
            feature(57, s0p, tag(s0h), tag(s0h2)),
            feature(58, n0p, tag(n0l), tag(n0l2)),
            feature(59, tag(s1), 0, 0),
            feature(60, word(s1), 0, 0),
            feature(61, tag(s1), s0p, n0p),
            feature(62, s0_headed, s0p, n0p),
            feature(64, s0_headed, s0wp, n0p),
            feature(65, s0p, n0w, n1p),
        ]);
    }

    /// Heads with `None` for the root; every word but one root gets a head.
    fn into_heads(self) -> Vec<Option<usize>> {
        let n = self.n;
        let mut heads: Vec<Option<usize>> = self
            .heads
            .iter()
            .take(n)
            .map(|&h| if h == NONE || h >= n { None } else { Some(h) })
            .collect();
        // Several words may hang from the root; the leftmost stays root and the others
        // attach to it, so the result is one tree.
        let root = heads.iter().position(Option::is_none);
        if let Some(root) = root {
            for (i, head) in heads.iter_mut().enumerate() {
                if head.is_none() && i != root {
                    *head = Some(root);
                }
            }
        }
        heads
    }
}

/// Tag ids the features use.
pub fn tag_ids(tags: &[Upos]) -> Vec<u64> {
    tags.iter().map(|t| t.index() as u64 + 1).collect()
}

/// Parses one sentence greedily; heads are word indices, `None` for the root.
pub fn parse(weights: &Weights, words: &[WordFeatures], tags: &[Upos]) -> Vec<Option<usize>> {
    let n = words.len().min(tags.len());
    let tags = tag_ids(tags);
    let mut state = State::new(n);
    let mut buffer = Vec::with_capacity(80);
    let mut scores = [0i32; N_ACTIONS];
    while !state.terminal() {
        let valid = state.valid();
        state.features(words, &tags, &mut buffer);
        weights.score(&buffer, &mut scores);
        for (score, ok) in scores.iter_mut().zip(valid) {
            if !ok {
                *score = i32::MIN;
            }
        }
        let action = argmax_i32(&scores);
        if !valid.get(action).copied().unwrap_or(false) {
            break;
        }
        state.apply(action);
    }
    state.into_heads()
}

/// Whether the gold tree (heads, `None` for root) is projective; the dynamic oracle
/// needs that.
pub fn is_projective(heads: &[Option<usize>]) -> bool {
    let n = heads.len();
    let arcs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .map(|(d, h)| {
            let h = h.unwrap_or(n);
            (d.min(h), d.max(h))
        })
        .collect();
    // Quadratic, but only in training on treebank sentences.
    arcs.iter().all(|&(a, b)| {
        arcs.iter()
            .all(|&(c, d)| !((a < c && c < b && b < d) || (c < a && a < d && d < b)))
    })
}

/// One training pass over a sentence with the dynamic oracle. Returns the number of
/// transitions taken and how many were a zero-cost choice.
pub fn train_sentence(
    trainer: &mut Trainer,
    words: &[WordFeatures],
    tags: &[Upos],
    gold: &[Option<usize>],
    explore: bool,
    rng: &mut Rng,
) -> (usize, usize) {
    let n = words.len().min(tags.len()).min(gold.len());
    let gold: Vec<usize> = gold.iter().map(|h| h.unwrap_or(n)).collect();
    let tags = tag_ids(tags);
    let mut state = State::new(n);
    let mut buffer = Vec::with_capacity(80);
    let mut scores = [0f32; N_ACTIONS];
    let (mut steps, mut correct) = (0, 0);
    while !state.terminal() && steps <= 2 * n + 2 {
        let valid = state.valid();
        let costs = state.costs(&gold);
        state.features(words, &tags, &mut buffer);
        trainer.score(&buffer, &mut scores);
        let mut guess = NONE;
        let mut best_zero = NONE;
        for action in 0..N_ACTIONS {
            if !valid[action] {
                continue;
            }
            if guess == NONE || scores[action] > scores[guess] {
                guess = action;
            }
            if costs[action] == 0 && (best_zero == NONE || scores[action] > scores[best_zero]) {
                best_zero = action;
            }
        }
        if guess == NONE {
            break;
        }
        if best_zero == NONE {
            // Cannot happen for a projective gold tree; follow the model.
            best_zero = guess;
        }
        if costs[guess] == 0 {
            correct += 1;
        } else {
            trainer.update(&buffer, best_zero, guess);
        }
        trainer.tick();
        steps += 1;
        // Exploration (after the first epoch): usually follow the model's own mistake,
        // so later decisions learn to recover from it.
        let next = if costs[guess] == 0 || (explore && rng.unit() < 0.9) {
            guess
        } else {
            best_zero
        };
        state.apply(next);
    }
    (steps, correct)
}
