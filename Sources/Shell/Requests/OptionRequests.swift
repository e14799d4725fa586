import SocketCore

/// `setopt OPTION VALUE...`, `join GROUP [IFACE]`, `leave GROUP [IFACE]`: an option and the value to set.
struct OptionRequest {
    let spec: OptionSpec
    /// With interface index 0 where `interface` names one: the run looks it up (`resolvingInterface`).
    let value: OptionValue
    var interface: InterfaceWord?
}

/// An interface typed by name (`lo`), to be looked up by the run; `v6` words its error as IPv6 options do.
struct InterfaceWord {
    let name: String
    let v6: Bool
}

/// `explain [--lang ko] [OPTION]`.
struct ExplainRequest {
    var korean: Bool
    /// nil: list every option.
    var option: OptionSpec?
}

/// The parses of setopt, getopt, join, leave and explain (their runs: OptionCommands.swift,
/// MulticastCommands.swift, HelpCommands.swift).
extension Session {
    func parseSetopt(_ a: inout Args, _ scope: ParseScope) throws(InputError) -> OptionRequest {
        let spec = try option(try a.require("OPTION"), family: scope.family, usage: a.usage)
        let value = try optionValue(spec, &a, family: scope.family)
        try a.end()
        return OptionRequest(spec: spec, value: value, interface: a.interfaceName)
    }

    /// nil: no OPTION, so the run reads them all.
    func parseGetopt(_ a: inout Args, _ scope: ParseScope) throws(InputError) -> OptionSpec? {
        guard let t = a.next() else { return nil }
        let spec = try option(t, family: scope.family, usage: a.usage)
        try a.end()
        if spec.writeOnly {
            throw a.fail("\(spec.name) cannot be read: it is set with join/leave (or setopt)")
        }
        return spec
    }

    /// IP_ADD/DROP_MEMBERSHIP, or IPV6_JOIN/LEAVE_GROUP on an IPv6 socket.
    func parseMembership(_ a: inout Args, _ scope: ParseScope, join: Bool) throws(InputError) -> OptionRequest {
        let v6 = scope.family == Platform.afInet6
        let name =
            v6 ? (join ? "IPV6_JOIN_GROUP" : "IPV6_LEAVE_GROUP") : (join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP")
        guard let spec = OptionCatalog.lookup(name) else { throw a.fail("\(name) is missing from the option table") }
        if scope.family == Platform.afUnix { throw a.fail("multicast needs an IPv4 or IPv6 UDP socket, not AF_UNIX") }
        let value = try optionValue(spec, &a, family: scope.family)
        try a.end()
        return OptionRequest(spec: spec, value: value, interface: a.interfaceName)
    }

    func parseExplain(_ a: inout Args) throws(InputError) -> ExplainRequest {
        var q = ExplainRequest(korean: settings.korean)
        if let t = a.peek(), t.text == "--lang" {
            a.index += 1
            let l = try a.require("a language after --lang (en or ko)").text.lowercased()
            guard l == "ko" || l == "en" else { throw a.fail("unknown language '\(l.prefix(10))': use en or ko") }
            q.korean = l == "ko"
        }
        guard let t = a.next() else { return q }
        try a.end()
        q.option = try option(t, family: nil, usage: a.usage)
        return q
    }
}
