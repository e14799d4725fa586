// The limited broadcast 255.255.255.255 in the private namespace of SPEC §6 (no default route): the ENETUNREACH
// note's advice must be one that works when followed. Serialized: it makes a namespace.

import Testing

@Suite("Limited broadcast without a route", .serialized)
struct BroadcastRouteTests {
    @Test("ENETUNREACH on 255.255.255.255: the note's remedy (bind to an address of lo) works when followed")
    func remedyWorks() throws {
        let script = """
            socket udp as a
            setopt SO_BROADCAST on
            setopt IP_MULTICAST_IF 127.0.0.1
            sendto 255.255.255.255:9 x
            socket udp as b
            setopt SO_BROADCAST on
            bind 127.0.0.1:0
            sendto 255.255.255.255:9 y
            """
        guard let (r, lines) = try NamespaceRunner.run(script, test: "broadcast remedy") else { return }
        #expect(r.status == 0, "\(r.summary)")
        expectInOrder(lines, [
            "sendto(3, \"x\", 1, 0, {AF_INET, 255.255.255.255:9}, 16) = -1 ENETUNREACH (Network is unreachable)",
            "sendto(4, \"y\", 1, 0, {AF_INET, 255.255.255.255:9}, 16) = 1",
        ])
        let note = lines.first { $0.contains("note: ENETUNREACH: 255.255.255.255") } ?? ""
        #expect(note.contains("`bind 127.0.0.1:0`"), "the note should say to bind first: \(note)")
        // Before the fix it said "or pick the interface with IP_MULTICAST_IF", which still fails (the first send).
        #expect(!note.contains("pick the interface with IP_MULTICAST_IF"), "\(note)")
    }
}
