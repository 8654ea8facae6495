//! The `wiretrace` command: parses flags, runs the library, prints, and maps
//! errors to exit codes (0 ok, 1 failure or warnings under --strict, 2 bad
//! usage or a path that does not exist).

mod cli;
mod cli_clean;
mod progress;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use wiretrace::{Error, report};

fn main() -> ExitCode {
    quiet_panics();
    let result = match cli::Cli::parse().command {
        cli::Command::Scan(args) => run(&args),
        cli::Command::Pan(args) => pan(&args),
        cli::Command::Meter(args) => meter(&args),
        cli::Command::Clean(args) => clean(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("wiretrace: {err}");
            ExitCode::from(match err {
                Error::Path { .. } | Error::Config(_) => 2,
                _ => 1,
            })
        }
    }
}

/// A panic is a bug: say so on one line (the library turns a panic inside
/// one article's processing into a warning in the report, and goes on).
/// `RUST_BACKTRACE` set keeps the standard message with its backtrace.
fn quiet_panics() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("wiretrace: internal error{place}: {message} (a bug; please report it)");
    }));
}

fn pan(args: &cli::PanArgs) -> Result<(), Error> {
    let run = wiretrace::pan::run(&args.config())?;
    for w in &run.warnings {
        eprintln!("wiretrace: {w}");
    }
    eprintln!(
        "wiretrace pan: {} pair(s) aligned, {} passage(s) detected, {} warning(s)",
        run.pairs,
        run.detections,
        run.warnings.len()
    );
    Ok(())
}

fn meter(args: &cli::MeterArgs) -> Result<(), Error> {
    use wiretrace::derive::Derivation;
    use wiretrace::meter::Classifier;
    let params = wiretrace::Config::new(Vec::new()).align;
    let classifier = if args.rule {
        Classifier::Thresholds(args.partially, args.wholly)
    } else {
        Classifier::Model(wiretrace::derive::Model::builtin()?)
    };
    let (rows, warnings) = wiretrace::meter::run(&args.root, &classifier, &params)?;
    for w in &warnings {
        eprintln!("wiretrace: {w}");
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let columns = Derivation::COLUMNS;
    writeln!(out, "article\tpredicted\t{}", columns.join("\t"))?;
    for r in &rows {
        write!(out, "{}\t{}", r.article, r.class.label())?;
        for name in &columns {
            match r.derivation.measure(name) {
                Some(x) if *name == "words" => write!(out, "\t{x}")?,
                Some(x) => write!(out, "\t{x:.4}")?,
                None => write!(out, "\t")?,
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

fn clean(args: &cli_clean::CleanArgs) -> Result<(), Error> {
    args.check_out_link()?;
    let config = args.config();
    let bar = progress::Bar::new(args.quiet);
    let cleaned = wiretrace::pipeline::clean_with(&config, &bar);
    bar.finish();
    let cleaned = cleaned?;
    for w in &cleaned.warnings {
        eprintln!("wiretrace: {w}");
    }
    if args.quiet {
        return Ok(());
    }
    let removed: Vec<String> = wiretrace::clean::Kind::ALL
        .iter()
        .map(|k| format!("{} {}", progress::thousands(cleaned.removed[*k as usize] as u64), k.name()))
        .collect();
    eprintln!(
        "wiretrace clean: {} article(s) read, {} {}; removed {} ({} bytes); log: {}",
        progress::thousands(cleaned.read as u64),
        progress::thousands(cleaned.written as u64),
        if config.dry_run { "would be written (dry run)" } else { "written" },
        removed.join(", "),
        progress::thousands(cleaned.bytes),
        cleaned.log.display()
    );
    Ok(())
}

fn run(args: &cli::ScanArgs) -> Result<(), Error> {
    let config = args.config();
    let bar = progress::Bar::new(args.quiet);
    let scan = wiretrace::scan_with(&config, &bar);
    let scan = match scan {
        Ok(scan) => scan,
        Err(e) => {
            bar.finish();
            return Err(e);
        }
    };
    if args.format == cli::Format::Pairs {
        bar.show("writing the pairs");
        let written = write_pairs(&scan);
        bar.finish();
        written?;
        // The pairs format has no place for warnings: they go to stderr.
        for w in &scan.warnings {
            eprintln!("wiretrace: {w}");
        }
        if !args.quiet {
            eprintln!("wiretrace: {}", pairs_summary(&scan, bar.elapsed()));
        }
        return strict(args, scan.warnings.len());
    }
    bar.show("writing the report");
    let report = report::build(&scan);
    let written = write_report(args, &config, &scan, &report);
    bar.finish();
    written?;
    if !args.quiet {
        eprintln!("wiretrace: {}", summary(&scan, &report, bar.elapsed()));
    }
    strict(args, report.warnings.len())
}

/// With --strict, fails if there was any of the run's `warnings`.
fn strict(args: &cli::ScanArgs, warnings: usize) -> Result<(), Error> {
    if args.strict && warnings > 0 {
        return Err(Error::Strict { count: warnings });
    }
    Ok(())
}

/// Writes every verified pair to stdout (`--format pairs`; no report is built).
fn write_pairs(scan: &wiretrace::Scan) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    report::render_pairs(scan, &mut out)?;
    out.flush()?;
    Ok(())
}

/// Writes the report in the format `args` asks for to stdout.
fn write_report(
    args: &cli::ScanArgs,
    config: &wiretrace::Config,
    scan: &wiretrace::Scan,
    report: &report::Report,
) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        cli::Format::Text => report::render_text(report, args.limit, &mut out)?,
        cli::Format::Json => report::render_json(report, &mut out)?,
        cli::Format::Html => {
            let shown = report::html::articles_shown(report, args.limit);
            let texts = wiretrace::pipeline::texts(scan, config, &shown);
            report::render_html(report, &texts, args.limit, &mut out)?
        }
        cli::Format::Dot => report::render_dot(report, &mut out)?,
        cli::Format::Pairs => report::render_pairs(scan, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

/// The run in one line: what was read, how fast, what was found, and the
/// warnings.
fn summary(scan: &wiretrace::Scan, report: &report::Report, seconds: f64) -> String {
    format!(
        "{}; {}, {} sharing text; {}",
        read_summary(scan, seconds),
        progress::count(report.clusters.len(), "cluster"),
        progress::count(report.pairs.len(), "article pair"),
        warnings_phrase(report.warnings.len(), ", listed in the report"),
    )
}

/// The `--format pairs` run in one line (its warnings are printed above it).
fn pairs_summary(scan: &wiretrace::Scan, seconds: f64) -> String {
    format!(
        "{}; {} written; {}",
        read_summary(scan, seconds),
        progress::count(scan.edges.len(), "verified paragraph pair"),
        warnings_phrase(scan.warnings.len(), " above"),
    )
}

/// "no warnings", or "N input warning(s)" followed by where they are.
fn warnings_phrase(n: usize, where_listed: &str) -> String {
    match n {
        0 => String::from("no warnings"),
        n => format!("{}{where_listed}", progress::count(n, "input warning")),
    }
}

/// What was read, and how fast.
fn read_summary(scan: &wiretrace::Scan, seconds: f64) -> String {
    let bytes: u64 = scan.articles.iter().map(|a| a.text_len as u64).sum();
    let articles = scan.articles.len() as u64;
    let rate = |n: f64| n / seconds.max(1e-3);
    format!(
        "{} ({}) in {seconds:.2} s ({} articles/s, {}/s)",
        progress::count(scan.articles.len(), "article"),
        progress::human_bytes(bytes),
        progress::thousands(rate(articles as f64) as u64),
        progress::human_bytes(rate(bytes as f64) as u64),
    )
}
