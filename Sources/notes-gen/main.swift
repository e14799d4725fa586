import Foundation
import NotesGen
import SocketCore

// notes-gen: writes Sources/Shell/Teaching/NotesData.swift and the option list of man/sockshell.1 from notes/
// (run from the repository root: `make notes`, or `swift run notes-gen`; `swift run notes-gen --check` only
// compares and exits 1 when either is stale).
// Why a generator whose output is committed, not a build-tool plugin: see notes/README.md.

let check = CommandLine.arguments.dropFirst().contains("--check")
let root = FileManager.default.currentDirectoryPath

/// Writes `text` to `rel` unless it is there already (with --check: only says it is stale); false when stale.
func update(_ rel: String, _ text: String, old: String?) throws -> Bool {
    if old == text {
        print("notes-gen: \(rel) is current")
    } else if check {
        FileHandle.standardError.write(Data("notes-gen: \(rel) is stale: run make notes\n".utf8))
        return false
    } else {
        try text.write(toFile: root + "/" + rel, atomically: true, encoding: .utf8)
        print("notes-gen: wrote \(rel)")
    }
    return true
}

do {
    let tree = try NotesTree.load(root: root)
    let data = NotesTree.generatedPath
    let current = try update(data, tree.swiftSource(),
                             old: try? String(contentsOfFile: root + "/" + data, encoding: .utf8))
    let man = try String(contentsOfFile: root + "/" + NotesTree.manPath, encoding: .utf8)
    let order = OptionCatalog.all.map { (name: $0.name, level: Platform.levelName($0.level)) }
    if try !update(NotesTree.manPath, try tree.manPage(man, order: order), old: man) || !current { exit(1) }
} catch {
    FileHandle.standardError.write(Data("notes-gen: \(error)\n".utf8))
    exit(2)
}
