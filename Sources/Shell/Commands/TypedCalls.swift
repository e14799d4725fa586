import SocketCore

/// Builders of the typed calls the commands attach to their records (TypedCall.swift).
extension Session {
    /// socket(2) with its three constants by name.
    func socketCall(_ family: Int32, _ type: Int32, _ proto: Int32, _ result: CallResult) -> TypedCall {
        TypedCall(
            .socket,
            [
                .name(Platform.familyName(family), value: family), .name(Platform.typeName(type), value: type),
                .name(Platform.protocolName(proto), value: proto),
            ],
            result)
    }

    /// The handle an address word names (`connect srv`), when it is one: the address was then read from that
    /// socket, which the C export does with getsockname. Also the socket whose kernel-chosen port the user
    /// copied from a note (`connect 127.0.0.1:41234`): that port differs on the next run, the handle does not.
    func addressHandle(_ t: Token, _ addr: SocketAddress) -> String? {
        if !t.quoted, entry(t.text) != nil { return t.text }
        guard let port = addr.port, port != 0, Platform.ephemeralPorts.contains(Int(port)) else { return nil }
        return entries.first { e in
            guard let local = e.socket.localAddress, local.port == port else { return false }
            return local.family == addr.family || (local.family == Platform.afInet && addr.family == Platform.afInet6)
        }?.handle
    }

    /// setsockopt(2) or getsockopt(2) of any option, typed.
    ///
    /// The arguments go into the array of the previous option call's record when nothing holds that record any
    /// more (the line was printed and its events freed): a new array per call was an allocation, and freeing it
    /// a walk over its elements through the runtime, on every setopt and getopt of a script. When the record
    /// is still held (an export log, a second call in one command), writing to the shared array copies it first,
    /// so the old record never changes.
    ///
    /// Plain assignments: initializing over the slots that hold only integers saved 26 instructions per call
    /// (under 1% of a setopt/getopt line), not worth code that must know which cases own nothing.
    func optionCall(
        _ isSet: Bool, _ fd: Int32, _ spec: OptionSpec, _ value: OptionValue?, _ length: CallArg, _ r: SysResult
    ) -> TypedCall {
        if spareArgs.count == 5 {
            // Through one buffer: each subscript assignment on the array checks its uniqueness again.
            spareArgs.withUnsafeMutableBufferPointer { a in
                a[0] = .descriptor(fd)
                a[1] = .level(spec.level)
                a[2] = .option(OptionName(spec))
                a[3] = .optionValue(value, kind: spec.kind)
                a[4] = length
            }
        } else {
            spareArgs = [
                .descriptor(fd), .level(spec.level), .option(OptionName(spec)),
                .optionValue(value, kind: spec.kind), length,
            ]
        }
        return TypedCall(isSet ? .setsockopt : .getsockopt, spareArgs, CallResult(r))
    }
}
