//! The file system turning hostile: symbolic link loops, names that are
//! not UTF-8, permission denied, and files removed or locked between the
//! two reads of a scan (through the `WIRETRACE_TEST_PAUSE` hook).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{At, Expect, assert_only_warned, case, filler, good_corpus, ids};
use crate::util::{Run, project_root, scratch, write};

#[cfg(unix)]
#[test]
fn symbolic_link_loops_and_directory_links_are_named_and_skipped() {
    use std::os::unix::fs::symlink;
    case(
        "symbolic links",
        |d| {
            let c = d.join("corpus");
            symlink(".", c.join("again")).expect("link to its own directory");
            symlink("self.txt", c.join("self.txt")).expect("link to itself");
            symlink("pong.txt", c.join("ping.txt")).expect("link");
            symlink("ping.txt", c.join("pong.txt")).expect("link");
            symlink("000_d0fcdb308f540440.txt", c.join("alias.txt")).expect("link to a good file");
        },
        &[
            Expect("corpus/again", At::File, "symbolic link to a directory, not followed"),
            Expect("corpus/ping.txt", At::File, "symbolic link loop, skipped"),
            Expect("corpus/pong.txt", At::File, "symbolic link loop, skipped"),
            Expect("corpus/self.txt", At::File, "symbolic link loop, skipped"),
        ],
    );
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let report = case(
        "non-UTF-8 names",
        |d| {
            let name = |bytes: &[u8]| d.join("corpus").join(std::ffi::OsStr::from_bytes(bytes));
            std::fs::write(name(b"caf\xe9.txt"), filler(30, 50)).expect("write");
            std::fs::write(name(b"\xff\xfe.txt"), b"").expect("write");
        },
        &[Expect("corpus/\u{fffd}\u{fffd}.txt", At::File, "empty file")],
    );
    assert!(ids(&report).contains(&"caf\u{fffd}.txt".to_string()), "{:?}", ids(&report));
}

/// Whether this process is root (file modes do not stop root from reading).
fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// The binary, as a command that file permissions apply to: as root, run
/// through `setpriv` without the capabilities that bypass them; `None`
/// when that is not possible (root without setpriv).
fn unprivileged() -> Option<Command> {
    let binary = env!("CARGO_BIN_EXE_wiretrace");
    if !is_root() {
        return Some(Command::new(binary));
    }
    let probe =
        Command::new("setpriv").args(["--bounding-set", "-dac_override,-dac_read_search", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("note: root without a working setpriv; permission tests skipped");
        return None;
    }
    let mut cmd = Command::new("setpriv");
    cmd.args(["--bounding-set", "-dac_override,-dac_read_search", binary]);
    Some(cmd)
}

/// Runs `cmd scan corpus --format json` in `dir`, pausing between the two
/// reads when `between` is given, which is then called.
fn scan(mut cmd: Command, dir: &Path, between: Option<&dyn Fn()>) -> Run {
    cmd.args(["scan", "corpus", "--format", "json"]).current_dir(dir);
    let pause = dir.join("pause");
    if between.is_some() {
        std::fs::create_dir_all(&pause).expect("pause directory");
        cmd.env("WIRETRACE_TEST_PAUSE", &pause);
    }
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn wiretrace");
    if let Some(between) = between {
        let start = Instant::now();
        while !pause.join("paused").exists() {
            assert!(start.elapsed() < Duration::from_secs(120), "the scan never paused");
            std::thread::sleep(Duration::from_millis(10));
        }
        between();
        std::fs::write(pause.join("resume"), b"").expect("resume");
    }
    let out = child.wait_with_output().expect("wiretrace runs");
    Run {
        command: format!("{cmd:?} in {}", dir.display()),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Sets the permission bits of `path`.
#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn permission_denied_on_a_file_and_a_directory() {
    let Some(cmd) = unprivileged() else { return };
    let dir = scratch();
    let good = good_corpus(dir.path());
    let locked = write(dir.path(), "corpus/locked.txt", filler(31, 50));
    write(dir.path(), "corpus/closed/inside.txt", filler(32, 50));
    chmod(&locked, 0o000);
    chmod(&dir.path().join("corpus/closed"), 0o000);
    let run = scan(cmd, dir.path(), None);
    chmod(&dir.path().join("corpus/closed"), 0o755);
    assert_only_warned(
        "permission denied",
        &run,
        &good,
        &[
            Expect("corpus/closed", At::File, "cannot read directory entry"),
            Expect("corpus/locked.txt", At::File, "cannot open: Permission denied"),
        ],
    );
}

/// A copy of a good article under another name: its matches with the good
/// articles are what a file lost between the two reads must not leave
/// behind.
fn copy_of_a_good_article(dir: &Path, name: &str) -> std::path::PathBuf {
    let text = std::fs::read(project_root().join("corpus/001_71d69ead1abd494d.txt")).expect("corpus file");
    write(dir, name, text)
}

#[cfg(unix)]
#[test]
fn files_removed_or_locked_between_the_two_reads() {
    let Some(cmd) = unprivileged() else { return };
    let dir = scratch();
    let good = good_corpus(dir.path());
    let gone = copy_of_a_good_article(dir.path(), "corpus/gone.txt");
    let locked = copy_of_a_good_article(dir.path(), "corpus/locked.txt");
    let run = scan(
        cmd,
        dir.path(),
        Some(&|| {
            std::fs::remove_file(&gone).expect("remove");
            chmod(&locked, 0o000);
        }),
    );
    let report = assert_only_warned(
        "removed and locked mid-run",
        &run,
        &good,
        &[
            Expect("corpus/gone.txt", At::File, "read again while being scanned (cannot open: No such file"),
            Expect("corpus/gone.txt", At::File, "(os error 2)); its passages are left out"),
            Expect(
                "corpus/locked.txt",
                At::File,
                "read again while being scanned (cannot open: Permission denied",
            ),
            Expect("corpus/locked.txt", At::File, "(os error 13)); its passages are left out"),
        ],
    );
    // Both were read once (they are listed) but nothing of theirs is matched.
    let matched = |id: &str| {
        report["matches"]
            .as_array()
            .is_some_and(|ms| ms.iter().any(|m| m["a"]["id"] == id || m["b"]["id"] == id))
    };
    assert!(ids(&report).contains(&"gone.txt".to_string()) && !matched("gone.txt") && !matched("locked.txt"));
}
