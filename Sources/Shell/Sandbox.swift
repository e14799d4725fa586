import SocketCore

/// What a sandboxed session (the fuzzers') refuses before a call is made.
///
/// Why: a fuzzer types anything. Inside its private network namespace packets cannot leave the machine, but the
/// file system and the host's name service are shared: an AF_UNIX path would create a socket file (bind) or
/// reach a daemon of the host (connect, sendto), and a host name would go to the host's resolver. Abstract
/// AF_UNIX names (`unix:@name`, or a leading NUL byte) live in the network namespace and stay allowed.
extension Session {
    /// Throws when `text`, an address word, names a file or needs a name lookup and the session is sandboxed.
    func refuseInSandbox(_ text: String, usage: String) throws(InputError) {
        guard settings.sandboxed else { return }
        if let path = Session.unixPath(text) {
            if path.isEmpty || path.hasPrefix("@") || path.utf8.first == 0 { return }
            throw InputError("sandboxed session: AF_UNIX path '\(path.prefix(60))' refused (it would create or reach "
                                 + "a file); use an abstract name such as unix:@name", usage: usage)
        }
        guard let host = Session.hostPart(text) else { return }
        if host.isEmpty || host == "*" || SocketAddress.parseIPv4(host) != nil { return }
        let bare = host.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        if let b = bare, SocketAddress.parseIPv6(b) != nil { return }
        throw InputError("sandboxed session: host name '\(host.prefix(60))' refused (no name lookups); give a "
                             + "numeric address", usage: usage)
    }

    /// The path of an AF_UNIX address word (`/path`, `./path`, `unix:...`), nil for any other word.
    static func unixPath(_ text: String) -> String? {
        if text.hasPrefix("unix:") { return String(text.dropFirst(5)) }
        if text.hasPrefix("/") || text.hasPrefix("./") { return text }
        return nil
    }

    /// The host of `HOST:PORT` or `[HOST]:PORT` as SocketAddress.parse splits it; nil when the word is malformed
    /// (parse then fails without a lookup).
    static func hostPart(_ text: String) -> String? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = text[..<colon]
        return host.contains(":") ? nil : String(host)
    }
}
