use std::io::{self, Read};
use std::ptr::NonNull;

/// Reads exactly `n` bytes from any reader.
pub fn read_n<R: Read>(r: &mut R, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(n);
    unsafe { buf.set_len(n) };
    r.read_exact(&mut buf)?;
    Ok(buf)
}

/// The same, with the buffer zero-filled first.
pub fn read_n_zeroed<R: Read>(r: &mut R, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(n);
    buf.resize(n, 0);
    r.read_exact(&mut buf)?;
    Ok(buf)
}

/// A heap value that can be handed to another thread.
pub struct Handle<T> {
    ptr: NonNull<T>,
}

unsafe impl<T> Send for Handle<T> {}

/// The same, for values that are allowed to move between threads.
pub struct SendHandle<T> {
    ptr: NonNull<T>,
}

unsafe impl<T: Send> Send for SendHandle<T> {}

/// Packet: [len: 2 bytes, big-endian][payload: len bytes]
pub fn payload(pkt: &[u8]) -> &[u8] {
    let len = u16::from_be_bytes([pkt[0], pkt[1]]) as usize;
    unsafe { std::slice::from_raw_parts(pkt.as_ptr().add(2), len) }
}

pub fn payload_checked(pkt: &[u8]) -> Option<&[u8]> {
    let len = u16::from_be_bytes([*pkt.first()?, *pkt.get(1)?]) as usize;
    if len > pkt.len() - 2 {
        return None;
    }
    // SAFETY: 2 + len <= pkt.len(), checked just above.
    Some(unsafe { pkt.get_unchecked(2..2 + len) })
}

/// Views samples as raw bytes, for writing them to a file.
pub fn sample_bytes(samples: &[u32]) -> &[u8] {
    let n = std::mem::size_of_val(samples);
    // SAFETY: u8 has no alignment requirement and every bit pattern is valid;
    // the byte length covers exactly the same memory as `samples`.
    unsafe { std::slice::from_raw_parts(samples.as_ptr().cast::<u8>(), n) }
}
