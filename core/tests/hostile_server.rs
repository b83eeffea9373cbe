//! The client against a hostile server written here: a tokio listener on 127.0.0.1 that stalls, never ends a
//! body, never answers, or lists too many outputs. Every limit ends the call with a typed error and leaves
//! no partial file behind; planted symlinks redirect nothing.

use omixa::client::{Client, DownloadLimit, DownloadOptions, DownloadProgress, Error, Job};
use serde_json::json;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with each connection once it has read the request head.
#[derive(Clone, Copy, Debug)]
enum Behaviour {
    /// Answers 200 with this many bytes of body.
    Video(usize),
    /// Announces 1,000 bytes, sends 10, then goes silent (holding the connection).
    Stall,
    /// A body without end, as fast as the client reads it (at most 1 GiB, to stay bounded).
    Endless,
    /// One byte every 20 ms, without end (at most 10,000 bytes).
    Trickle,
    /// Reads the request and never answers.
    Silent,
}

/// The longest any connection is held open, so that no test task outlives its test by much.
const HOLD: Duration = Duration::from_secs(30);

struct Server {
    base_url: String,
    connections: Arc<AtomicUsize>,
}

async fn serve(behaviour: Behaviour) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let base_url = format!("http://{}", listener.local_addr().expect("bound"));
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let _ = tokio::time::timeout(HOLD, answer(stream, behaviour)).await;
            });
        }
    });
    Server {
        base_url,
        connections,
    }
}

async fn answer(mut stream: TcpStream, behaviour: Behaviour) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        if stream.read(&mut byte).await? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    match behaviour {
        Behaviour::Video(size) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: video/mp4\r\ncontent-length: {size}\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&vec![7u8; size]).await?;
        }
        Behaviour::Stall => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n0123456789")
                .await?;
            tokio::time::sleep(HOLD).await;
        }
        Behaviour::Endless => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n")
                .await?;
            let chunk = vec![0u8; 64 * 1024];
            for _ in 0..16 * 1024 {
                stream.write_all(&chunk).await?;
            }
        }
        Behaviour::Trickle => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n")
                .await?;
            for _ in 0..10_000 {
                stream.write_all(b"x").await?;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        Behaviour::Silent => tokio::time::sleep(HOLD).await,
    }
    Ok(())
}

fn client(server: &Server, max_retries: u32) -> Client {
    Client::builder()
        .api_key("omx_test_hostile")
        .base_url(&server.base_url)
        .max_retries(max_retries)
        .request_timeout(Duration::from_millis(300))
        .build()
        .expect("a loopback client builds")
}

/// A succeeded job whose `outputs` results are all on `server`.
fn job(server: &Server, outputs: usize) -> Job {
    let data: Vec<_> = (0..outputs)
        .map(|index| json!({"url": format!("{}/files/{index}", server.base_url), "content_type": "video/mp4"}))
        .collect();
    serde_json::from_value(json!({"status": "succeeded", "operation": "op_hostile", "data": data}))
        .expect("a job")
}

fn file_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("the folder exists")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The limit that stopped a download (the client wraps it with the job's handle).
fn limit_of(error: &Error) -> Option<DownloadLimit> {
    match error.root() {
        Error::Download { limit, .. } => Some(*limit),
        _ => None,
    }
}

#[tokio::test]
async fn a_stalled_download_stops_and_leaves_nothing() {
    let server = serve(Behaviour::Stall).await;
    let folder = tempfile::tempdir().expect("temp dir");
    let options = DownloadOptions {
        stall_timeout: Duration::from_millis(200),
        ..DownloadOptions::default()
    };
    let error = client(&server, 1)
        .download_with(&job(&server, 1), folder.path(), &options)
        .await
        .expect_err("the server stalls");
    assert_eq!(limit_of(&error), Some(DownloadLimit::Stalled), "{error}");
    assert_eq!(error.kind(), "download");
    assert_eq!(
        error.job_handle().and_then(|job| job.operation).as_deref(),
        Some("op_hostile"),
        "the job can be downloaded again later"
    );
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        2,
        "a stall is retried once (max_retries 1)"
    );
    assert!(
        file_names(folder.path()).is_empty(),
        "{:?}",
        file_names(folder.path())
    );
}

#[tokio::test]
async fn an_endless_download_stops_at_the_size_limit() {
    let server = serve(Behaviour::Endless).await;
    let folder = tempfile::tempdir().expect("temp dir");
    let options = DownloadOptions {
        max_bytes: 1024 * 1024,
        ..DownloadOptions::default()
    };
    let error = client(&server, 2)
        .download_with(&job(&server, 1), folder.path(), &options)
        .await
        .expect_err("the body never ends");
    assert_eq!(limit_of(&error), Some(DownloadLimit::TooLarge), "{error}");
    assert!(!error.is_retryable());
    assert_eq!(server.connections.load(Ordering::SeqCst), 1, "not retried");
    assert!(file_names(folder.path()).is_empty());
}

#[tokio::test]
async fn a_trickling_download_stops_at_the_deadline() {
    let server = serve(Behaviour::Trickle).await;
    let folder = tempfile::tempdir().expect("temp dir");
    let options = DownloadOptions {
        stall_timeout: Duration::from_secs(10),
        deadline: Some(Duration::from_millis(300)),
        ..DownloadOptions::default()
    };
    let error = client(&server, 2)
        .download_with(&job(&server, 1), folder.path(), &options)
        .await
        .expect_err("a byte at a time never finishes");
    assert_eq!(limit_of(&error), Some(DownloadLimit::Deadline), "{error}");
    assert!(file_names(folder.path()).is_empty());
}

#[tokio::test]
async fn too_many_outputs_are_refused_before_any_request() {
    let server = serve(Behaviour::Video(10)).await;
    let folder = tempfile::tempdir().expect("temp dir");
    let error = client(&server, 2)
        .download_with(
            &job(&server, 20_000),
            folder.path(),
            &DownloadOptions::default(),
        )
        .await
        .expect_err("20,000 outputs");
    assert_eq!(
        limit_of(&error),
        Some(DownloadLimit::TooManyOutputs),
        "{error}"
    );
    assert_eq!(server.connections.load(Ordering::SeqCst), 0);
    assert!(file_names(folder.path()).is_empty());
}

#[tokio::test]
async fn progress_is_reported_per_file_and_existing_files_are_kept() {
    let server = serve(Behaviour::Video(100_000)).await;
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::write(folder.path().join("op_hostile-1.mp4"), b"earlier").expect("written");
    let seen: Arc<Mutex<Vec<DownloadProgress>>> = Arc::default();
    let record = seen.clone();
    let options = DownloadOptions {
        on_progress: Some(Arc::new(move |progress: &DownloadProgress| {
            record.lock().expect("not poisoned").push(progress.clone());
        })),
        ..DownloadOptions::default()
    };
    let client = client(&server, 0);
    let saved = client
        .download_with(&job(&server, 2), folder.path(), &options)
        .await
        .expect("downloads");
    assert_eq!(saved.len(), 2);
    assert!(!saved[0].already_there && saved[0].bytes == 100_000);
    assert!(saved[1].already_there && saved[1].bytes == 7);
    assert_eq!(
        std::fs::read(folder.path().join("op_hostile-1.mp4")).expect("kept"),
        b"earlier"
    );
    let seen = seen.lock().expect("not poisoned").clone();
    assert!(
        seen.iter()
            .all(|progress| progress.index == 0 && progress.total == 2)
    );
    assert_eq!(seen.first().map(|progress| progress.bytes), Some(0));
    assert_eq!(seen.last().map(|progress| progress.bytes), Some(100_000));
    assert!(
        seen.iter()
            .all(|progress| progress.expected == Some(100_000))
    );
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        1,
        "the kept file was not fetched"
    );

    let overwrite = DownloadOptions {
        overwrite: true,
        ..DownloadOptions::default()
    };
    let saved = client
        .download_with(&job(&server, 2), folder.path(), &overwrite)
        .await
        .expect("downloads");
    assert!(
        saved
            .iter()
            .all(|file| !file.already_there && file.bytes == 100_000)
    );
    assert_eq!(
        file_names(folder.path()),
        ["op_hostile-0.mp4", "op_hostile-1.mp4"]
    );
}

#[cfg(unix)]
#[tokio::test]
async fn planted_symlinks_redirect_nothing() {
    let server = serve(Behaviour::Video(1_000)).await;
    let folder = tempfile::tempdir().expect("temp dir");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let victim = elsewhere.path().join("victim");
    std::fs::write(&victim, b"precious").expect("written");
    let downloads = folder.path().join("videos");
    std::fs::create_dir(&downloads).expect("created");
    std::os::unix::fs::symlink(&victim, downloads.join("op_hostile-0.mp4.part")).expect("planted");

    let client = client(&server, 0);
    let saved = client
        .download_with(&job(&server, 1), &downloads, &DownloadOptions::default())
        .await
        .expect("downloads beside the planted link");
    assert_eq!(std::fs::read(&victim).expect("still there"), b"precious");
    let video = std::fs::symlink_metadata(&saved[0].path).expect("saved");
    assert!(video.is_file() && video.len() == 1_000);

    // A link at the final name is never written through; without overwrite it is an error.
    std::fs::remove_file(&saved[0].path).expect("removed");
    std::os::unix::fs::symlink(&victim, &saved[0].path).expect("planted");
    let error = client
        .download_with(&job(&server, 1), &downloads, &DownloadOptions::default())
        .await
        .expect_err("a link is in the way");
    assert_eq!(error.kind(), "io", "{error}");
    let overwrite = DownloadOptions {
        overwrite: true,
        ..DownloadOptions::default()
    };
    client
        .download_with(&job(&server, 1), &downloads, &overwrite)
        .await
        .expect("the link itself is replaced");
    assert_eq!(std::fs::read(&victim).expect("still there"), b"precious");
    assert!(
        std::fs::symlink_metadata(&saved[0].path)
            .expect("saved")
            .is_file()
    );
}

#[tokio::test]
async fn an_output_folder_that_is_a_file_is_an_io_error_with_its_errno() {
    let server = serve(Behaviour::Video(10)).await;
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join("videos");
    std::fs::write(&file, b"").expect("written");
    let error = client(&server, 0)
        .download_with(&job(&server, 1), &file, &DownloadOptions::default())
        .await
        .expect_err("not a folder");
    let Error::Io { source, .. } = error.root() else {
        panic!("expected an I/O error, got {error}")
    };
    assert!(source.raw_os_error().is_some(), "{error}");
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        0,
        "nothing fetched"
    );
}

#[tokio::test]
async fn a_gateway_that_never_answers_costs_two_request_timeouts() {
    let server = serve(Behaviour::Silent).await;
    let error = client(&server, 5)
        .status("op_1", "")
        .await
        .expect_err("no answer");
    assert_eq!(error.kind(), "connection", "{error}");
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        2,
        "retries stop once a whole attempt no longer fits in twice the request timeout"
    );
}
