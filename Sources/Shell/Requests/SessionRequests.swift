import SocketCore

/// What `help WORD` asks about.
enum HelpTopic {
    /// `help @NAME`: the prefix that picks a socket for one command.
    case atPrefix
    case command(CommandSpec)
}

/// `wire on [FILTER]`, `wire off`, `wire save FILE`, `wire ladder [ascii|unicode]`.
enum WireRequest {
    /// The filter is compiled by the run (libpcap is loaded then).
    case on(filter: String?)
    case off
    case save(path: String)
    /// nil: as the terminal reads (UTF-8 or not).
    case ladder(unicode: Bool?)
}

/// The parses of help, export, wire and the lab's host, link, reboot and lab (their runs: HelpCommands.swift,
/// ExportCommand.swift, WireView.swift, LabCommands.swift).
extension Session {
    /// nil: the overview.
    func parseHelp(_ a: inout Args) throws(InputError) -> HelpTopic? {
        guard let t = a.next() else { return nil }
        try a.end()
        if t.text.hasPrefix("@") { return .atPrefix }
        guard let spec = CommandTable.spec(t.text.lowercased()) else {
            throw a.fail("no command '\(t.text.prefix(40))'" + suggestion(for: t.text.lowercased()))
        }
        return .command(spec)
    }

    /// `export c FILE`: the FILE word, once the session is known to keep what it would write.
    func parseExport(_ a: inout Args) throws(InputError) -> Token {
        let what = try a.require("c (the language), then FILE")
        guard what.text.lowercased() == "c" else {
            throw a.fail("export writes C only: `export c FILE`, not '\(what.text.prefix(20))'")
        }
        let file = try a.require("FILE to write the program to (e.g. lesson.c)")
        try a.end()
        if settings.sandboxed { throw a.fail("sandboxed session: export writes no files") }
        guard exportLog != nil else {
            throw a.fail("this session keeps no calls to export (only the REPL does): run "
                + "`sockshell --export-c OUT FILE` on the script instead")
        }
        return file
    }

    func parseWire(_ a: inout Args) throws(InputError) -> WireRequest {
        let t = try a.require("on, off, save FILE or ladder")
        switch t.text.lowercasedASCII() {
        case "on":
            let rest = a.restBytes()
            return .on(filter: rest.isEmpty ? nil : String(decoding: rest, as: UTF8.self))
        case "off":
            try a.end()
            return .off
        case "save":
            let path = try a.require("FILE to write the capture to").text
            try a.end()
            if settings.sandboxed { throw a.fail("wire save writes files: not while fuzzing") }
            return .save(path: path)
        case "ladder":
            var unicode: Bool?
            if let s = a.next() {
                switch s.text.lowercasedASCII() {
                case "ascii": unicode = false
                case "unicode": unicode = true
                default: throw a.fail("unexpected '\(s.text.prefix(20))': wire ladder takes ascii or unicode")
                }
            }
            try a.end()
            return .ladder(unicode: unicode)
        default:
            throw a.fail("unknown wire command '\(t.text.prefix(20))': use on, off, save or ladder")
        }
    }

    /// `host [NAME]`: nil shows the current host.
    func parseHost(_ a: inout Args) throws(InputError) -> String? {
        let lab = try requireLab(a)
        guard let t = a.next() else { return nil }
        try a.end()
        return try labHostName(t, lab, a)
    }

    /// `link cut|restore [HOST]`: the verb (lowercased) and the host, nil for every link.
    func parseLink(_ a: inout Args) throws(InputError) -> (verb: String, host: String?) {
        let lab = try requireLab(a)
        let verb = try a.require("cut or restore").text.lowercased()
        guard verb == "cut" || verb == "restore" else {
            throw a.fail("unknown link action '\(verb.prefix(20))': use cut or restore")
        }
        var who: String?
        if let t = a.next() { who = try labHostName(t, lab, a) }
        try a.end()
        return (verb, who)
    }

    func parseReboot(_ a: inout Args) throws(InputError) -> String {
        let lab = try requireLab(a)
        let t = try a.require("HOST")
        try a.end()
        return try labHostName(t, lab, a)
    }
}
