extension String {
    /// `lowercased()` for the ASCII words of commands, options and switches: the string itself when it has no
    /// upper-case letter, else one small copy. Other text falls back to `lowercased()`.
    ///
    /// Why: every command folds its name and words to lower case; Unicode-aware `lowercased()` cost more than
    /// the whole tokenizer on a long script.
    public func lowercasedASCII() -> String {
        var copy = self
        let folded: String?? = copy.withUTF8 { u -> String?? in
            var upper = false
            for b in u {
                if b >= 0x80 { return .some(nil) }
                if b &- 65 < 26 { upper = true }
            }
            guard upper else { return nil }
            return String(unsafeUninitializedCapacity: u.count) { out in
                for i in 0..<u.count { out[i] = u[i] &- 65 < 26 ? u[i] | 0x20 : u[i] }
                return u.count
            }
        }
        switch folded {
        case .none: return self
        case .some(.none): return lowercased()
        case .some(.some(let s)): return s
        }
    }
}
