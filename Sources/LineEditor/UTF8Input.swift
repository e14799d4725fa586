/// Bytes read from the terminal, handed out one Unicode scalar at a time.
///
/// libedit's custom read function must return whole wide characters, so the bytes of one
/// read(2) are kept here and decoded as UTF-8: an incomplete sequence waits for more bytes,
/// an invalid byte is dropped (as libedit's own reader does).
struct UTF8Input {
    private var bytes: [UInt8] = []
    private var next = 0

    /// True when no byte is waiting.
    var isEmpty: Bool { next >= bytes.count }

    /// Adds freshly read bytes.
    mutating func append(_ more: UnsafeBufferPointer<UInt8>) {
        if next > 0 && next >= bytes.count {
            bytes.removeAll(keepingCapacity: true)
            next = 0
        }
        bytes.append(contentsOf: more)
    }

    /// Drops everything waiting (the line was abandoned).
    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        next = 0
    }

    /// The next complete scalar, or nil when the bytes left (if any) are an unfinished sequence.
    mutating func nextScalar() -> Unicode.Scalar? {
        while next < bytes.count {
            let lead = bytes[next]
            let length: Int
            switch lead {
            case 0x00..<0x80: next += 1; return Unicode.Scalar(lead)
            case 0xC2..<0xE0: length = 2
            case 0xE0..<0xF0: length = 3
            case 0xF0..<0xF5: length = 4
            default: next += 1; continue
            }
            var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
            var index = 1
            while index < length {
                guard next + index < bytes.count else { return nil }
                let byte = bytes[next + index]
                guard byte & 0xC0 == 0x80 else { break }
                value = value << 6 | UInt32(byte & 0x3F)
                index += 1
            }
            guard index == length, let scalar = Unicode.Scalar(value), value >= minimum(length) else {
                next += 1
                continue
            }
            next += length
            return scalar
        }
        return nil
    }

    private func minimum(_ length: Int) -> UInt32 {
        switch length {
        case 2: return 0x80
        case 3: return 0x800
        default: return 0x10000
        }
    }
}
