//! The closed label sets of Universal Dependencies v2: the 17 UPOS tags and the
//! dependency relations (with the subtypes English EWT and GUM use).

/// A Universal Dependencies v2 part-of-speech tag (<https://universaldependencies.org/u/pos/>).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// Every tag, in the order of its index.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The UD label, e.g. `"PROPN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Reads a UD label; `None` for anything else (including `_`).
    pub fn from_label(label: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|tag| tag.as_str() == label)
    }

    /// The position in [`Upos::ALL`], `0..17`.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tag at `index` of [`Upos::ALL`]; `X` when out of range.
    pub fn from_index(index: usize) -> Upos {
        Upos::ALL.get(index).copied().unwrap_or(Upos::X)
    }
}

/// A Universal Dependencies v2 relation, subtype included
/// (<https://universaldependencies.org/u/dep/>); `Dep` stands for any label not listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DepRel {
    Acl,
    AclRelcl,
    Advcl,
    AdvclRelcl,
    Advmod,
    Amod,
    Appos,
    Aux,
    AuxPass,
    Case,
    Cc,
    CcPreconj,
    Ccomp,
    Clf,
    Compound,
    CompoundPrt,
    Conj,
    Cop,
    Csubj,
    CsubjOuter,
    CsubjPass,
    Dep,
    Det,
    DetPredet,
    Discourse,
    Dislocated,
    Expl,
    Fixed,
    Flat,
    Goeswith,
    Iobj,
    List,
    Mark,
    Nmod,
    NmodDesc,
    NmodPoss,
    NmodUnmarked,
    Nsubj,
    NsubjOuter,
    NsubjPass,
    Nummod,
    Obj,
    Obl,
    OblAgent,
    OblUnmarked,
    Orphan,
    Parataxis,
    Punct,
    Reparandum,
    Root,
    Vocative,
    OblTmod,
    NmodTmod,
    OblNpmod,
    NmodNpmod,
    FlatForeign,
}

impl DepRel {
    /// Every relation, in the order of its index.
    pub const ALL: [DepRel; 56] = [
        DepRel::Acl,
        DepRel::AclRelcl,
        DepRel::Advcl,
        DepRel::AdvclRelcl,
        DepRel::Advmod,
        DepRel::Amod,
        DepRel::Appos,
        DepRel::Aux,
        DepRel::AuxPass,
        DepRel::Case,
        DepRel::Cc,
        DepRel::CcPreconj,
        DepRel::Ccomp,
        DepRel::Clf,
        DepRel::Compound,
        DepRel::CompoundPrt,
        DepRel::Conj,
        DepRel::Cop,
        DepRel::Csubj,
        DepRel::CsubjOuter,
        DepRel::CsubjPass,
        DepRel::Dep,
        DepRel::Det,
        DepRel::DetPredet,
        DepRel::Discourse,
        DepRel::Dislocated,
        DepRel::Expl,
        DepRel::Fixed,
        DepRel::Flat,
        DepRel::Goeswith,
        DepRel::Iobj,
        DepRel::List,
        DepRel::Mark,
        DepRel::Nmod,
        DepRel::NmodDesc,
        DepRel::NmodPoss,
        DepRel::NmodUnmarked,
        DepRel::Nsubj,
        DepRel::NsubjOuter,
        DepRel::NsubjPass,
        DepRel::Nummod,
        DepRel::Obj,
        DepRel::Obl,
        DepRel::OblAgent,
        DepRel::OblUnmarked,
        DepRel::Orphan,
        DepRel::Parataxis,
        DepRel::Punct,
        DepRel::Reparandum,
        DepRel::Root,
        DepRel::Vocative,
        DepRel::OblTmod,
        DepRel::NmodTmod,
        DepRel::OblNpmod,
        DepRel::NmodNpmod,
        DepRel::FlatForeign,
    ];

    /// The UD label with its subtype, e.g. `"nsubj:pass"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DepRel::Acl => "acl",
            DepRel::AclRelcl => "acl:relcl",
            DepRel::Advcl => "advcl",
            DepRel::AdvclRelcl => "advcl:relcl",
            DepRel::Advmod => "advmod",
            DepRel::Amod => "amod",
            DepRel::Appos => "appos",
            DepRel::Aux => "aux",
            DepRel::AuxPass => "aux:pass",
            DepRel::Case => "case",
            DepRel::Cc => "cc",
            DepRel::CcPreconj => "cc:preconj",
            DepRel::Ccomp => "ccomp",
            DepRel::Clf => "clf",
            DepRel::Compound => "compound",
            DepRel::CompoundPrt => "compound:prt",
            DepRel::Conj => "conj",
            DepRel::Cop => "cop",
            DepRel::Csubj => "csubj",
            DepRel::CsubjOuter => "csubj:outer",
            DepRel::CsubjPass => "csubj:pass",
            DepRel::Dep => "dep",
            DepRel::Det => "det",
            DepRel::DetPredet => "det:predet",
            DepRel::Discourse => "discourse",
            DepRel::Dislocated => "dislocated",
            DepRel::Expl => "expl",
            DepRel::Fixed => "fixed",
            DepRel::Flat => "flat",
            DepRel::Goeswith => "goeswith",
            DepRel::Iobj => "iobj",
            DepRel::List => "list",
            DepRel::Mark => "mark",
            DepRel::Nmod => "nmod",
            DepRel::NmodDesc => "nmod:desc",
            DepRel::NmodPoss => "nmod:poss",
            DepRel::NmodUnmarked => "nmod:unmarked",
            DepRel::Nsubj => "nsubj",
            DepRel::NsubjOuter => "nsubj:outer",
            DepRel::NsubjPass => "nsubj:pass",
            DepRel::Nummod => "nummod",
            DepRel::Obj => "obj",
            DepRel::Obl => "obl",
            DepRel::OblAgent => "obl:agent",
            DepRel::OblUnmarked => "obl:unmarked",
            DepRel::Orphan => "orphan",
            DepRel::Parataxis => "parataxis",
            DepRel::Punct => "punct",
            DepRel::Reparandum => "reparandum",
            DepRel::Root => "root",
            DepRel::Vocative => "vocative",
            DepRel::OblTmod => "obl:tmod",
            DepRel::NmodTmod => "nmod:tmod",
            DepRel::OblNpmod => "obl:npmod",
            DepRel::NmodNpmod => "nmod:npmod",
            DepRel::FlatForeign => "flat:foreign",
        }
    }

    /// The universal relation without its subtype: `"nsubj"` for `nsubj:pass`.
    pub fn base(self) -> &'static str {
        let label = self.as_str();
        label.split(':').next().unwrap_or(label)
    }

    /// Reads a UD label; an unknown subtype falls back to its base relation, anything
    /// else to `dep`.
    pub fn from_label(label: &str) -> DepRel {
        let find = |wanted: &str| {
            DepRel::ALL
                .iter()
                .copied()
                .find(|rel| rel.as_str() == wanted)
        };
        find(label)
            .or_else(|| label.split(':').next().and_then(find))
            .unwrap_or(DepRel::Dep)
    }

    /// The position in [`DepRel::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The relation at `index` of [`DepRel::ALL`]; `dep` when out of range.
    pub fn from_index(index: usize) -> DepRel {
        DepRel::ALL.get(index).copied().unwrap_or(DepRel::Dep)
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for DepRel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
