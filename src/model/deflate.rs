//! Raw deflate (RFC 1951), small enough to ship in the page: a compressor that writes one
//! block of fixed Huffman codes, and an inflater for any deflate stream that stops at a limit.

/// Why deflate data cannot be unpacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// It unpacks to more than the limit; unpacking stopped there.
    TooLarge,
    /// It stops before its last block ends.
    Truncated,
    /// It is not deflate data: a block type, a code or a distance that cannot be.
    Damaged,
}

/// The first match length of each length code (257–285), and its extra bits.
const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// The first distance of each distance code (0–29), and its extra bits.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order in which a dynamic block gives the code lengths of its code-length code.
const CLEN_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

const WINDOW: usize = 32 * 1024;
const MAX_MATCH: usize = 258;
const HASH_BITS: u32 = 14;
/// How many earlier places with the same three bytes are tried for a match.
const CHAIN: usize = 256;

struct BitWriter {
    out: Vec<u8>,
    acc: u32,
    count: u32,
}

impl BitWriter {
    /// Writes the low `n` bits of `value`, first bit first (deflate's order for everything
    /// but Huffman codes).
    fn put(&mut self, value: u32, n: u32) {
        self.acc |= value << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// Writes a Huffman code of `len` bits, its most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        self.put(code.reverse_bits() >> (32 - len), len);
    }

    /// A literal byte or an end or length symbol (0–285) in the fixed code.
    fn symbol(&mut self, sym: u32) {
        match sym {
            0..=143 => self.code(0x30 + sym, 8),
            144..=255 => self.code(0x190 + sym - 144, 9),
            256..=279 => self.code(sym - 256, 7),
            _ => self.code(0xC0 + sym - 280, 8),
        }
    }

    fn pair(&mut self, len: usize, dist: usize) {
        let l = LEN_BASE
            .iter()
            .rposition(|&b| usize::from(b) <= len)
            .unwrap_or(0);
        self.symbol(257 + l as u32);
        self.put(
            (len - usize::from(LEN_BASE[l])) as u32,
            u32::from(LEN_EXTRA[l]),
        );
        let d = DIST_BASE
            .iter()
            .rposition(|&b| usize::from(b) <= dist)
            .unwrap_or(0);
        self.code(d as u32, 5);
        self.put(
            (dist - usize::from(DIST_BASE[d])) as u32,
            u32::from(DIST_EXTRA[d]),
        );
    }
}

fn hash(data: &[u8], at: usize) -> usize {
    let v = u32::from(data[at]) | (u32::from(data[at + 1]) << 8) | (u32::from(data[at + 2]) << 16);
    (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// Finds earlier copies of the bytes at `at`, remembering where each run of three began.
struct Matcher<'a> {
    data: &'a [u8],
    head: Vec<usize>,
    prev: Vec<usize>,
    next: usize,
}

impl Matcher<'_> {
    /// Records every place before `upto` in the chains.
    fn insert_to(&mut self, upto: usize) {
        while self.next < upto && self.next + 3 <= self.data.len() {
            let h = hash(self.data, self.next);
            self.prev[self.next] = self.head[h];
            self.head[h] = self.next;
            self.next += 1;
        }
        self.next = self.next.max(upto);
    }

    /// The longest earlier copy of the bytes at `at`, as (length, distance).
    fn longest(&mut self, at: usize) -> (usize, usize) {
        self.insert_to(at);
        if at + 3 > self.data.len() {
            return (0, 0);
        }
        let most = (self.data.len() - at).min(MAX_MATCH);
        let (mut best, mut dist) = (0, 0);
        let mut cand = self.head[hash(self.data, at)];
        for _ in 0..CHAIN {
            if cand == usize::MAX || at - cand > WINDOW {
                break;
            }
            let len = self.data[cand..]
                .iter()
                .zip(&self.data[at..at + most])
                .take_while(|(a, b)| a == b)
                .count();
            if len > best {
                (best, dist) = (len, at - cand);
                if len == most {
                    break;
                }
            }
            cand = self.prev[cand];
        }
        (best, dist)
    }
}

/// `data` as one raw deflate block of fixed Huffman codes.
///
/// # Formula
/// Each place takes the longest earlier copy within 32 KB (three bytes or more, up to 258),
/// unless the next place has a longer one; anything else is a literal byte.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut w = BitWriter {
        out: Vec::with_capacity(data.len() / 2 + 16),
        acc: 0,
        count: 0,
    };
    // The last block (1), of fixed codes (01).
    w.put(0b011, 3);
    let mut m = Matcher {
        data,
        head: vec![usize::MAX; 1 << HASH_BITS],
        prev: vec![usize::MAX; data.len()],
        next: 0,
    };
    let mut at = 0;
    let mut found = m.longest(0);
    while at < data.len() {
        let (len, dist) = found;
        if len >= 3 {
            let later = m.longest(at + 1);
            if later.0 > len {
                w.symbol(u32::from(data[at]));
                at += 1;
                found = later;
                continue;
            }
            w.pair(len, dist);
            at += len;
        } else {
            w.symbol(u32::from(data[at]));
            at += 1;
        }
        found = m.longest(at);
    }
    w.symbol(256);
    // Zeros to the end of the last byte.
    w.put(0, 7);
    w.out
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; 16],
    symbol: Vec<u16>,
}

impl Huffman {
    /// # Errors
    /// [`InflateError::Damaged`] when the lengths give more codes than bits can tell apart.
    fn new(lengths: &[u8]) -> Result<Huffman, InflateError> {
        let mut count = [0u16; 16];
        for &l in lengths {
            count[usize::from(l)] += 1;
        }
        count[0] = 0;
        let mut left: i32 = 1;
        for &c in &count[1..] {
            left = (left << 1) - i32::from(c);
            if left < 0 {
                return Err(InflateError::Damaged);
            }
        }
        let mut offset = [0u16; 16];
        for len in 1..15 {
            offset[len + 1] = offset[len] + count[len];
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbol[usize::from(offset[usize::from(l)])] = sym as u16;
                offset[usize::from(l)] += 1;
            }
        }
        Ok(Huffman { count, symbol })
    }
}

struct Inflater<'a> {
    input: &'a [u8],
    pos: usize,
    acc: u32,
    count: u32,
    out: Vec<u8>,
    limit: usize,
}

impl Inflater<'_> {
    fn bits(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.count < n {
            let b = *self.input.get(self.pos).ok_or(InflateError::Truncated)?;
            self.pos += 1;
            self.acc |= u32::from(b) << self.count;
            self.count += 8;
        }
        let v = self.acc & ((1u32 << n) - 1);
        self.acc >>= n;
        self.count -= n;
        Ok(v)
    }

    fn decode(&mut self, h: &Huffman) -> Result<usize, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &h.count[1..] {
            code |= self.bits(1)? as i32;
            let count = i32::from(count);
            if code - count < first {
                return Ok(usize::from(h.symbol[(index + code - first) as usize]));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Damaged)
    }

    fn push(&mut self, byte: u8) -> Result<(), InflateError> {
        if self.out.len() >= self.limit {
            return Err(InflateError::TooLarge);
        }
        self.out.push(byte);
        Ok(())
    }

    fn stored(&mut self) -> Result<(), InflateError> {
        self.acc = 0;
        self.count = 0;
        let head = self
            .input
            .get(self.pos..self.pos + 4)
            .ok_or(InflateError::Truncated)?;
        let len = u16::from_le_bytes([head[0], head[1]]);
        if len != !u16::from_le_bytes([head[2], head[3]]) {
            return Err(InflateError::Damaged);
        }
        self.pos += 4;
        for _ in 0..len {
            let b = *self.input.get(self.pos).ok_or(InflateError::Truncated)?;
            self.pos += 1;
            self.push(b)?;
        }
        Ok(())
    }

    fn codes(&mut self, lit: &Huffman, dist: &Huffman) -> Result<(), InflateError> {
        loop {
            let sym = self.decode(lit)?;
            match sym {
                0..=255 => self.push(sym as u8)?,
                256 => return Ok(()),
                _ => {
                    let l = sym - 257;
                    if l >= LEN_BASE.len() {
                        return Err(InflateError::Damaged);
                    }
                    let len =
                        usize::from(LEN_BASE[l]) + self.bits(u32::from(LEN_EXTRA[l]))? as usize;
                    let d = self.decode(dist)?;
                    if d >= DIST_BASE.len() {
                        return Err(InflateError::Damaged);
                    }
                    let back =
                        usize::from(DIST_BASE[d]) + self.bits(u32::from(DIST_EXTRA[d]))? as usize;
                    if back > self.out.len() {
                        return Err(InflateError::Damaged);
                    }
                    for _ in 0..len {
                        self.push(self.out[self.out.len() - back])?;
                    }
                }
            }
        }
    }

    fn dynamic(&mut self) -> Result<(Huffman, Huffman), InflateError> {
        let nlen = self.bits(5)? as usize + 257;
        let ndist = self.bits(5)? as usize + 1;
        let ncode = self.bits(4)? as usize + 4;
        if nlen > 286 || ndist > 30 {
            return Err(InflateError::Damaged);
        }
        let mut clen = [0u8; 19];
        for &i in &CLEN_ORDER[..ncode] {
            clen[i] = self.bits(3)? as u8;
        }
        let code = Huffman::new(&clen)?;
        let mut lengths = vec![0u8; nlen + ndist];
        let mut i = 0;
        while i < lengths.len() {
            let sym = self.decode(&code)?;
            let (value, times) = match sym {
                0..=15 => (sym as u8, 1),
                16 => {
                    let last = *lengths[..i].last().ok_or(InflateError::Damaged)?;
                    (last, 3 + self.bits(2)? as usize)
                }
                17 => (0, 3 + self.bits(3)? as usize),
                _ => (0, 11 + self.bits(7)? as usize),
            };
            let run = lengths.get_mut(i..i + times).ok_or(InflateError::Damaged)?;
            run.fill(value);
            i += times;
        }
        if lengths[256] == 0 {
            return Err(InflateError::Damaged);
        }
        Ok((
            Huffman::new(&lengths[..nlen])?,
            Huffman::new(&lengths[nlen..])?,
        ))
    }
}

/// Raw deflate `data` (any of the three block types) back to its bytes, at most `limit` of
/// them: unpacking stops at the limit, so no more than `limit` bytes are ever held.
///
/// # Errors
/// [`InflateError::TooLarge`] past `limit`, [`InflateError::Truncated`] when the data ends
/// before its last block does, [`InflateError::Damaged`] when it is not deflate data.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut s = Inflater {
        input: data,
        pos: 0,
        acc: 0,
        count: 0,
        out: Vec::with_capacity((data.len() * 4).min(limit)),
        limit,
    };
    loop {
        let last = s.bits(1)? == 1;
        match s.bits(2)? {
            0 => s.stored()?,
            1 => {
                let mut lengths = [8u8; 288];
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                let lit = Huffman::new(&lengths)?;
                let dist = Huffman::new(&[5u8; 30])?;
                s.codes(&lit, &dist)?;
            }
            2 => {
                let (lit, dist) = s.dynamic()?;
                s.codes(&lit, &dist)?;
            }
            _ => return Err(InflateError::Damaged),
        }
        if last {
            return Ok(s.out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_made_by_zlib_inflate_dynamic_and_stored_blocks() {
        // Python's zlib at level 9, raw deflate (wbits −15): 2,696 bytes of words packed into
        // 574, in a block with its own Huffman codes (its first three bits, 101, say final
        // block, type 2).
        let packed = include_bytes!("../../tests/fixtures/zlib-dynamic.deflate");
        let text = include_bytes!("../../tests/fixtures/zlib-dynamic.txt");
        assert_eq!(
            (packed.len(), packed[0] & 7, text.len()),
            (574, 0b101, 2_696)
        );
        assert_eq!(inflate(packed, usize::MAX).unwrap(), text);
        assert!(inflate(packed, 2_695).is_err(), "one byte under the limit");
        // Level 0: a stored block, 01 then the length 15 (0x000f) and its complement.
        let stored = [
            0x01, 0x0f, 0x00, 0xf0, 0xff, b's', b't', b'o', b'r', b'e', b'd', b' ', b'a', b's',
            b' ', b'i', b't', b' ', b'i', b's',
        ];
        assert_eq!(inflate(&stored, usize::MAX).unwrap(), b"stored as it is");
    }

    #[test]
    fn small_inputs_round_trip() {
        for text in [
            &b""[..],
            b"a",
            b"ab",
            b"abcabcabcabcabcabc",
            &[0u8; 1000],
            &[255u8; 70000],
        ] {
            assert_eq!(inflate(&deflate(text), usize::MAX).unwrap(), text);
        }
        let mixed: Vec<u8> = (0..50_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 % 7 + b'a')
            .collect();
        assert_eq!(inflate(&deflate(&mixed), usize::MAX).unwrap(), mixed);
    }

    #[test]
    fn the_empty_input_is_one_end_symbol() {
        // Header 1 + 01, end symbol 0000000: ten bits, 0x03 0x00.
        assert_eq!(deflate(b""), vec![0x03, 0x00]);
    }

    #[test]
    fn a_repeat_is_a_literal_and_one_copy() {
        // "aaaaaaaaaa": the literal "a", then a copy of 9 bytes from 1 back. Bits: header
        // 011, 'a' = 0x30 + 0x61 = 0x91 in 8 bits, length 9 = symbol 263 = 0000111 in 7
        // bits, distance 1 = code 0 in 5 bits, end 0000000; Huffman codes go in from their
        // top bit, bytes fill from their bottom bit.
        let packed = deflate(b"aaaaaaaaaa");
        assert_eq!(packed, vec![0x4B, 0x84, 0x03, 0x00]);
        assert_eq!(inflate(&packed, 100).unwrap(), b"aaaaaaaaaa");
    }

    #[test]
    fn damaged_streams_are_refused_without_a_panic() {
        // A valid stream with each of its bytes changed in turn, and cut at every length:
        // each must unpack or be refused, never panic or pass the limit.
        let good = deflate(br#"{"schema_version":2,"name":"x","users":{"now":1000}}"#);
        let mut x = 0x2545_F491_u32;
        for i in 0..good.len() {
            for _ in 0..64 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let mut bad = good.clone();
                bad[i] ^= (x as u8) | 1;
                if let Ok(out) = inflate(&bad, 200) {
                    assert!(out.len() <= 200);
                }
            }
            assert!(inflate(&good[..i], 200).is_err(), "cut at {i}");
        }
    }

    #[test]
    fn a_stored_block_and_the_limit() {
        // A stored last block of "hi": header 001, then LEN 2, NLEN !2, the bytes.
        let stored = [0x01, 0x02, 0x00, 0xFD, 0xFF, b'h', b'i'];
        assert_eq!(inflate(&stored, 2).unwrap(), b"hi");
        assert_eq!(inflate(&stored, 1), Err(InflateError::TooLarge));
        assert_eq!(inflate(&stored[..6], 9), Err(InflateError::Truncated));
        // Block type 11 is reserved.
        assert_eq!(inflate(&[0x07], 9), Err(InflateError::Damaged));
    }
}
