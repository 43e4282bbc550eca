//! Checked memory: every object is an allocation with a never-reused id, its
//! bytes, a per-byte initialised mask and pointer provenance. A pointer is
//! an allocation id plus a fake, stable address (`base + offset`), so `%p`
//! and integer casts work and an out-of-bounds pointer still knows which
//! object it came from.

use crate::types::Sk;

/// A value in a register: raw bits (integers sign- or zero-extended to 64
/// bits, floats as `f64` bits, pointers as fake addresses), the allocation
/// a pointer points into (0 for none), and whether it is initialised.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Val {
    pub bits: u64,
    pub prov: u32,
    pub init: bool,
}

impl Val {
    #[inline]
    pub fn int(bits: u64) -> Val {
        Val {
            bits,
            prov: 0,
            init: true,
        }
    }
    #[inline]
    pub fn f64(x: f64) -> Val {
        Val {
            bits: x.to_bits(),
            prov: 0,
            init: true,
        }
    }
    pub const UNINIT: Val = Val {
        bits: 0,
        prov: 0,
        init: false,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heap,
    Stack,
    Global,
    Literal,
    /// The `FILE` objects behind stdin, stdout and stderr.
    File,
    /// The extra arguments of a call to a variadic function.
    VaArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Live,
    Freed,
    OutOfScope,
    Returned,
}

/// A place in the program: line and function index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Site {
    pub line: u32,
    pub col: u32,
    pub func: u32,
}

#[derive(Debug, Clone)]
pub struct Bytes {
    pub data: Vec<u8>,
    /// 1 for each initialised byte.
    pub init: Vec<u8>,
    /// Allocation id of the pointer stored in each aligned 8-byte word (0:
    /// none). Empty until the first pointer is stored.
    pub prov: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct Alloc {
    pub base: u64,
    pub size: u64,
    pub kind: Kind,
    pub state: State,
    pub readonly: bool,
    /// Allocated or declared here.
    pub site: Site,
    /// Freed, left its scope or its function returned here.
    pub end: Site,
    /// Local index (stack), global index (global, literal), or the call
    /// stack depth (heap).
    pub what: u32,
    pub mem: Option<Box<Bytes>>,
}

/// Why an access failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemErr {
    Null {
        addr: u64,
    },
    Wild {
        addr: u64,
    },
    Dead {
        id: u32,
    },
    Oob {
        id: u32,
        off: i64,
    },
    ReadOnly {
        id: u32,
    },
    /// Too much memory in use.
    Limit,
}

const REGIONS: [u64; 5] = [
    0x0000_6020_0000_0000, // heap
    0x0000_7ffc_0000_0000, // stack
    0x0000_5555_5556_0000, // globals
    0x0000_5555_5550_0000, // literals
    0x0000_5555_5540_0000, // files, va args
];
/// Function pointers live here: `FUNC_BASE + 16 * index`.
pub const FUNC_BASE: u64 = 0x0000_5555_5500_1000;
const OVERHEAD: usize = 64;

fn region(k: Kind) -> usize {
    match k {
        Kind::Heap => 0,
        Kind::Stack | Kind::VaArgs => 1,
        Kind::Global => 2,
        Kind::Literal => 3,
        Kind::File => 4,
    }
}

#[derive(Debug)]
pub struct Memory {
    pub allocs: Vec<Alloc>,
    next: [u64; 5],
    by_region: [Vec<(u64, u32)>; 5],
    /// Bytes in live allocations plus bookkeeping.
    pub used: usize,
    pub peak: usize,
    pub limit: usize,
    pub stack_bytes: u64,
}

impl Memory {
    pub fn new(limit: usize) -> Self {
        let dummy = Alloc {
            base: 0,
            size: 0,
            kind: Kind::Global,
            state: State::Freed,
            readonly: true,
            site: Site::default(),
            end: Site::default(),
            what: 0,
            mem: None,
        };
        Memory {
            allocs: vec![dummy],
            next: REGIONS,
            by_region: Default::default(),
            used: 0,
            peak: 0,
            limit,
            stack_bytes: 0,
        }
    }

    /// Creates an allocation of `size` uninitialised bytes.
    pub fn alloc(
        &mut self,
        size: u64,
        align: u64,
        kind: Kind,
        site: Site,
        what: u32,
    ) -> Result<u32, MemErr> {
        let extra = (size as usize).saturating_mul(2).saturating_add(OVERHEAD);
        let used = self.used.saturating_add(extra);
        if used > self.limit || size > (u32::MAX as u64) {
            return Err(MemErr::Limit);
        }
        if self.allocs.len() >= u32::MAX as usize - 1 {
            return Err(MemErr::Limit);
        }
        self.used = used;
        self.peak = self.peak.max(self.used);
        let r = region(kind);
        let align = align.clamp(16, 4096);
        let base = self.next[r].div_ceil(align).saturating_mul(align);
        self.next[r] = base
            .saturating_add(size.div_ceil(16) * 16)
            .saturating_add(32);
        let id = self.allocs.len() as u32;
        let n = size as usize;
        self.allocs.push(Alloc {
            base,
            size,
            kind,
            state: State::Live,
            readonly: false,
            site,
            end: Site::default(),
            what,
            mem: Some(Box::new(Bytes {
                data: vec![0; n],
                init: vec![0; n],
                prov: Vec::new(),
            })),
        });
        self.by_region[r].push((base, id));
        if kind == Kind::Stack || kind == Kind::VaArgs {
            self.stack_bytes = self.stack_bytes.saturating_add(size);
        }
        Ok(id)
    }

    /// Ends an allocation's life (free, scope exit, return).
    pub fn kill(&mut self, id: u32, state: State, end: Site) {
        let Some(a) = self.allocs.get_mut(id as usize) else {
            return;
        };
        if a.state != State::Live {
            return;
        }
        a.state = state;
        a.end = end;
        if state != State::OutOfScope {
            a.mem = None;
            self.used = self
                .used
                .saturating_sub((a.size as usize).saturating_mul(2));
        }
        if a.kind == Kind::Stack || a.kind == Kind::VaArgs {
            self.stack_bytes = self.stack_bytes.saturating_sub(a.size);
        }
    }

    /// Brings a block-scoped local back to life on re-entry, uninitialised.
    pub fn revive(&mut self, id: u32) -> bool {
        let Some(a) = self.allocs.get_mut(id as usize) else {
            return false;
        };
        if a.state != State::OutOfScope {
            return a.state == State::Live;
        }
        let Some(m) = a.mem.as_mut() else {
            return false;
        };
        a.state = State::Live;
        m.init.fill(0);
        m.prov.clear();
        self.stack_bytes = self.stack_bytes.saturating_add(a.size);
        true
    }

    pub fn addr_of(&self, id: u32) -> u64 {
        self.allocs.get(id as usize).map(|a| a.base).unwrap_or(0)
    }

    pub fn ptr(&self, id: u32, off: u64) -> Val {
        Val {
            bits: self.addr_of(id).wrapping_add(off),
            prov: id,
            init: true,
        }
    }

    /// Finds the allocation whose bytes (or one-past-the-end) contain
    /// `addr`, for pointers rebuilt from integers.
    pub fn lookup(&self, addr: u64) -> u32 {
        for r in &self.by_region {
            let i = r.partition_point(|&(b, _)| b <= addr);
            if i == 0 {
                continue;
            }
            let (b, id) = r[i - 1];
            if let Some(a) = self.allocs.get(id as usize)
                && addr >= b
                && addr <= b.saturating_add(a.size)
            {
                return id;
            }
        }
        0
    }

    /// The allocation and offset that an access of `size` bytes through
    /// `p` touches, or why it may not.
    #[inline]
    pub fn resolve(&self, p: Val, size: u64) -> Result<(u32, usize), MemErr> {
        let mut id = p.prov;
        if id == 0 {
            if p.bits < 4096 {
                return Err(MemErr::Null { addr: p.bits });
            }
            id = self.lookup(p.bits);
            if id == 0 {
                return Err(MemErr::Wild { addr: p.bits });
            }
        }
        let Some(a) = self.allocs.get(id as usize) else {
            return Err(MemErr::Wild { addr: p.bits });
        };
        if a.state != State::Live {
            return Err(MemErr::Dead { id });
        }
        let off = p.bits.wrapping_sub(a.base) as i64;
        if off < 0 || (off as u64).saturating_add(size) > a.size {
            return Err(MemErr::Oob { id, off });
        }
        Ok((id, off as usize))
    }

    #[inline]
    fn bytes(&self, id: u32) -> &Bytes {
        // Live allocations always have bytes; an empty one stands in otherwise.
        static EMPTY: Bytes = Bytes {
            data: Vec::new(),
            init: Vec::new(),
            prov: Vec::new(),
        };
        self.allocs
            .get(id as usize)
            .and_then(|a| a.mem.as_deref())
            .unwrap_or(&EMPTY)
    }

    #[inline]
    fn bytes_mut(&mut self, id: u32) -> Option<&mut Bytes> {
        self.allocs
            .get_mut(id as usize)
            .and_then(|a| a.mem.as_deref_mut())
    }

    /// Loads a scalar.
    #[inline]
    pub fn load(&self, p: Val, sk: Sk) -> Result<Val, MemErr> {
        let n = sk.size() as usize;
        let (id, off) = self.resolve(p, n as u64)?;
        let b = self.bytes(id);
        let (Some(src), Some(ini)) = (b.data.get(off..off + n), b.init.get(off..off + n)) else {
            return Err(MemErr::Oob {
                id,
                off: off as i64,
            });
        };
        let mut raw = [0u8; 8];
        raw[..n].copy_from_slice(src);
        let u = u64::from_le_bytes(raw);
        let init = ini.iter().all(|&x| x != 0);
        let bits = match sk {
            Sk::I8 => u as u8 as i8 as i64 as u64,
            Sk::I16 => u as u16 as i16 as i64 as u64,
            Sk::I32 => u as u32 as i32 as i64 as u64,
            Sk::F32 => (f32::from_bits(u as u32) as f64).to_bits(),
            Sk::Bool => (u & 0xff != 0) as u64,
            _ => u,
        };
        let mut prov = 0;
        if sk == Sk::Ptr && bits != 0 {
            if off % 8 == 0
                && let Some(&pv) = b.prov.get(off / 8)
            {
                prov = pv;
            }
            if prov == 0 {
                prov = self.lookup(bits);
            }
        }
        // An uninitialised value remembers where it came from.
        let prov = if init { prov } else { id };
        Ok(Val { bits, prov, init })
    }

    /// Stores a scalar.
    #[inline]
    pub fn store(&mut self, p: Val, v: Val, sk: Sk) -> Result<(), MemErr> {
        let n = sk.size() as usize;
        let (id, off) = self.resolve(p, n as u64)?;
        if self.allocs.get(id as usize).is_some_and(|a| a.readonly) {
            return Err(MemErr::ReadOnly { id });
        }
        let u = match sk {
            Sk::F32 => (f64::from_bits(v.bits) as f32).to_bits() as u64,
            _ => v.bits,
        };
        let size = self.allocs.get(id as usize).map(|a| a.size).unwrap_or(0);
        let Some(b) = self.bytes_mut(id) else {
            return Err(MemErr::Dead { id });
        };
        let raw = u.to_le_bytes();
        if let Some(dst) = b.data.get_mut(off..off + n) {
            dst.copy_from_slice(&raw[..n]);
        }
        if let Some(ini) = b.init.get_mut(off..off + n) {
            ini.fill(v.init as u8);
        }
        if sk == Sk::Ptr && off % 8 == 0 && v.prov != 0 && v.init {
            if b.prov.is_empty() {
                b.prov = vec![0; size.div_ceil(8) as usize];
            }
            if let Some(w) = b.prov.get_mut(off / 8) {
                *w = v.prov;
            }
        } else if !b.prov.is_empty() {
            for w in off / 8..=(off + n - 1) / 8 {
                if let Some(x) = b.prov.get_mut(w) {
                    *x = 0;
                }
            }
        }
        Ok(())
    }

    /// Copies bytes with their init bits and provenance (memcpy, struct
    /// assignment). Both ranges must already be checked.
    pub fn copy(&mut self, did: u32, doff: usize, sid: u32, soff: usize, n: usize) {
        if n == 0 {
            return;
        }
        let src = self.bytes(sid);
        let (Some(data), Some(init)) = (src.data.get(soff..soff + n), src.init.get(soff..soff + n))
        else {
            return;
        };
        let data = data.to_vec();
        let init = init.to_vec();
        // Provenance of whole words, when both sides share alignment.
        let mut words: Vec<(usize, u32)> = Vec::new();
        if !src.prov.is_empty() && soff % 8 == doff % 8 {
            let mut o = soff.div_ceil(8) * 8;
            while o + 8 <= soff + n {
                if let Some(&pv) = src.prov.get(o / 8)
                    && pv != 0
                {
                    words.push((o - soff + doff, pv));
                }
                o += 8;
            }
        }
        let size = self.allocs.get(did as usize).map(|a| a.size).unwrap_or(0);
        let Some(d) = self.bytes_mut(did) else { return };
        if let Some(x) = d.data.get_mut(doff..doff + n) {
            x.copy_from_slice(&data);
        }
        if let Some(x) = d.init.get_mut(doff..doff + n) {
            x.copy_from_slice(&init);
        }
        if !d.prov.is_empty() {
            for w in doff / 8..=(doff + n - 1) / 8 {
                if let Some(x) = d.prov.get_mut(w) {
                    *x = 0;
                }
            }
        }
        if !words.is_empty() {
            if d.prov.is_empty() {
                d.prov = vec![0; size.div_ceil(8) as usize];
            }
            for (o, pv) in words {
                if let Some(x) = d.prov.get_mut(o / 8) {
                    *x = pv;
                }
            }
        }
    }

    /// Writes raw bytes, marking them initialised (memset, libc output).
    pub fn write_bytes(&mut self, id: u32, off: usize, src: &[u8]) {
        let Some(d) = self.bytes_mut(id) else { return };
        let n = src.len();
        if let Some(x) = d.data.get_mut(off..off + n) {
            x.copy_from_slice(src);
        }
        if let Some(x) = d.init.get_mut(off..off + n) {
            x.fill(1);
        }
        if !d.prov.is_empty() && n > 0 {
            for w in off / 8..=(off + n - 1) / 8 {
                if let Some(x) = d.prov.get_mut(w) {
                    *x = 0;
                }
            }
        }
    }

    pub fn fill(&mut self, id: u32, off: usize, n: usize, byte: u8) {
        let Some(d) = self.bytes_mut(id) else { return };
        if let Some(x) = d.data.get_mut(off..off + n) {
            x.fill(byte);
        }
        if let Some(x) = d.init.get_mut(off..off + n) {
            x.fill(1);
        }
        if !d.prov.is_empty() && n > 0 {
            for w in off / 8..=(off + n - 1) / 8 {
                if let Some(x) = d.prov.get_mut(w) {
                    *x = 0;
                }
            }
        }
    }

    /// Bytes and init flags of a checked range.
    pub fn slice(&self, id: u32, off: usize, n: usize) -> (&[u8], &[u8]) {
        let b = self.bytes(id);
        (
            b.data.get(off..off + n).unwrap_or(&[]),
            b.init.get(off..off + n).unwrap_or(&[]),
        )
    }

    /// Everything from `off` to the end of the allocation.
    pub fn tail(&self, id: u32, off: usize) -> (&[u8], &[u8]) {
        let b = self.bytes(id);
        (
            b.data.get(off..).unwrap_or(&[]),
            b.init.get(off..).unwrap_or(&[]),
        )
    }

    /// Ids of the allocations that `id` holds pointers to (by provenance or
    /// by address, the way Valgrind scans for pointers).
    pub fn pointees(&self, id: u32, out: &mut Vec<u32>) {
        let b = self.bytes(id);
        let mut w = 0;
        while w + 8 <= b.data.len() {
            let pv = b.prov.get(w / 8).copied().unwrap_or(0);
            if pv != 0 {
                out.push(pv);
            } else {
                let mut raw = [0u8; 8];
                raw.copy_from_slice(&b.data[w..w + 8]);
                let v = u64::from_le_bytes(raw);
                if v >= REGIONS[0] && v < REGIONS[1] {
                    let t = self.lookup(v);
                    if t != 0 {
                        out.push(t);
                    }
                }
            }
            w += 8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_store_init_and_bounds() {
        let mut m = Memory::new(1 << 20);
        let a = m.alloc(8, 8, Kind::Heap, Site::default(), 0).unwrap_or(0);
        let p = m.ptr(a, 0);
        assert_eq!(m.load(p, Sk::I32).map(|v| v.init), Ok(false));
        m.store(p, Val::int(-5i64 as u64), Sk::I32).ok();
        assert_eq!(
            m.load(p, Sk::I32).map(|v| (v.bits as i64, v.init)),
            Ok((-5, true))
        );
        assert_eq!(
            m.load(m.ptr(a, 6), Sk::I32),
            Err(MemErr::Oob { id: a, off: 6 })
        );
        assert_eq!(m.load(Val::int(0), Sk::I32), Err(MemErr::Null { addr: 0 }));
        let b = m.alloc(16, 8, Kind::Stack, Site::default(), 0).unwrap_or(0);
        m.store(m.ptr(b, 8), p, Sk::Ptr).ok();
        let q = m.load(m.ptr(b, 8), Sk::Ptr).unwrap_or_default();
        assert_eq!(q.prov, a);
        let c = m.alloc(16, 8, Kind::Stack, Site::default(), 0).unwrap_or(0);
        m.copy(c, 0, b, 0, 16);
        assert_eq!(m.load(m.ptr(c, 8), Sk::Ptr).map(|v| v.prov), Ok(a));
        assert_eq!(m.load(m.ptr(c, 0), Sk::I64).map(|v| v.init), Ok(false));
        m.kill(a, State::Freed, Site::default());
        assert_eq!(m.load(p, Sk::I32), Err(MemErr::Dead { id: a }));
        assert_eq!(m.lookup(m.addr_of(b) + 3), b);
    }
}
