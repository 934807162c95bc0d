//! In-process benchmarks of the library: parsing, linting one typical draft,
//! linting the 10,000-draft corpus on one thread, and building the linter.
//!
//! `cargo bench -p outreach-lint` runs them; the corpus comes from `xtask`
//! (same seed, same bytes), generated in memory before timing starts.

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use outreach_lint::{BUILTIN_PACKS, Draft, Linter, Pack};

fn main() {
    divan::main();
}

const SEED: u64 = xtask::DEFAULT_SEED;

/// Splitting a typical 250-word draft into sections, normalised text and all.
#[divan::bench]
fn parse_typical(bencher: Bencher) {
    let text = xtask::typical(SEED);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| Draft::parse(black_box(&text)).sections().len());
}

/// Linting a typical 250-word draft with every built-in pack (parse included).
#[divan::bench]
fn lint_typical(bencher: Bencher) {
    let linter = Linter::builtin();
    let text = xtask::typical(SEED);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| linter.lint("typical.txt", black_box(&text)).len());
}

/// The same with a non-ASCII name in it: Unicode word boundaries keep the
/// regex engine off its lazy DFA for such text.
#[divan::bench]
fn lint_typical_non_ascii(bencher: Bencher) {
    let linter = Linter::builtin();
    let text = xtask::typical_non_ascii(SEED);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| linter.lint("typical.txt", black_box(&text)).len());
}

/// Linting 10,000 generated drafts one after another on one thread: the
/// throughput figure (MB/s).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn lint_10k_drafts(bencher: Bencher) {
    let linter = Linter::builtin();
    let drafts: Vec<String> = xtask::drafts(SEED, 10_000).collect();
    let bytes: usize = drafts.iter().map(String::len).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(drafts.len()))
        .bench(|| {
            drafts
                .iter()
                .map(|d| linter.lint("d.txt", black_box(d)).len())
                .sum::<usize>()
        });
}

/// One 1 MB draft: a single huge body section.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn lint_large_draft(bencher: Bencher) {
    let linter = Linter::builtin();
    let text = xtask::large(SEED, 1 << 20);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| linter.lint("large.txt", black_box(&text)).len());
}

/// Loading the built-in packs and compiling every pattern: what a process
/// pays once at start-up.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn build_linter() -> usize {
    let packs: Vec<Pack> = BUILTIN_PACKS
        .iter()
        .filter_map(|(name, _)| Pack::builtin(name).ok())
        .collect();
    Linter::from_packs(packs).map_or(0, |l| l.rules().len())
}
