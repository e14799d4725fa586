#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the interactive history is kept by default.
///
/// The XDG base directory rules put state that should survive restarts (like shell history)
/// under `$XDG_STATE_HOME`, falling back to `~/.local/state`.
public enum HistoryLocation {
    /// `$XDG_STATE_HOME/sockshell/history`, else `~/.local/state/sockshell/history`.
    ///
    /// Missing directories are created with mode 0700 (existing ones are left as they are).
    /// Returns nil when neither variable gives an absolute path or a directory cannot be
    /// created: the session then simply keeps no history.
    public static func defaultPath() -> String? {
        guard let base = stateDirectory() else { return nil }
        let directory = base + "/sockshell"
        guard makeDirectories(directory) else { return nil }
        return directory + "/history"
    }

    /// The state base directory named by the environment, if it is absolute.
    static func stateDirectory() -> String? {
        if let xdg = environment("XDG_STATE_HOME"), xdg.hasPrefix("/") {
            return trimmingSlashes(xdg)
        }
        if let home = environment("HOME"), home.hasPrefix("/") {
            return trimmingSlashes(home) + "/.local/state"
        }
        return nil
    }

    /// `mkdir -p` with mode 0700 for each directory it has to create.
    static func makeDirectories(_ path: String) -> Bool {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                return false
            }
        }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    private static func trimmingSlashes(_ path: String) -> String {
        var text = Substring(path)
        while text.count > 1 && text.hasSuffix("/") { text = text.dropLast() }
        return text == "/" ? "" : String(text)
    }
}
