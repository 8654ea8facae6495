//! `benchkit paragraphs`: wiretrace's paragraphs and normalized words, one
//! line each, in the order of wiretrace's paragraph table (sources sorted,
//! articles in file order, paragraphs in text order).

use std::io::Write;
use std::path::PathBuf;

use wiretrace::config::{DEFAULT_MIN_WORDS, DEFAULT_SEED, DEFAULT_SHINGLE_SIZE};
use wiretrace::input::{self, Article, Item, ReadOptions};
use wiretrace::lsh::LshParams;
use wiretrace::minhash::DEFAULT_PERMUTATIONS;
use wiretrace::normalize::Tokenizer;
use wiretrace::segment;
use wiretrace::shingle::ShingleParams;
use wiretrace::sketch::{SketchParams, Sketcher};

/// Articles the pipeline looks at to decide a file's paragraph separator.
const SAMPLE: usize = 512;

/// Writes the paragraphs of the corpus at `args` to standard output.
pub fn run(args: &[String]) -> crate::Result<()> {
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let (sources, _) = input::discover(&paths)?;
    let sketcher = Sketcher::new(SketchParams {
        shingle: ShingleParams {
            size: DEFAULT_SHINGLE_SIZE,
            min_words: DEFAULT_MIN_WORDS,
            seed: DEFAULT_SEED,
        },
        permutations: DEFAULT_PERMUTATIONS,
        lsh: LshParams { bands: 1, rows: 1 },
        seed: DEFAULT_SEED,
        separator: None,
        fingerprints: false,
        provenance: false,
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed: Option<std::io::Error> = None;
    for (i, source) in sources.iter().enumerate() {
        let mut sample: Vec<Article> = Vec::new();
        let mut local: Option<Sketcher> = None;
        let mut write = |articles: &mut Vec<Article>, local: &Sketcher| {
            for article in articles.drain(..) {
                if let Err(e) = write_article(&mut out, local, &article) {
                    failed.get_or_insert(e);
                }
            }
        };
        input::read_source(i as u32, source, &ReadOptions::default(), &mut |item| {
            if let Item::Article(article) = item {
                sample.push(article);
                if let Some(local) = &local {
                    write(&mut sample, local);
                } else if sample.len() >= SAMPLE {
                    let separator = segment::detect_file_separator(sample.iter().map(|a| a.text.as_str()));
                    let chosen = sketcher.for_source(separator);
                    write(&mut sample, &chosen);
                    local = Some(chosen);
                }
            }
        });
        let chosen = local.unwrap_or_else(|| {
            sketcher.for_source(segment::detect_file_separator(sample.iter().map(|a| a.text.as_str())))
        });
        write(&mut sample, &chosen);
    }
    if let Some(e) = failed {
        return Err(e.into());
    }
    out.flush()?;
    Ok(())
}

/// Writes one line per paragraph of `article`.
fn write_article(out: &mut impl Write, sketcher: &Sketcher, article: &Article) -> std::io::Result<()> {
    let mut tokenizer = Tokenizer::default();
    let id: String = article.meta.id.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
    for (index, span) in sketcher.paragraphs(&article.text).into_iter().enumerate() {
        write!(out, "{id}\t{index}\t")?;
        let mut first = true;
        let mut result = Ok(());
        tokenizer.each_word(&article.text, span, |_, _, word| {
            if result.is_ok() {
                result = if first { write!(out, "{word}") } else { write!(out, " {word}") };
            }
            first = false;
        });
        result?;
        writeln!(out)?;
    }
    Ok(())
}
