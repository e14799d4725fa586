import Foundation
import PackagePlugin

/// Runs notes-gen at build time: notes/**.md -> NotesData.swift in the plugin's work directory.
@main struct NotesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let notes = root.appending(path: "notes")
        var inputs: [URL] = []
        if let e = FileManager.default.enumerator(at: notes, includingPropertiesForKeys: [.isDirectoryKey]) {
            for case let url as URL in e {
                // The directories too: adding or removing a file changes their date, and the command runs again.
                let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true
                if url.pathExtension == "md" || isDirectory { inputs.append(url) }
            }
        }
        inputs.append(notes)
        let out = context.pluginWorkDirectoryURL.appending(path: "NotesData.swift")
        return [.buildCommand(displayName: "notes-gen: NotesData.swift from notes/",
                              executable: try context.tool(named: "notes-gen").url,
                              arguments: ["--root", root.path, "--swift", out.path],
                              // The fuzz build instruments the tool too (-sanitize=fuzzer,address): no leak report
                              // at its exit.
                              environment: ["ASAN_OPTIONS": "detect_leaks=0"],
                              inputFiles: inputs, outputFiles: [out])]
    }
}
