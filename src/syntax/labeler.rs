//! The arc labeller: once the tree is built, each arc gets its UD relation from an
//! averaged perceptron that sees the whole tree around it: the two words, their tags
//! and affixes, direction and distance, the dependent's own dependents (a "by" marks
//! `obl:agent`), the head's other dependents (a "was" marks `nsubj:pass`), the head's
//! head and the words next to the dependent. Labelling after parsing keeps the
//! transition classifier small (4 actions instead of ~100) and lets the labeller use
//! right context the parser had not built yet.

use super::labels::{DepRel, Upos};
use super::perceptron::{FeatureMap, Trainer, Weights, feature};
use super::tagger::{Rng, argmax_f32, argmax_i32};
use super::words::WordFeatures;

pub const N_LABELS: usize = DepRel::ALL.len();

/// The children of every word, in order.
pub fn children_of(heads: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); heads.len()];
    for (child, head) in heads.iter().enumerate() {
        if let Some(list) = head.and_then(|h| children.get_mut(h)) {
            list.push(child);
        }
    }
    children
}

/// Features of the arc `head → dependent`.
fn features(
    words: &[WordFeatures],
    tags: &[Upos],
    heads: &[Option<usize>],
    children: &[Vec<usize>],
    dependent: usize,
    head: usize,
    out: &mut Vec<u32>,
) {
    out.clear();
    const NULL: u64 = 0x6e75_6c6c;
    let word = |i: Option<usize>| i.and_then(|i| words.get(i)).map_or(NULL, |w| w.norm);
    let suffix = |i: Option<usize>| i.and_then(|i| words.get(i)).map_or(NULL, |w| w.suffix3);
    let suffix2 = |i: Option<usize>| i.and_then(|i| words.get(i)).map_or(NULL, |w| w.suffix2);
    let shape = |i: Option<usize>| i.and_then(|i| words.get(i)).map_or(NULL, |w| w.shape);
    let tag = |i: Option<usize>| {
        i.and_then(|i| tags.get(i))
            .map_or(99, |t| t.index() as u64 + 1)
    };
    let d = Some(dependent);
    let h = Some(head);
    let (dw, dp, hw, hp) = (word(d), tag(d), word(h), tag(h));
    let right = u64::from(dependent > head);
    let distance = match dependent.abs_diff(head) {
        d @ 1..=3 => d as u64,
        4..=6 => 4,
        _ => 5,
    };
    let grand = heads.get(head).copied().flatten();
    let no_children = Vec::new();
    let dependents = children.get(dependent).unwrap_or(&no_children);
    let siblings = children.get(head).unwrap_or(&no_children);
    // How many siblings lie between the dependent and the head, and nominal ones before it.
    let between = siblings
        .iter()
        .filter(|&&s| (s > dependent && s < head) || (s < dependent && s > head))
        .count() as u64;
    out.extend([
        feature(1, 0, 0, 0),
        feature(2, dw, 0, 0),
        feature(3, dp, 0, 0),
        feature(4, hw, 0, 0),
        feature(5, hp, 0, 0),
        feature(6, dp, hp, right),
        feature(7, dw, hp, right),
        feature(8, dp, hw, right),
        feature(9, dw, hw, right),
        feature(10, dp, hp, distance + 10 * right),
        feature(11, suffix(d), dp, 0),
        feature(12, suffix(h), hp, right),
        feature(13, suffix2(h), hp, dp + 100 * right),
        feature(14, tag(grand), hp, dp),
        feature(15, word(grand), hp, dp),
        feature(16, tag(dependent.checked_sub(1)), dp, 0),
        feature(17, tag(Some(dependent + 1)), dp, 0),
        feature(18, word(dependent.checked_sub(1)), dp, 0),
        feature(19, word(Some(dependent + 1)), dp, 0),
        feature(20, shape(d), dp, 0),
        feature(21, between.min(3), dp, right),
        feature(22, u64::from(grand.is_none()), hp, dp),
        feature(23, dp, u64::from(dependents.is_empty()), right),
    ]);
    for &child in dependents {
        let c = Some(child);
        let side = u64::from(child > dependent);
        out.push(feature(30, tag(c), dp, side));
        if matches!(
            tags.get(child),
            Some(
                Upos::Adp
                    | Upos::Sconj
                    | Upos::Aux
                    | Upos::Part
                    | Upos::Det
                    | Upos::Pron
                    | Upos::Punct
                    | Upos::Cconj
            )
        ) {
            out.push(feature(31, word(c), dp, side));
            out.push(feature(32, word(c), dp, hp));
        }
    }
    for &sibling in siblings {
        if sibling == dependent {
            continue;
        }
        let s = Some(sibling);
        let side = u64::from(sibling > head) + 2 * u64::from(sibling > dependent);
        out.push(feature(40, tag(s), dp, side));
        if matches!(
            tags.get(sibling),
            Some(
                Upos::Aux
                    | Upos::Part
                    | Upos::Adp
                    | Upos::Sconj
                    | Upos::Pron
                    | Upos::Punct
                    | Upos::Cconj
            )
        ) {
            out.push(feature(41, word(s), dp, side));
            out.push(feature(42, word(s), dp + 100 * right, hp));
        }
    }
}

/// Labels every arc of a tree; the root gets `root`.
pub fn label(
    weights: &Weights,
    labels: &[DepRel],
    words: &[WordFeatures],
    tags: &[Upos],
    heads: &[Option<usize>],
) -> Vec<DepRel> {
    let root_class = labels.iter().position(|&l| l == DepRel::Root);
    let children = children_of(heads);
    let mut buffer = Vec::with_capacity(64);
    let mut scores = vec![0i32; weights.n_classes().max(1)];
    heads
        .iter()
        .enumerate()
        .map(|(dependent, head)| match head {
            None => DepRel::Root,
            Some(head) => {
                features(words, tags, heads, &children, dependent, *head, &mut buffer);
                weights.score(&buffer, &mut scores);
                if let Some(root) = root_class.and_then(|r| scores.get_mut(r)) {
                    *root = i32::MIN;
                }
                labels
                    .get(argmax_i32(&scores))
                    .copied()
                    .unwrap_or(DepRel::Dep)
            }
        })
        .collect()
}

/// One training example: words, predicted tags, gold heads and gold labels.
pub struct LabelExample<'a> {
    pub words: &'a [WordFeatures],
    pub tags: &'a [Upos],
    pub heads: &'a [Option<usize>],
    pub labels: &'a [DepRel],
}

/// Trains the labeller on gold trees for `epochs` passes.
pub fn train_labeler(
    examples: &[LabelExample<'_>],
    epochs: usize,
    seed: u64,
    min_count: u32,
) -> Weights {
    let mut trainer = Trainer::new(N_LABELS);
    let mut counts: FeatureMap<u32> = FeatureMap::default();
    let mut buffer = Vec::new();
    let all_children: Vec<Vec<Vec<usize>>> =
        examples.iter().map(|e| children_of(e.heads)).collect();
    for (example, children) in examples.iter().zip(&all_children) {
        for (dependent, head) in example.heads.iter().enumerate() {
            if let Some(head) = head {
                features(
                    example.words,
                    example.tags,
                    example.heads,
                    children,
                    dependent,
                    *head,
                    &mut buffer,
                );
                for &key in &buffer {
                    *counts.entry(key).or_insert(0) += 1;
                }
            }
        }
    }
    trainer.restrict_to(&counts, min_count);
    drop(counts);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(seed);
    let mut scores = vec![0f32; N_LABELS];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let (Some(example), Some(children)) = (examples.get(e), all_children.get(e)) else {
                continue;
            };
            for (dependent, (head, gold)) in example.heads.iter().zip(example.labels).enumerate() {
                let Some(head) = head else { continue };
                features(
                    example.words,
                    example.tags,
                    example.heads,
                    children,
                    dependent,
                    *head,
                    &mut buffer,
                );
                trainer.score(&buffer, &mut scores);
                if let Some(root) = scores.get_mut(DepRel::Root.index()) {
                    *root = f32::MIN;
                }
                let guess = argmax_f32(&scores);
                trainer.update(&buffer, gold.index(), guess);
                trainer.tick();
            }
        }
    }
    trainer.averaged()
}
