/// The session's open sockets: by handle and by descriptor for lookups, and in creation order for `list`,
/// `poll` and the C export.
///
/// Why not one array: every command names its socket (`@NAME`, the current handle, a handle as an address),
/// and a linear search made a script of 16,000 named sockets 35 times slower per command than one of 2,000.
/// Dictionaries make a lookup one probe; the order is an array with holes (a close leaves `nil` behind and
/// the array is compacted once half of it is holes), so a close costs the same with 20,000 sockets as with 2.
struct HandleTable {
    /// Open sockets by handle.
    private(set) var byHandle: [String: SocketEntry] = [:]
    /// Open sockets by descriptor (the prompt's watch reports descriptors).
    private(set) var byFD: [Int32: SocketEntry] = [:]
    /// Creation order; `nil` where a socket was closed.
    private var order: [SocketEntry?] = []
    /// Holes in `order`.
    private var holes = 0
    /// The socket found last by handle. Most commands name the socket the one before named (the current one),
    /// and comparing a short handle is cheaper than hashing it: a long script makes one lookup per command.
    private var recent: SocketEntry?

    /// Error messages list every handle up to this many, else the nearest few and the count.
    static let listedInFull = 8

    var count: Int { byHandle.count }

    /// The socket with this handle.
    mutating func find(_ handle: String) -> SocketEntry? {
        if let r = recent, r.handle == handle { return r }
        let e = byHandle[handle]
        if e != nil { recent = e }
        return e
    }

    /// Adds a socket at the end of the creation order.
    mutating func insert(_ e: SocketEntry) {
        e.slot = order.count
        order.append(e)
        byHandle[e.handle] = e
        byFD[e.fd] = e
    }

    /// Removes a socket (already closed or about to be).
    mutating func remove(_ e: SocketEntry) {
        guard byHandle[e.handle] === e else { return }
        if recent === e { recent = nil }
        byHandle[e.handle] = nil
        if byFD[e.fd] === e { byFD[e.fd] = nil }
        order[e.slot] = nil
        holes += 1
        if holes > 32, holes * 2 > order.count { compact() }
    }

    mutating func removeAll() {
        recent = nil
        byHandle.removeAll()
        byFD.removeAll()
        order.removeAll()
        holes = 0
    }

    /// Closes the holes, keeping the order.
    private mutating func compact() {
        var kept: [SocketEntry?] = []
        kept.reserveCapacity(byHandle.count)
        for case let e? in order {
            e.slot = kept.count
            kept.append(e)
        }
        order = kept
        holes = 0
    }

    /// Calls `body` on each open socket in creation order, without copying the list.
    func forEach(_ body: (SocketEntry) throws -> Void) rethrows {
        for case let e? in order { try body(e) }
    }

    /// The open sockets in creation order.
    var ordered: [SocketEntry] {
        var out: [SocketEntry] = []
        out.reserveCapacity(count)
        for case let e? in order { out.append(e) }
        return out
    }

    /// The `limit` handles nearest to `name` by edit distance (ties in creation order), for an error message
    /// that cannot list 20,000 handles.
    func nearest(to name: String, limit: Int = 3) -> [String] {
        let key = String(name.prefix(40))
        let keyLength = key.utf8.count
        var best: [(distance: Int, slot: Int, handle: String)] = []
        forEach { e in
            let bound = best.count == limit ? best[limit - 1].distance : Int.max
            // The distance is at least the difference in length: most handles are skipped without computing it.
            guard abs(e.handle.utf8.count - keyLength) < bound else { return }
            let d = Session.editDistance(e.handle, key)
            guard d < bound else { return }
            best.append((d, e.slot, e.handle))
            best.sort { ($0.distance, $0.slot) < ($1.distance, $1.slot) }
            if best.count > limit { best.removeLast() }
        }
        return best.map(\.handle)
    }
}
