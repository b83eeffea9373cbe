//! The emulator's accept loop, hardened for a shared machine: at most `max_connections` connections at once
//! (one more is answered with a JSON 503 and closed), a header timeout that also closes connections left
//! idle between requests, and a graceful shutdown that waits for requests in flight (bounded).
//!
//! HTTP/1.1 only (what the SDKs speak), served by hyper with the axum router as the service. Each request
//! carries its peer's address as axum's `ConnectInfo<SocketAddr>` (the dashboard admits loopback peers
//! without a key).

use axum::Router;
use axum::extract::Request;
use axum::extract::connect_info::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, oneshot};
use tower::util::MapRequest;

/// How long a refused connection gets to take its 503.
const REFUSAL_WRITE_TIMEOUT: Duration = Duration::from_secs(1);
/// The pause after a failed accept (out of file descriptors, say), so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);
/// The longest a shutdown waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// hyper's own limit on the number of headers; the router's guard answers past its lower limit with JSON.
const HYPER_MAX_HEADERS: usize = 1_000;

/// What the accept loop enforces.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    pub max_connections: usize,
    /// The longest a client may take to send a request's head, and the longest a connection may sit idle
    /// between requests.
    pub header_timeout: Duration,
}

/// Serves `router` on `listener` until `stop` fires (or its sender is dropped).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    stop: oneshot::Receiver<()>,
) -> std::io::Result<()> {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_headers(HYPER_MAX_HEADERS)
        .keep_alive(true);
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    report_accept_error(&error);
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(with_peer(router.clone(), peer));
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that hangs up or times out ends its connection; nothing to report.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
    Ok(())
}

/// The router, with `ConnectInfo(peer)` added to each request of the connection.
fn with_peer<B>(
    router: Router,
    peer: SocketAddr,
) -> MapRequest<Router, impl Fn(Request<B>) -> Request<B> + Clone> {
    MapRequest::new(router, move |mut request: Request<B>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    })
}

/// Answers a connection over the limit with a JSON 503 and closes it, without reading its request.
async fn refuse(mut stream: TcpStream) {
    const BODY: &str = r#"{"error":{"code":"too_many_connections","message":"the emulator has reached its connection limit (--max-connections); retry shortly"}}"#;
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         retry-after: 1\r\nconnection: close\r\n\r\n{BODY}",
        BODY.len()
    );
    let _ = tokio::time::timeout(REFUSAL_WRITE_TIMEOUT, async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await
    })
    .await;
}

/// Accept errors are the machine's state (no file descriptors left), not a reason to stop serving.
fn report_accept_error(error: &std::io::Error) {
    eprintln!("omixa serve: cannot accept a connection: {error}");
}
