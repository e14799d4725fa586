import SocketCore

/// Tab completion computed from the command and option tables (and the session's handles).
///
/// Pure: (text before the cursor, session state) -> candidate words for the last word.
extension Session {
    /// Candidates that complete the last (partial) word of `line`.
    public func completions(_ line: String) -> [String] {
        // Only the command after the last unquoted ';' matters.
        let command = line.split(separator: ";", omittingEmptySubsequences: false).last.map(String.init) ?? line
        var words = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let endsWithSpace = command.last == " " || command.isEmpty
        let partial = endsWithSpace ? "" : (words.popLast() ?? "")
        if partial.hasPrefix("@") {
            return filter(handles.map { "@" + $0 }, partial)
        }
        if words.first?.hasPrefix("@") == true { words.removeFirst() }
        guard let name = words.first?.lowercased() else {
            return filter(CommandTable.all.map(\.name), partial)
        }
        guard let spec = CommandTable.spec(name) else { return [] }
        let position = words.count  // 1 = first argument
        var pool: [String] = []
        let family = current.flatMap { entry($0)?.socket.family }
        for kind in spec.args {
            switch kind {
            case .keywords(let k): pool += k
            case .address: if position == 1 { pool += handles }
            case .handle: if position == 1 { pool += handles }
            case .option:
                // The option is the first argument, or the third after `explain --lang ko`.
                let optionPosition = name == "explain" && words.count >= 2 && words[1] == "--lang" ? 3 : 1
                if position == optionPosition { pool += optionNames(partial, family: family) }
            case .optionValue:
                // Only the first value word is offered: the words completion knows (on/off, lo, a congestion
                // control) are each a whole value, and after `on` SO_LINGER wants seconds.
                if position == 2, let spec = OptionCatalog.lookup(words[1], family: family) {
                    pool += valueWords(spec)
                }
            case .command: pool += CommandTable.all.map(\.name)
            case .interface: if position == 2 { pool += ["lo", "127.0.0.1"] }
            case .group: if position == 1 { pool += ["239.1.1.1", "224.0.0.1"] }
            case .size, .duration, .data: break
            }
        }
        if name == "explain", words.last == "--lang" { pool = ["ko", "en"] }
        if name == "setopt", position >= 2 { pool = pool.filter { !OptionCatalog.all.map(\.name).contains($0) } }
        return filter(pool, partial)
    }

    /// Option names in the case and prefix style the user started typing.
    func optionNames(_ partial: String, family: Int32?) -> [String] {
        let lowerTyped = partial.first.map { $0.isLowercase } ?? false
        let withPrefix =
            partial.isEmpty || OptionCatalog.all.contains { $0.name.lowercased().hasPrefix(partial.lowercased()) }
        return OptionCatalog.all.map { spec in
            let n = withPrefix ? spec.name : spec.shortName.uppercased()
            return lowerTyped ? n.lowercased() : n
        }
    }

    func valueWords(_ spec: OptionSpec) -> [String] { spec.codec.completions }

    /// Case-insensitive prefix match, without duplicates.
    func filter(_ pool: [String], _ partial: String) -> [String] {
        let p = partial.lowercased()
        var seen = Set<String>()
        return pool.filter { $0.lowercased().hasPrefix(p) && seen.insert($0).inserted }
    }
}
