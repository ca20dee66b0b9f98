//! Many concurrent calls through clones of one client: each gets its own idempotency key, and all
//! of them share one connection pool.
//!
//! The server holds every response until a whole wave of requests has arrived, so each wave's
//! requests are provably in flight at the same time. Over HTTP/1.1 a connection carries one request
//! at a time, so a wave of `N` needs exactly `N` connections: the bound asserted is that the client
//! never opens more connections than it has requests in flight (no duplicate or leaked
//! connections), and that a second wave through the clones reuses the first wave's connections
//! instead of opening new ones (one pool, shared by every clone).

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use stripe_billing_portal::sessions::SessionCreateParams;
use stripe_billing_portal::Client;
use support::raw_http::{head_header, read_request};
use support::{fixture, KEY};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Barrier;

mod support;
const CALLS: usize = 500;

/// What the server saw.
#[derive(Default)]
struct Log {
    connections: AtomicUsize,
    /// `(connection, idempotency key)` per request.
    requests: Mutex<Vec<(usize, String)>>,
}

/// A keep-alive HTTP/1.1 server on 127.0.0.1 that answers each wave of `wave` requests with the
/// session fixture once all of the wave has arrived.
async fn start_server(wave: usize) -> (String, Arc<Log>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Log::default());
    let barrier = Arc::new(Barrier::new(wave));
    let server_log = log.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let connection = server_log.connections.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(serve(stream, connection, server_log.clone(), barrier.clone()));
        }
    });
    (url, log)
}

async fn serve(mut stream: TcpStream, connection: usize, log: Arc<Log>, barrier: Arc<Barrier>) {
    let body = fixture("billing_portal.session").to_string();
    let mut buffer = Vec::new();
    while let Some(head) = read_request(&mut stream, &mut buffer).await {
        let key = head_header(&head, "idempotency-key").unwrap_or_default().to_owned();
        log.requests.lock().unwrap().push((connection, key));
        barrier.wait().await;
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// Sends `CALLS` session creations at once, each through its own clone of `client`, and returns
/// the idempotency keys the client reports.
async fn wave(client: &Client) -> Vec<String> {
    let tasks: Vec<_> = (0..CALLS)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                let params = SessionCreateParams::new(format!("cus_{i}"));
                client.sessions().create(params).send_with_meta().await
            })
        })
        .collect();
    let mut keys = Vec::with_capacity(CALLS);
    for task in tasks {
        let response = task.await.unwrap().expect("every call succeeds");
        assert_eq!(response.attempts, 1, "nothing failed, nothing was retried");
        keys.push(response.idempotency_key.unwrap());
    }
    keys
}

#[tokio::test]
async fn five_hundred_concurrent_calls_share_one_pool_with_distinct_keys() {
    let (url, log) = start_server(CALLS).await;
    let client = Client::builder(KEY).base_url(url).build().unwrap();

    // A hang guard only: every assertion is about outcomes and counts.
    let (first, second) = tokio::time::timeout(Duration::from_secs(60), async {
        let first = wave(&client).await;
        let second = wave(&client).await;
        (first, second)
    })
    .await
    .expect("both waves complete");

    let sent: HashSet<&String> = first.iter().chain(&second).collect();
    assert_eq!(sent.len(), 2 * CALLS, "every call has its own idempotency key");
    let requests = log.requests.lock().unwrap().clone();
    let received: HashSet<&String> = requests.iter().map(|(_, key)| key).collect();
    assert_eq!(requests.len(), 2 * CALLS, "one request per call");
    assert_eq!(received, sent, "the server saw exactly the keys the client reported");

    // Wave 1: all CALLS requests in flight at once need CALLS connections, and no more.
    // Wave 2: reuses them all.
    let connections = log.connections.load(Ordering::SeqCst);
    assert_eq!(connections, CALLS, "connections never exceed the requests in flight, and are reused");
    let mut per_connection = vec![0usize; connections];
    for (connection, _) in &requests {
        per_connection[*connection] += 1;
    }
    assert!(per_connection.iter().all(|&n| n == 2), "each connection carried one request per wave");
}
