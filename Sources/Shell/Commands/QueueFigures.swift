import SocketCore

/// Figures of inspect and bulk commands that read wrong as the kernel gives them.
extension Session {
    /// SIOCOUTQ, except on a TCP socket with no connection (CLOSE): there it is what is left of a failed
    /// handshake's sequence counters (3 after a refused connect), not bytes waiting to be sent, so it shows 0.
    func shownSendQueue(_ s: Socket) -> Int {
        if connectionState(s) == .close { return 0 }
        return max(0, s.sendQueue)
    }

    /// A sink that received nothing has no rate: its clock starts at the first byte, which never came.
    func nothingReceivedLine(waited: Double, eof: Bool) -> Line {
        "received nothing" + (eof ? ": EOF came first" : "") + " (waited "
            + "\(volatile: Values.humanSeconds(waited), .dur); no rate: the clock starts at the first byte)"
    }
}
