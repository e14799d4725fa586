import Foundation
import NotesGen

// notes-gen, the notes generator, in two modes:
// - `notes-gen --root ROOT --swift OUT`: the Swift of notes/ (the tables behind `explain` and `help`) to OUT.
//   The build-tool plugin (Plugins/NotesPlugin) runs it at every build whose notes changed; nothing is committed.
// - `make notes` (`swift run notes-gen` from the repository root): rewrites the option list of man/sockshell.1
//   from the notes' `## Man page` sections; `--check` only compares and exits 1 when it is stale.

#if SOCKSHELL_FUZZ
// The plugin builds this tool with the build's own flags, and fuzz/run's `-sanitize=fuzzer` links libFuzzer's
// main into it: libFuzzer calls LLVMFuzzerInitialize first, and the tool runs there and exits.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?)
    -> CInt
{
    NotesGenTool.main()
    return 0
}

/// Never reached (the tool exits in LLVMFuzzerInitialize); libFuzzer needs the symbol.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }
#endif

/// The tool. Why `@main` in a file not named main.swift: `-sanitize=fuzzer` (fuzz/run) parses every file as a
/// library, so top-level code does not compile there.
#if !SOCKSHELL_FUZZ
@main
#endif
enum NotesGenTool {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        func value(_ flag: String) -> String? {
            args.firstIndex(of: flag).flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
        }
        let root = value("--root") ?? FileManager.default.currentDirectoryPath
        do {
            let tree = try NotesTree.load(root: root)
            if let out = value("--swift") {
                let source = tree.swiftSource()
                // Unchanged output keeps its date, so the Shell module is not rebuilt for nothing.
                if (try? String(contentsOfFile: out, encoding: .utf8)) != source {
                    try source.write(toFile: out, atomically: true, encoding: .utf8)
                }
                exit(0)
            }
            let path = root + "/" + NotesTree.manPath
            let man = try String(contentsOfFile: path, encoding: .utf8)
            let order = try catalogOrder(root: root)
            let page = try tree.manPage(man, order: order)
            if page == man {
                print("notes-gen: \(NotesTree.manPath) is current")
            } else if args.contains("--check") {
                FileHandle.standardError.write(Data("notes-gen: \(NotesTree.manPath) is stale: run make notes\n".utf8))
                exit(1)
            } else {
                try page.write(toFile: path, atomically: true, encoding: .utf8)
                print("notes-gen: wrote \(NotesTree.manPath)")
            }
        } catch {
            FileHandle.standardError.write(Data("notes-gen: \(error)\n".utf8))
            exit(2)
        }
        exit(0)
    }

    /// The options in the order of the option table (Sources/Shell/Options/OptionCatalog.swift), with their
    /// levels: the rows `o("SO_LINGER", sol, ...)` read as text.
    ///
    /// Why as text: the table lives in Shell, and Shell is built from what this tool generates (the plugin), so
    /// the tool cannot link it.
    static func catalogOrder(root: String) throws -> [(name: String, level: String)] {
        let source = try String(contentsOfFile: root + "/Sources/Shell/Options/OptionCatalog.swift", encoding: .utf8)
        let levels = ["sol": "SOL_SOCKET", "tcp": "IPPROTO_TCP", "ip": "IPPROTO_IP", "ipv6": "IPPROTO_IPV6"]
        var order: [(name: String, level: String)] = []
        for line in source.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("o(\""), let close = t.dropFirst(3).firstIndex(of: "\"") else { continue }
            let name = String(t[t.index(t.startIndex, offsetBy: 3)..<close])
            let rest = t[t.index(after: close)...].drop { $0 == "," || $0 == " " }
            let level = String(rest.prefix { $0 != "," })
            guard let levelName = levels[level] else { continue }
            order.append((name, levelName))
        }
        return order
    }
}
