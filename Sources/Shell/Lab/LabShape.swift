import SocketCore

/// The two labs of SPEC §7 and how each is wired: hosts, their interfaces, addresses and links.
///
/// Why data: building the lab, `lab`, name resolution, faults and the wire view's capture points all read the
/// same plan, so an address is written once.
public enum LabShape: String, Sendable, CaseIterable {
    /// Hosts a and b on one link (`--lab`).
    case oneLink = "--lab"
    /// a — r — b: two links joined by router r, forwarding on (`--lab-routed`).
    case routed = "--lab-routed"

    /// The comment line a transcript recorded in this lab carries (SPEC §5, §7): `--check` reads it back.
    public var header: String { "lab: \(rawValue)" }

    /// The shape named by a transcript's header comment (`# lab: --lab`), looking only at the comment lines
    /// before its first command.
    public static func fromHeader(_ text: Substring) -> LabShape? {
        // Over the bytes, a line at a time: splitting the whole head (64 KiB of a long script) into Substrings of
        // Characters cost more than the first thousand commands of the script.
        var found: LabShape?
        // Only comments and "> " lines can decide: the others are passed over unread.
        HeaderLines.each(text, startingWith: (UInt8(ascii: "#"), UInt8(ascii: ">"))) { line in
            readHeader(line, into: &found)
        }
        return found
    }

    /// One trimmed line of a header for `fromHeader`: sets `found` from a `# lab:` comment; false once the search
    /// is over (that comment, or the first command).
    static func readHeader(_ line: ArraySlice<UInt8>, into found: inout LabShape?) -> Bool {
        if line.first == UInt8(ascii: ">") { return false }
        guard line.first == UInt8(ascii: "#") else { return true }
        var rest = HeaderLines.trimmed(line.dropFirst())
        guard rest.starts(with: "lab:".utf8) else { return true }
        rest = HeaderLines.trimmed(rest.dropFirst(4))
        found = LabShape(rawValue: String(decoding: rest, as: UTF8.self))
        return false
    }

    /// The plan of this lab.
    var plan: LabPlan {
        switch self {
        case .oneLink:
            return LabPlan(
                hosts: [
                    .init(name: "a", interfaces: [.init(name: "eth0", link: "a-b", v4: [198, 18, 0, 1], v6: v6(0, 1))]),
                    .init(name: "b", interfaces: [.init(name: "eth0", link: "a-b", v4: [198, 18, 0, 2], v6: v6(0, 2))]),
                ],
                router: nil)
        case .routed:
            return LabPlan(
                hosts: [
                    .init(name: "a", interfaces: [.init(name: "eth0", link: "a-r", v4: [198, 18, 1, 1], v6: v6(1, 1))]),
                    .init(name: "r", interfaces: [
                        .init(name: "eth0", link: "a-r", v4: [198, 18, 1, 254], v6: v6(1, 0xfe)),
                        .init(name: "eth1", link: "r-b", v4: [198, 18, 2, 254], v6: v6(2, 0xfe)),
                    ]),
                    .init(name: "b", interfaces: [.init(name: "eth0", link: "r-b", v4: [198, 18, 2, 1], v6: v6(2, 1))]),
                ],
                router: "r")
        }
    }

    /// fd00:5c:SUBNET::HOST.
    private func v6(_ subnet: UInt8, _ host: UInt8) -> [UInt8] {
        [0xfd, 0x00, 0x00, 0x5c, 0x00, subnet] + [UInt8](repeating: 0, count: 9) + [host]
    }
}

/// Hosts and interfaces of a lab.
struct LabPlan {
    struct Interface {
        let name: String
        /// The link it belongs to ("a-b"); the two interfaces of a link share it.
        let link: String
        let v4: [UInt8]
        let v6: [UInt8]
    }

    struct Host {
        let name: String
        let interfaces: [Interface]
    }

    let hosts: [Host]
    /// The host that forwards (routed lab).
    let router: String?

    /// Link names in order of first appearance.
    var links: [String] {
        var seen: [String] = []
        for h in hosts { for i in h.interfaces where !seen.contains(i.link) { seen.append(i.link) } }
        return seen
    }

    /// The (host, interface) ends of a link.
    func ends(of link: String) -> [(host: String, interface: Interface)] {
        hosts.flatMap { h in h.interfaces.filter { $0.link == link }.map { (h.name, $0) } }
    }
}
