import SocketCore

/// What a close under SO_LINGER means when a signal (the `--timeout` alarm, Ctrl-C) ends its wait.
///
/// Why: Linux's close returns 0 when a signal cuts the linger wait short, exactly as when the wait ends
/// normally; strace shows `close(4) = 0` and the signal after it. The one case where the wait was actually
/// interrupted would read as a normal linger wait without a note.
extension Session {
    /// SO_LINGER's seconds when linger is on, read silently before close (a helper call); nil when off.
    func lingerSeconds(_ s: Socket) -> Int? {
        guard s.isTCP else { return nil }
        let (r, bytes) = s.getOption(level: Platform.solSocket, name: OptionCatalog.soLinger, capacity: 8)
        guard r.error == nil, bytes.count >= 8 else { return nil }
        let on = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: Int32.self) }
        let seconds = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 4, as: Int32.self) }
        return on != 0 ? Int(seconds) : nil
    }

    func noteLingerCutShort(byTimeout: Bool, waited: Double, linger: Int, _ ev: inout [Event]) {
        let by = byTimeout ? "--timeout (\(timeoutText))" : "Ctrl-C"
        ev.append(.note("\(by) cut the SO_LINGER wait short after \(volatile: Values.humanSeconds(waited), .dur) "
            + "of the \(linger)s asked: close still returns 0 and the descriptor is gone, but the peer had not "
            + "acknowledged everything; the kernel goes on sending the unsent data and the FIN in the background, "
            + "and nothing will tell this program whether they arrive"))
    }
}
