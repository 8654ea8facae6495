//! Same input, same bytes out: whatever the thread count, the order of the
//! paths on the command line, or the order files were created on disk.

use crate::util::{PARA_A, PARA_B, run_in, scratch, write};

fn fixture_texts() -> Vec<(String, String)> {
    (0..12)
        .map(|i| {
            let name = format!("outlet{}/story{i:02}.txt", i % 3);
            let body = match i % 4 {
                0 => format!("Headline number {i}\n\n{PARA_A}\n\n{PARA_B}\n"),
                1 => format!("{PARA_B}\nSecond line of story {i} with its own words entirely.\n{PARA_A}\n"),
                2 => format!("{PARA_A} Extra words in story {i}.\n\n{PARA_A}\n"),
                _ => format!("Unrelated story {i} about the weather in the hills and nothing else at all.\n"),
            };
            (name, body)
        })
        .collect()
}

#[test]
fn thread_count_does_not_change_output() {
    let dir = scratch();
    for (name, body) in fixture_texts() {
        write(dir.path(), &name, body);
    }
    for format in ["json", "text", "html", "dot"] {
        let one = run_in(dir.path(), &["scan", ".", "--format", format], &[("RAYON_NUM_THREADS", "1")]);
        let two = run_in(dir.path(), &["scan", ".", "--format", format], &[("RAYON_NUM_THREADS", "2")]);
        let many = run_in(dir.path(), &["scan", ".", "--format", format], &[("RAYON_NUM_THREADS", "7")]);
        one.ok();
        assert!(!one.report_like_empty(), "fixture must produce matches");
        assert_eq!(one.stdout, two.ok().stdout, "1 vs 2 threads ({format})");
        assert_eq!(one.stdout, many.ok().stdout, "1 vs 7 threads ({format})");
    }
}

#[test]
fn file_order_does_not_change_output() {
    let texts = fixture_texts();
    let forward = scratch();
    let backward = scratch();
    for (name, body) in &texts {
        write(forward.path(), name, body);
    }
    for (name, body) in texts.iter().rev() {
        write(backward.path(), name, body);
    }
    let a = run_in(forward.path(), &["scan", ".", "--format", "json"], &[]);
    let b = run_in(backward.path(), &["scan", ".", "--format", "json"], &[]);
    assert_eq!(a.ok().stdout, b.ok().stdout);

    let mut names: Vec<&str> = texts.iter().map(|(n, _)| n.as_str()).collect();
    let mut args = vec!["scan", "--format", "json"];
    args.extend(&names);
    let listed = run_in(forward.path(), &args, &[]);
    names.reverse();
    names.swap(0, 5);
    let mut args = vec!["scan", "--format", "json"];
    args.extend(&names);
    let shuffled = run_in(forward.path(), &args, &[]);
    assert_eq!(listed.ok().stdout, shuffled.ok().stdout);
}
