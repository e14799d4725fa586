import Foundation
import NotesGen

// notes-gen: writes Sources/Shell/Teaching/NotesData.swift from notes/ (run from the repository root:
// `swift run notes-gen`; `swift run notes-gen --check` only compares and exits 1 when the file is stale).
// Why a generator whose output is committed, not a build-tool plugin: see notes/README.md.

let check = CommandLine.arguments.dropFirst().contains("--check")
let root = FileManager.default.currentDirectoryPath
do {
    let source = try NotesTree.load(root: root).swiftSource()
    let path = root + "/" + NotesTree.generatedPath
    let old = try? String(contentsOfFile: path, encoding: .utf8)
    if old == source {
        print("notes-gen: \(NotesTree.generatedPath) is current")
    } else if check {
        let message = "notes-gen: \(NotesTree.generatedPath) is stale: run swift run notes-gen\n"
        FileHandle.standardError.write(Data(message.utf8))
        exit(1)
    } else {
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        print("notes-gen: wrote \(NotesTree.generatedPath)")
    }
} catch {
    FileHandle.standardError.write(Data("notes-gen: \(error)\n".utf8))
    exit(2)
}
