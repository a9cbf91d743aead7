//! Atomic save: the previous file is kept as `.bak`, no temp file is left behind,
//! and a failed save leaves everything as it was.

use std::path::Path;

use stancemap::stance_map::{Actor, ActorKind, Edit, StanceMap};
use stancemap::storage::{load_map, save_map, write_atomically};

use super::sample_map;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn first_save_makes_no_backup_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.stancemap.ron");
    save_map(&path, &sample_map()).unwrap();
    assert_eq!(names_in(dir.path()), ["talks.stancemap.ron"]);
}

#[test]
fn second_save_keeps_the_previous_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.stancemap.ron");
    let first = sample_map();
    save_map(&path, &first).unwrap();
    let first_bytes = std::fs::read(&path).unwrap();

    let mut second = first.clone();
    second
        .apply(Edit::AddActor(Actor::new(
            "Ruritania",
            "Ruritania",
            ActorKind::State,
        )))
        .unwrap();
    save_map(&path, &second).unwrap();

    assert_eq!(
        names_in(dir.path()),
        ["talks.stancemap.ron", "talks.stancemap.ron.bak"]
    );
    let backup = dir.path().join("talks.stancemap.ron.bak");
    assert_eq!(std::fs::read(&backup).unwrap(), first_bytes);
    assert_eq!(load_map(&path).unwrap(), second);
    assert_eq!(load_map(&backup).unwrap(), first);

    // A third save replaces the backup with the second version.
    save_map(&path, &StanceMap::new()).unwrap();
    assert_eq!(load_map(&backup).unwrap(), second);
    assert!(load_map(&path).unwrap().is_empty());
}

#[test]
fn failed_save_leaves_the_target_and_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should go: writing the temp file works, replacing fails.
    let target = dir.path().join("taken.stancemap.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.txt"), "keep me").unwrap();
    let error = save_map(&target, &sample_map()).unwrap_err();
    assert!(
        error.to_string().ends_with(&target.display().to_string()),
        "{error}"
    );
    assert_eq!(names_in(dir.path()), ["taken.stancemap.ron"]);
    assert_eq!(
        std::fs::read_to_string(target.join("inside.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn save_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing/map.stancemap.ron");
    let message = save_map(&path, &sample_map()).unwrap_err().to_string();
    assert!(message.starts_with("cannot save: "), "{message}");
    assert!(message.ends_with(&path.display().to_string()), "{message}");
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn write_atomically_replaces_content_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    write_atomically(&path, b"first").unwrap();
    write_atomically(&path, b"second, longer").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
    assert_eq!(
        std::fs::read(dir.path().join("out.json.bak")).unwrap(),
        b"first"
    );
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_replaces_the_linked_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.stancemap.ron");
    let link = dir.path().join("link.stancemap.ron");
    save_map(&real, &StanceMap::new()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    save_map(&link, &sample_map()).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load_map(&real).unwrap(), sample_map());
}

#[test]
fn concurrent_saves_leave_one_whole_file_and_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.stancemap.ron");
    let maps = [sample_map(), StanceMap::new()];
    save_map(&path, &maps[1]).unwrap();
    std::thread::scope(|scope| {
        let saves: Vec<_> = maps
            .iter()
            .flat_map(|map| std::iter::repeat_n(map, 4))
            .map(|map| scope.spawn(|| save_map(&path, map)))
            .collect();
        for save in saves {
            save.join().unwrap().unwrap();
        }
    });
    let loaded = load_map(&path).unwrap();
    assert!(maps.contains(&loaded));
    assert_eq!(
        names_in(dir.path()),
        ["busy.stancemap.ron", "busy.stancemap.ron.bak"]
    );
}
