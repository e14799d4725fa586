// The lab lessons replayed from inside the private namespace of SPEC §6 (lo multicast on, 224.0.0.0/4 via lo),
// which is how an outside check replays every example at once. The lab's hosts have their own namespaces and
// routes, so what the shell's own namespace routes must not change a word of a lab lesson.

import Testing

@Suite("Lab lessons replay inside the private namespace of the lessons", .serialized)
struct LabInNamespaceTests {
    @Test("the routed multicast lesson replays green where the shell's own namespace routes groups through lo")
    func labMulticastInNamespace() throws {
        guard case .available(let flags) = PrivateNetwork.probe else {
            print("SKIPPED: no private network namespace can be made here")
            return
        }
        let path = Examples.directory + "/lab-multicast.transcript"
        let script = PrivateNetwork.setup + " && exec \"$0\" --check \"$1\""
        let result = try runSubprocess("unshare", flags + ["sh", "-c", script, try sockshellBinary(), path],
                                       timeout: 120)
        // Before the fix, IP_MULTICAST_LOOP off and IP_MULTICAST_TTL 0 on host a drew the "on lo this changes
        // nothing" notes: the route was read from the shell's namespace, not the socket's.
        #expect(result.status == 0, "lab-multicast in a namespace: \(result.summary)")
        #expect(!result.stdout.contains("on lo this changes nothing"), "\(result.summary)")
    }
}
