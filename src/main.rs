//! The `wiretrace` command: parses flags, runs the library, prints, and maps
//! errors to exit codes (0 ok, 1 failure or warnings under --strict, 2 bad
//! usage or a path that does not exist).

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use wiretrace::{Error, report};

fn main() -> ExitCode {
    let result = match cli::Cli::parse().command {
        cli::Command::Scan(args) => run(&args),
        cli::Command::Pan(args) => pan(&args),
        cli::Command::Meter(args) => meter(&args),
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

fn run(args: &cli::ScanArgs) -> Result<(), Error> {
    let config = args.config();
    let scan = wiretrace::scan(&config)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let report = match args.format {
        cli::Format::Pairs => None,
        _ => Some(report::build(&scan)),
    };
    match (args.format, &report) {
        (cli::Format::Pairs, _) | (_, None) => report::render_pairs(&scan, &mut out)?,
        (cli::Format::Text, Some(report)) => report::render_text(report, args.limit, &mut out)?,
        (cli::Format::Json, Some(report)) => report::render_json(report, &mut out)?,
        (cli::Format::Html, Some(report)) => {
            let shown = report::html::articles_shown(report, args.limit);
            let texts = wiretrace::pipeline::texts(&scan, &config, &shown);
            report::render_html(report, &texts, args.limit, &mut out)?
        }
        (cli::Format::Dot, Some(report)) => report::render_dot(report, &mut out)?,
    }
    out.flush()?;
    if report.is_none() {
        // The pairs format has no place for warnings: they go to stderr.
        for w in &scan.warnings {
            eprintln!("wiretrace: {w}");
        }
    }
    finish(args, scan.warnings.len())
}

/// Tells of `warnings` input warnings; with --strict, fails on any.
fn finish(args: &cli::ScanArgs, warnings: usize) -> Result<(), Error> {
    if warnings > 0 {
        eprintln!("wiretrace: {warnings} input warning(s), listed in the report");
    }
    if args.strict && warnings > 0 {
        return Err(Error::Strict { count: warnings });
    }
    Ok(())
}
