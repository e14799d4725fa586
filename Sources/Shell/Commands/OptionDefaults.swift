import SocketCore

/// `getopt` without OPTION: which values differ from the kernel's default for this kind of socket.
///
/// Why read a fresh socket rather than keep a table of defaults: the defaults come from sysctls (buffer sizes,
/// TTL, keepalive timing) that differ between machines, namespaces and lab hosts, and change at run time; a
/// socket opened now, of the same family, type and protocol, in the same namespace, holds exactly the defaults
/// that apply.
extension Session {
    /// Adds a DEFAULT column to the option table when some value differs from a fresh socket's, giving the
    /// default in the rows that differ. Read-only options (SO_TYPE, SO_ERROR, SO_ACCEPTCONN, TCP_INFO) are
    /// state, not settings, and are not compared. The table is unchanged when nothing differs.
    func markDefaults(_ s: Socket, _ rows: [[Line]]) -> Table {
        let headers = ["OPTION", "LEVEL", "VALUE"]
        let fresh: Table? = network.withCurrentHost {
            let (f, r) = Socket.open(family: s.family, type: s.type, proto: s.proto)
            guard r.error == nil, let f else { return nil }
            defer { _ = f.close() }
            return freshTable(f)
        }
        guard let fresh else { return Table(headers: headers, rows: rows) }
        var defaults: [String: Line] = [:]
        for row in fresh.rows { defaults[row[0].plain] = row[2] }
        var marked = false
        var out: [[Line]] = []
        for row in rows {
            let name = row[0].plain
            let readOnly = OptionCatalog.lookup(name)?.readOnly ?? true
            if !readOnly, let d = defaults[name], d.plain != row[2].plain {
                out.append(row + [d])
                marked = true
            } else {
                out.append(row + [""])
            }
        }
        return marked ? Table(headers: headers + ["DEFAULT"], rows: out) : Table(headers: headers, rows: rows)
    }

    /// The option table of the fresh socket, read as `optionTable` reads it (without marks).
    private func freshTable(_ f: Socket) -> Table {
        var rows: [[Line]] = []
        for spec in OptionCatalog.applicable(family: f.family, type: f.type) where !spec.readOnly {
            let (r, bytes) = f.getOption(level: spec.level, name: spec.number, capacity: spec.readCapacity)
            guard r.error == nil else { continue }
            var value = bytes.withUnsafeBytes { describe(decode($0, kind: spec.kind), kind: spec.kind) }
            if case .text(let t) = value.pieces.first, t.hasPrefix("["), t.hasSuffix("]"), value.pieces.count == 1 {
                value = Line(String(t.dropFirst().dropLast()))
            }
            rows.append([Line(spec.name), Line(Platform.levelName(spec.level)), value])
        }
        return Table(headers: ["OPTION", "LEVEL", "VALUE"], rows: rows)
    }

    /// What the DEFAULT column means.
    func defaultsNote(_ s: Socket) -> Line {
        "DEFAULT: the value a new socket(\(Platform.familyName(s.family)), \(Platform.typeName(s.type)), "
            + "\(Platform.protocolName(s.proto))) reads now, shown where this socket differs (set by setopt, "
            + "inherited from a listener, or changed by the kernel itself: TCP_MAXSEG and the buffers of a connection)"
    }
}
