//! End to end: creating a portal session through the crate against a hand-written `reqwest` POST,
//! both against a local server on 127.0.0.1 that answers Stripe's fixture session at once.
//!
//! - crate: `client.sessions().create(params).send()`, the params built for each call (as an
//!   application does), so the figure includes validation, encoding, the idempotency key, the
//!   headers, and decoding the answer into `Session`.
//! - raw: `reqwest` POST of the same body, encoded once beforehand, with the same headers (a fixed
//!   `Idempotency-Key` of the same length) and the same per-request timeout, the answer decoded
//!   into a two-field struct (`id`, `url`): the least a hand-written call must do.
//! - raw_typed: the same `reqwest` POST doing the crate's typed work by hand (params built,
//!   validated and encoded with `form::to_string` on each call, a fresh `Idempotency-Key` (UUID
//!   v4) per call, the answer decoded into `Session`): the gap to the crate is then the client's
//!   own path alone.
//!
//! Both raw contestants are written as a careful hand-written call would be: the request URL is
//! parsed once (a `Url` cloned per call, not a string parsed per call) and their `reqwest::Client`
//! is built with the crate's own settings (30 s connect timeout, no redirects).
//!
//! Each contestant has its own server (so each server's accepted-connection count is that
//! contestant's) and its own connection pool. After a warm-up, 100 calls 1 ms apart check that
//! each contestant reuses its connection. The sequential run interleaves blocks of calls, so
//! load from elsewhere on the machine falls on both alike. Then 64 tasks call at once, in
//! alternating rounds, for throughput. Every loop is bounded in count and in time (`E2E_BUDGET_SECS`,
//! default 240), and all traffic stays on 127.0.0.1.
//!
//! Output: `E2E key value` lines, read by `bench/bench.sh`. Sizes: `E2E_SEQ_CALLS` (default
//! 2,000 per contestant), `E2E_CONCURRENCY` (64), `E2E_CONC_CALLS` (calls per task per round, 10),
//! `E2E_CONC_ROUNDS` (rounds per contestant, 31; the median round is reported).
//!
//! HTTP/1.1 against HTTP/2 (issue 11): the same crate call (`sessions().create`) through two
//! clients that differ only in the `reqwest::Client` passed to `ClientBuilder::http_client`: one
//! HTTP/1.1 only (a pool of keep-alive connections), one HTTP/2 with prior knowledge (h2c: one
//! multiplexed connection). Each has its own server, which accepts both protocols
//! (`hyper_util::server::conn::auto`). For each number of calls in flight in `E2E_H2_LEVELS`
//! (default `1,16,64`), `E2E_H2_ROUNDS` rounds (default 7, alternating the two protocols) of
//! `E2E_H2_CALLS` calls (default 640, split among the tasks); reported: the median round's calls/s,
//! the p50 latency of all the calls, and the connections each server accepted at that level.
//! `E2E_H2_ROUNDS=0` (or `E2E_ONLY`) skips it.

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stripe_billing_portal::sessions::Session;
use stripe_billing_portal::Client;
use stripe_billing_portal_bench::cases::{decode, encode, session as params};
use stripe_billing_portal_bench::{env_number, fixtures};
use tokio::net::TcpListener;

const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// What a hand-written call reads from the answer.
#[derive(serde::Deserialize)]
struct RawSession {
    #[allow(dead_code)] // read to mirror real code; only `url` is used
    id: String,
    url: String,
}

/// A local server answering every request with the fixture session, counting what it accepts.
struct Server {
    url: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl Server {
    /// A server speaking HTTP/1.1 only.
    async fn start(body: Bytes) -> Server {
        Server::start_with(body, false).await
    }

    /// With `auto`, the server speaks HTTP/1.1 and HTTP/2 (h2c, prior knowledge), whichever the
    /// client opens with.
    async fn start_with(body: Bytes, auto: bool) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let (accepted, served) = (connections.clone(), requests.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                accepted.fetch_add(1, Ordering::Relaxed);
                let _ = stream.set_nodelay(true);
                let (body, served) = (body.clone(), served.clone());
                let service = service_fn(move |request: Request<Incoming>| {
                    let (body, served) = (body.clone(), served.clone());
                    async move {
                        // Read the whole request, as a real server does, then answer at once.
                        let _ = request.into_body().collect().await;
                        served.fetch_add(1, Ordering::Relaxed);
                        let response = Response::builder()
                            .header("content-type", "application/json")
                            .header("request-id", "req_bench")
                            .body(Full::new(body))
                            .expect("a valid response");
                        Ok::<_, Infallible>(response)
                    }
                });
                tokio::spawn(async move {
                    let io = TokioIo::new(stream);
                    let _ = if auto {
                        hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                            .serve_connection(io, service)
                            .await
                    } else {
                        hyper::server::conn::http1::Builder::new()
                            .serve_connection(io, service)
                            .await
                            .map_err(Into::into)
                    };
                });
            }
        });
        Server { url, connections, requests }
    }
}

/// The two ways to make the call.
#[derive(Clone)]
enum Contestant {
    Crate(Client),
    Raw {
        http: reqwest::Client,
        url: reqwest::Url,
        headers: HeaderMap,
        body: Bytes,
    },
    /// Raw reqwest doing the crate's typed work by hand: what is left between it and the crate
    /// is the client's own path (headers, retry loop).
    RawTyped {
        http: reqwest::Client,
        url: reqwest::Url,
        headers: HeaderMap,
    },
}

impl Contestant {
    fn name(&self) -> &'static str {
        match self {
            Contestant::Crate(_) => "crate",
            Contestant::Raw { .. } => "raw",
            Contestant::RawTyped { .. } => "raw_typed",
        }
    }

    /// One session creation; returns the session URL's length so nothing is optimised away.
    async fn call(&self) -> usize {
        match self {
            Contestant::Crate(client) => call_crate(client).await,
            Contestant::Raw { http, url, headers, body } => call_raw(http, url, headers, body).await,
            Contestant::RawTyped { http, url, headers } => call_raw_typed(http, url, headers).await,
        }
    }

    /// [`call`](Contestant::call), then one turn to the scheduler (untimed), as any real caller
    /// gives between two calls: the pool's task that takes the finished connection back runs
    /// then. Without it, back-to-back calls race that task, and the pool opens a spare
    /// connection whenever the race is lost: a count that follows the machine's load, not the
    /// code under test.
    async fn call_then_yield(&self) -> (usize, Duration) {
        let start = Instant::now();
        let result = self.call().await;
        let elapsed = start.elapsed();
        tokio::task::yield_now().await;
        (result, elapsed)
    }
}

/// One call through the crate.
async fn call_crate(client: &Client) -> usize {
    let session = client.sessions().create(params()).send().await.expect("crate call");
    session.url.len()
}

/// One hand-written call.
async fn call_raw(http: &reqwest::Client, url: &reqwest::Url, headers: &HeaderMap, body: &Bytes) -> usize {
    let response = http
        .post(url.clone())
        .headers(headers.clone())
        .timeout(stripe_billing_portal::client::DEFAULT_TIMEOUT)
        .body(body.clone())
        .send()
        .await
        .expect("raw call");
    let bytes = response.bytes().await.expect("raw body");
    let session: RawSession = serde_json::from_slice(&bytes).expect("raw decode");
    session.url.len()
}

/// One hand-written call doing the same typed work as the crate: build and encode the params
/// (encoding validates them), a fresh idempotency key, decode the answer into `Session`.
async fn call_raw_typed(http: &reqwest::Client, url: &reqwest::Url, headers: &HeaderMap) -> usize {
    let body = encode(&params());
    let mut headers = headers.clone();
    let mut key = [0; uuid::fmt::Hyphenated::LENGTH];
    let key = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut key);
    headers.insert(&IDEMPOTENCY_KEY, HeaderValue::from_str(key).expect("a UUID is a header value"));
    let response = http
        .post(url.clone())
        .headers(headers)
        .timeout(stripe_billing_portal::client::DEFAULT_TIMEOUT)
        .body(body)
        .send()
        .await
        .expect("raw call");
    let bytes = response.bytes().await.expect("raw body");
    let session: Session = decode(&bytes);
    session.url.len()
}

/// The `q` quantile (0..=1) of sorted latencies, in microseconds.
fn quantile_us(sorted: &[Duration], q: f64) -> f64 {
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[index].as_secs_f64() * 1e6
}

/// The raw contestant: the crate's own preview gives the exact headers and body it would send.
/// With `typed`, the variant that builds, encodes and decodes by hand on each call.
fn raw_contestant(url: &str, typed: bool) -> Contestant {
    let preview_client = Client::builder(KEY).base_url(url).build().expect("client");
    let preview = preview_client.sessions().create(params()).preview().expect("preview");
    let mut headers = HeaderMap::new();
    for (name, value) in preview.headers() {
        let value = match name.as_str() {
            "authorization" => format!("Bearer {KEY}"),
            "idempotency-key" => uuid::Uuid::new_v4().to_string(),
            _ => value.clone(),
        };
        let name = HeaderName::from_bytes(name.as_bytes()).expect("header name");
        headers.insert(name, HeaderValue::try_from(value).expect("header value"));
    }
    let http = crate_like_http().build().expect("reqwest client");
    let url = reqwest::Url::parse(preview.url()).expect("the preview's URL");
    if typed {
        return Contestant::RawTyped { http, url, headers };
    }
    Contestant::Raw { http, url, headers, body: Bytes::from(preview.body().to_owned()) }
}

/// A `reqwest::Client` builder with the settings the crate's `ClientBuilder` uses for the one it
/// builds: 30 s to connect, no redirects.
fn crate_like_http() -> reqwest::ClientBuilder {
    reqwest::Client::builder().connect_timeout(Duration::from_secs(30)).redirect(reqwest::redirect::Policy::none())
}

/// The crate's client over the given `reqwest::Client` (HTTP/1.1 only, or HTTP/2 with prior knowledge).
fn client_over(url: &str, http2: bool) -> Contestant {
    let http = crate_like_http();
    let http = if http2 { http.http2_prior_knowledge() } else { http.http1_only() };
    let http = http.build().expect("reqwest client");
    Contestant::Crate(Client::builder(KEY).base_url(url).http_client(http).build().expect("client"))
}

/// `calls` calls split among `in_flight` tasks at once; the latency of each call.
async fn round(contestant: &Contestant, in_flight: usize, calls: usize) -> Vec<Duration> {
    let per_task = calls.div_ceil(in_flight.max(1));
    let tasks: Vec<_> = (0..in_flight.max(1))
        .map(|_| {
            let contestant = contestant.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(per_task);
                for _ in 0..per_task {
                    let (result, elapsed) = contestant.call_then_yield().await;
                    std::hint::black_box(result);
                    latencies.push(elapsed);
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(calls);
    for task in tasks {
        latencies.extend(task.await.expect("task"));
    }
    latencies
}

/// HTTP/1.1 (pool) against HTTP/2 (one multiplexed connection), the same crate call at several
/// numbers of calls in flight. Returns whether the deadline cut it short.
fn http_versions(
    server_runtime: &tokio::runtime::Runtime,
    client_runtime: &tokio::runtime::Runtime,
    body: Bytes,
    deadline: Instant,
) -> bool {
    let levels: Vec<usize> = std::env::var("E2E_H2_LEVELS")
        .unwrap_or_else(|_| "1,16,64".to_owned())
        .split(',')
        .filter_map(|level| level.trim().parse().ok())
        .filter(|&level| level > 0)
        .collect();
    let rounds = env_number("E2E_H2_ROUNDS", 7);
    let calls = env_number("E2E_H2_CALLS", 640);
    if rounds == 0 || levels.is_empty() {
        return false;
    }
    let h1_server = server_runtime.block_on(Server::start_with(body.clone(), true));
    let h2_server = server_runtime.block_on(Server::start_with(body, true));
    let sides =
        [("h1", client_over(&h1_server.url, false), &h1_server), ("h2", client_over(&h2_server.url, true), &h2_server)];
    let mut truncated = false;
    client_runtime.block_on(async {
        for &in_flight in &levels {
            let before: Vec<usize> =
                sides.iter().map(|(_, _, server)| server.connections.load(Ordering::Relaxed)).collect();
            // Warm-up round, untimed: connections for this level opened, caches warm.
            for (_, contestant, _) in &sides {
                std::hint::black_box(round(contestant, in_flight, calls).await);
            }
            let mut rates = vec![Vec::new(); sides.len()];
            let mut latencies = vec![Vec::new(); sides.len()];
            'rounds: for _ in 0..rounds {
                for (i, (_, contestant, _)) in sides.iter().enumerate() {
                    if Instant::now() > deadline {
                        truncated = true;
                        break 'rounds;
                    }
                    let start = Instant::now();
                    let done = round(contestant, in_flight, calls).await;
                    rates[i].push(done.len() as f64 / start.elapsed().as_secs_f64().max(1e-9));
                    latencies[i].extend(done);
                }
            }
            for (i, (name, _, server)) in sides.iter().enumerate() {
                let key = format!("http.{name}.c{in_flight}");
                rates[i].sort_by(f64::total_cmp);
                latencies[i].sort();
                let median = rates[i].get(rates[i].len() / 2).copied().unwrap_or(0.0);
                println!("E2E {key}.calls {}", latencies[i].len());
                println!("E2E {key}.per_sec {median:.0}");
                if !latencies[i].is_empty() {
                    println!("E2E {key}.p50_us {:.2}", quantile_us(&latencies[i], 0.50));
                }
                let opened = server.connections.load(Ordering::Relaxed) - before[i];
                println!("E2E {key}.new_connections {opened}");
            }
            if truncated {
                break;
            }
        }
        for (name, _, server) in &sides {
            println!("E2E http.{name}.connections_total {}", server.connections.load(Ordering::Relaxed));
        }
        let levels: Vec<String> = levels.iter().map(ToString::to_string).collect();
        println!("E2E http.levels {}", levels.join(","));
        println!("E2E http.rounds {rounds}");
        println!("E2E http.calls_per_round {calls}");
    });
    truncated
}

fn main() {
    let seq_calls = env_number("E2E_SEQ_CALLS", 2_000);
    let concurrency = env_number("E2E_CONCURRENCY", 64);
    let conc_calls = env_number("E2E_CONC_CALLS", 10);
    let conc_rounds = env_number("E2E_CONC_ROUNDS", 31);
    let budget = Duration::from_secs(env_number("E2E_BUDGET_SECS", 240));
    let deadline = Instant::now() + budget;

    let body = Bytes::from(fixtures::published_session());

    // The servers get one core's worth of runtime, the clients the other.
    let server_runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("server runtime");
    let client_runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("client runtime");
    let crate_server = server_runtime.block_on(Server::start(body.clone()));
    let raw_server = server_runtime.block_on(Server::start(body.clone()));
    let typed_server = server_runtime.block_on(Server::start(body.clone()));

    let ours = Contestant::Crate(Client::builder(KEY).base_url(&crate_server.url).build().expect("client"));
    let raw = raw_contestant(&raw_server.url, false);
    let raw_typed = raw_contestant(&typed_server.url, true);
    // `E2E_ONLY=crate` (or `raw`, `raw_typed`) runs one contestant alone: under callgrind, the
    // difference of two totals over the calls made is one's extra cost per call in instructions.
    let only = std::env::var("E2E_ONLY").ok();
    let servers: Vec<_> = [(&ours, &crate_server), (&raw, &raw_server), (&raw_typed, &typed_server)]
        .into_iter()
        .filter(|(contestant, _)| only.as_deref().is_none_or(|name| name == contestant.name()))
        .collect();
    assert!(!servers.is_empty(), "E2E_ONLY must be crate, raw or raw_typed");

    let truncated = client_runtime.block_on(async {
        // Warm-up: connections opened, code paths and allocator caches warm.
        for (contestant, _) in &servers {
            for _ in 0..200 {
                std::hint::black_box(contestant.call_then_yield().await);
            }
        }

        // Paced: calls 1 ms apart, so every finished connection is back in the pool before the
        // next call. Connection reuse alone decides the count here (0 new ones when it works).
        for (contestant, server) in &servers {
            let before = server.connections.load(Ordering::Relaxed);
            for _ in 0..100 {
                std::hint::black_box(contestant.call().await);
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            let opened = server.connections.load(Ordering::Relaxed) - before;
            println!("E2E paced.{}.new_connections {opened}", contestant.name());
        }

        // Sequential, interleaved in blocks of 100.
        let block = 100.min(seq_calls.max(1));
        let mut latencies = vec![Vec::with_capacity(seq_calls); servers.len()];
        let mut truncated = false;
        while latencies.iter().any(|done| done.len() < seq_calls) {
            if Instant::now() > deadline {
                truncated = true;
                break;
            }
            for (i, (contestant, _)) in servers.iter().enumerate() {
                for _ in 0..block.min(seq_calls - latencies[i].len()) {
                    let (result, elapsed) = contestant.call_then_yield().await;
                    std::hint::black_box(result);
                    latencies[i].push(elapsed);
                }
            }
        }
        for ((contestant, server), latencies) in servers.iter().zip(latencies.iter_mut()) {
            latencies.sort();
            let name = contestant.name();
            println!("E2E seq.{name}.calls {}", latencies.len());
            println!("E2E seq.{name}.p50_us {:.2}", quantile_us(latencies, 0.50));
            println!("E2E seq.{name}.p99_us {:.2}", quantile_us(latencies, 0.99));
            let mean = latencies.iter().sum::<Duration>().as_secs_f64() * 1e6 / latencies.len() as f64;
            println!("E2E seq.{name}.mean_us {mean:.2}");
            println!("E2E seq.{name}.connections {}", server.connections.load(Ordering::Relaxed));
        }

        // Concurrent: `concurrency` tasks at once, short rounds alternating between the
        // contestants; the median round is reported, so a round that lost the CPU to another
        // process does not decide the figure.
        let mut rates: Vec<Vec<f64>> = vec![Vec::new(); servers.len()];
        'rounds: for _ in 0..conc_rounds {
            for (i, (contestant, _)) in servers.iter().enumerate() {
                if Instant::now() > deadline {
                    truncated = true;
                    break 'rounds;
                }
                let start = Instant::now();
                let tasks: Vec<_> = (0..concurrency)
                    .map(|_| {
                        let contestant = (*contestant).clone();
                        tokio::spawn(async move {
                            for _ in 0..conc_calls {
                                std::hint::black_box(contestant.call_then_yield().await);
                            }
                        })
                    })
                    .collect();
                for task in tasks {
                    task.await.expect("task");
                }
                rates[i].push((concurrency * conc_calls) as f64 / start.elapsed().as_secs_f64().max(1e-9));
            }
        }
        for ((contestant, server), mut rates) in servers.iter().zip(rates) {
            let name = contestant.name();
            rates.sort_by(f64::total_cmp);
            let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
            println!("E2E conc.{name}.calls {}", rates.len() * concurrency * conc_calls);
            println!("E2E conc.{name}.rounds {}", rates.len());
            println!("E2E conc.{name}.per_sec {median:.0}");
            println!("E2E conc.{name}.connections_total {}", server.connections.load(Ordering::Relaxed));
            println!("E2E conc.{name}.requests_served {}", server.requests.load(Ordering::Relaxed));
        }
        println!("E2E concurrency {concurrency}");
        truncated
    });
    let truncated = if only.is_none() {
        http_versions(&server_runtime, &client_runtime, body, deadline) || truncated
    } else {
        truncated
    };
    println!("E2E truncated {truncated}");
}
