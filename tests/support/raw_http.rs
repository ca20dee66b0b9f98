//! The server side of raw HTTP/1.1 on 127.0.0.1, for what a mock server cannot do (close or stall
//! a connection at a chosen point, hold requests at a barrier): reading requests off a connection.

use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// Reads one request (head and `Content-Length` body) off `stream`, keeping any bytes of the next
/// one in `buffer`; gives the head, or `None` at EOF.
pub async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<String> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            let length = head_header(&head, "content-length").and_then(|v| v.parse().ok()).unwrap_or(0usize);
            let total = end + 4 + length;
            while buffer.len() < total {
                read_more(stream, buffer).await?;
            }
            buffer.drain(..total);
            return Some(head);
        }
        read_more(stream, buffer).await?;
    }
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 4096];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            Some(())
        }
    }
}

/// A header's value in a request head (the name in any case).
pub fn head_header<'h>(head: &'h str, name: &str) -> Option<&'h str> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}
