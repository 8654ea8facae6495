//! Running the real binary on fixtures, with failures that show everything.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::schema::Report;

/// The outcome of one run of the binary.
pub struct Run {
    pub command: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn describe(&self) -> String {
        format!(
            "command: {}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }

    /// Asserts the exit code.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit code\n{}", self.describe());
        self
    }

    /// Asserts success.
    pub fn ok(&self) -> &Self {
        self.expect_code(0)
    }

    /// Parses stdout as a JSON report, strictly.
    pub fn report(&self) -> Report {
        match serde_json::from_str(&self.stdout) {
            Ok(report) => report,
            Err(err) => panic!("stdout is not a valid report: {err}\n{}", self.describe()),
        }
    }

    /// Asserts that stdout contains `needle`.
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}\n{}", self.describe());
        self
    }

    /// Asserts that stderr contains `needle`.
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}\n{}", self.describe());
        self
    }
}

/// Runs `wiretrace ARGS` in `dir` with extra environment variables.
pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wiretrace"));
    cmd.args(args).current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the wiretrace binary runs");
    let env_text: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
    ran(format!("(cd {} && {}wiretrace {})", dir.display(), env_text.concat(), args.join(" ")), out)
}

/// Runs `wiretrace ARGS` in `dir` with `input` written to its standard
/// input through a pipe (not a file: `/dev/stdin` is then a pipe).
pub fn run_piped(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_wiretrace"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wiretrace binary runs");
    let mut stdin = child.stdin.take().expect("a pipe");
    stdin.write_all(input).expect("write to the pipe");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    ran(format!("(cd {} && … | wiretrace {})", dir.display(), args.join(" ")), out)
}

/// The [`Run`] of `command`, from its output.
fn ran(command: String, out: std::process::Output) -> Run {
    Run {
        command,
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `wiretrace ARGS` in the project root.
pub fn run(args: &[&str]) -> Run {
    run_in(&project_root(), args, &[])
}

/// The checkout's root (where `corpus/` is).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/data/<rel>` beside the checkout, if present.
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    let path = project_root().join("..").join("shared").join("data").join(rel);
    path.exists().then_some(path)
}

/// A scratch directory removed at the end of the test.
pub fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// Writes `bytes` to `dir/rel`, creating parent directories.
pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create parent directories");
    }
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// gzip-compresses `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

/// zstd-compresses `bytes`.
pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).expect("zstd in memory")
}

/// Asserts two texts are equal, showing a line diff when they are not.
pub fn assert_same_text(expected: &str, actual: &str, what: &str) {
    if expected == actual {
        return;
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut diff = String::new();
    for i in 0..e.len().max(a.len()) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => {}
            (x, y) => diff.push_str(&format!(
                "line {}:\n  - {}\n  + {}\n",
                i + 1,
                x.unwrap_or(&""),
                y.unwrap_or(&"")
            )),
        }
    }
    panic!("{what} differs:\n{diff}");
}

/// Two paragraphs of ordinary prose sharing nothing with each other, for
/// building fixtures with a known match.
pub const PARA_A: &str = "The harbour authority confirmed on Monday that the northern pier will close for \
repairs after engineers found cracks in three of its supporting columns during a routine inspection.";
pub const PARA_B: &str = "Local traders said the closure would cost them business during the busiest weeks \
of the summer, and asked the council to speed up the work or offer temporary berths elsewhere.";

impl Run {
    /// Whether a JSON report on stdout has no match at all.
    pub fn report_like_empty(&self) -> bool {
        serde_json::from_str::<serde_json::Value>(&self.stdout)
            .ok()
            .and_then(|v| v.get("matches").and_then(|m| m.as_array()).map(|m| m.is_empty()))
            .unwrap_or(false)
    }
}

/// Where articles `x` and `y` share text: their places (in that order) in
/// the cluster that holds both. Checks that the cluster spans articles
/// and that its matches (all pairs, or each member against a center) name
/// both articles with the same spans as the cluster does.
pub fn shared<'r>(report: &'r Report, x: &str, y: &str) -> [&'r crate::schema::Place; 2] {
    let cluster = report
        .clusters
        .iter()
        .find(|c| [x, y].iter().all(|id| c.members.iter().any(|m| m.id == *id)))
        .unwrap_or_else(|| panic!("no cluster holds both {x:?} and {y:?}: {:#?}", report.clusters));
    assert_ne!(cluster.kind, "repeat", "{cluster:#?}");
    let place = |id: &str| {
        let member = cluster.members.iter().find(|m| m.id == id).expect("a member");
        assert_eq!(report.articles[member.article].id, id, "a place names its article by index and id");
        let sides: Vec<_> = report
            .matches
            .iter()
            .filter(|m| m.cluster == Some(cluster.id))
            .flat_map(|m| [&m.a, &m.b])
            .filter(|side| side.id == id)
            .collect();
        assert!(!sides.is_empty(), "no match of cluster {} names {id:?}: {:#?}", cluster.id, report.matches);
        for side in sides {
            assert_eq!(
                (side.article, side.start, side.end, side.paragraphs),
                (member.article, member.start, member.end, member.paragraphs),
                "match and cluster agree on {id:?}"
            );
        }
        member
    };
    [place(x), place(y)]
}

/// Asserts that articles `x` and `y`, whose texts as read are given, share
/// `PARA_A` verbatim: their spans slice exactly `PARA_A` out of each text.
pub fn assert_share_para_a(report: &Report, (x, x_text): (&str, &[u8]), (y, y_text): (&str, &[u8])) {
    let places = shared(report, x, y);
    for (place, text) in places.into_iter().zip([x_text, y_text]) {
        assert_eq!(
            report.articles[place.article].bytes,
            text.len(),
            "{:?} is read whole and unchanged",
            place.id
        );
        assert_eq!(span_text(text, place), PARA_A, "span of {:?}", place.id);
    }
}

/// The text `place` covers in `text` (the article's text as read), which
/// must be a valid span on character boundaries.
pub fn span_text<'t>(text: &'t [u8], place: &crate::schema::Place) -> &'t str {
    assert!(
        place.start < place.end && place.end <= text.len(),
        "span {}..{} of {:?} is out of its {} bytes",
        place.start,
        place.end,
        place.id,
        text.len()
    );
    std::str::from_utf8(&text[place.start..place.end])
        .unwrap_or_else(|e| panic!("span {}..{} of {:?} is not UTF-8: {e}", place.start, place.end, place.id))
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator for
/// random test corpora.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Sentences of a made-up language, drawn by a fixed generator.
pub struct Words(pub u64);

impl Words {
    /// A paragraph of `n` words.
    pub fn paragraph(&mut self, n: usize) -> String {
        let words: Vec<String> = (0..n)
            .map(|_| {
                self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                format!("w{}o", (self.0 >> 33) % 5000)
            })
            .collect();
        words.join(" ") + "."
    }
}
