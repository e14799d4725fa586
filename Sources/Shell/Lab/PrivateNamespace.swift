import CSocketShims
import Glibc
import SocketCore

/// The private network namespace a transcript marked `# needs: netns` runs in (SPEC §6), made by the shell itself.
///
/// Why the shell makes it: a lesson that sends multicast or broadcast, or turns the wire on, must never run in the
/// host's own namespace, and a student (or a script) who types `sockshell --check examples/multicast.transcript`
/// should not have to know the `unshare` incantation. The namespace is the lab's kind (LabSystem): made with
/// unshare(CLONE_NEWNET) as root, or inside an unprivileged user namespace without root; held only by an fd, so it
/// dies with the shell; set up exactly as SPEC §6 says.
public enum PrivateNamespace {
    /// The comment, before a transcript's first command, that marks it (`# needs: netns`; by custom its first line).
    public static let header = "needs: netns"

    /// SPEC §6's set-up, as one `ip -batch`: lo up, multicast on lo, the multicast range routed out of lo.
    static let setup = "link set lo up\nlink set lo multicast on\nroute add 224.0.0.0/4 dev lo src 127.0.0.1\n"

    /// Whether a transcript or script carries `# needs: netns` among the comment lines before its first command.
    public static func isNeeded(byHeader text: Substring) -> Bool {
        var needed = false
        HeaderLines.each(text) { line in
            if line.isEmpty { return true }
            guard line.first == UInt8(ascii: "#") else { return false }  // the first command: the header is over
            needed = HeaderLines.trimmed(line.dropFirst()).elementsEqual(header.utf8)
            return !needed
        }
        return needed
    }

    /// True when the shell's network namespace has no interface but lo, so nothing sent can leave the machine:
    /// a namespace made with `unshare -n` (the tests' way, SPEC §6), or one the shell made. The host's own
    /// namespace has at least one more.
    public static var currentIsPrivate: Bool {
        guard let list = Sys.if_nameindex() else { return false }
        return list.allSatisfy { $0.name == "lo" }
    }

    /// Makes sure private namespaces can be made later: nothing to do as root; without root the shell enters an
    /// unprivileged user namespace (as `--lab` does), which needs a single thread: call it before anything else.
    /// `who` names the file at the head of an error.
    public static func prepare(for who: String) throws(LabError) {
        _ = try LabSystem.homeNamespace(for: who)
        _ = try LabSystem.toolPath("ip", for: who)
    }

    /// Moves the shell (its calling thread) into a fresh network namespace set up as SPEC §6 says. Sockets made
    /// from now on live there; `leave()` returns to where the shell was, and the namespace is freed once its last
    /// socket closes.
    public static func enter(for who: String) throws(LabError) -> Entered {
        try prepare(for: who)
        let opened = NetNamespace.openCurrent()
        guard let back = opened.descriptor else {
            throw LabError("sockshell: \(who): cannot open /proc/self/ns/net: \(opened.error!.message)")
        }
        let made = NetNamespace.make()
        guard let fresh = made.descriptor else {
            _ = NetNamespace.enter(back)
            _ = Sys.close(back)
            throw LabError("sockshell: \(who): cannot make a network namespace: unshare(CLONE_NEWNET): "
                + made.error!.message)
        }
        let entered = Entered(back: back, namespace: fresh)
        do {
            try LabSystem.run(tool: "ip", in: fresh, batch: setup)
        } catch {
            entered.leave()
            throw LabError("sockshell: \(who): setting up its private network namespace failed: "
                + error.description.replacingPrefix("sockshell: lab set-up: ", with: ""))
        }
        return entered
    }

    /// A private namespace the shell is in, and the way back.
    public final class Entered {
        private var back: Int32
        private var namespace: Int32

        init(back: Int32, namespace: Int32) {
            self.back = back
            self.namespace = namespace
        }

        /// Back to the namespace the shell came from; the private one goes once nothing holds it.
        public func leave() {
            guard back >= 0 else { return }
            if let e = NetNamespace.enter(back).error {
                // Not expected (the shell holds the fd). Stopping beats running the next file in the wrong place.
                LabSystem.stop("setns back from a private network namespace failed: \(e.shown)")
            }
            _ = Sys.close(back)
            _ = Sys.close(namespace)
            back = -1
            namespace = -1
        }

        deinit {
            if back >= 0 {
                _ = Sys.close(back)
                _ = Sys.close(namespace)
            }
        }
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with other: String) -> String {
        hasPrefix(prefix) ? other + dropFirst(prefix.count) : self
    }
}
