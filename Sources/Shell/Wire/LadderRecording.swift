/// How `--record` writes a `wire ladder` command.
///
/// Why: without a style the ladder is drawn in the locale's (box-drawing under UTF-8, ASCII otherwise), so a
/// transcript recorded under one locale would replay red under the other. The recorder writes the style that
/// was drawn, and the transcript replays under any locale.
public enum LadderRecording {
    /// `command` with the style it was drawn in appended, when it is a `wire ladder` (also `@NAME wire ladder`)
    /// that names none; any other command unchanged.
    public static func namingStyle(_ command: String) -> String {
        var words = command.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.first?.hasPrefix("@") == true { words.removeFirst() }
        guard words.count == 2, words[0].lowercased() == "wire", words[1].lowercased() == "ladder" else {
            return command
        }
        return command + (Ladder.terminalIsUTF8 ? " unicode" : " ascii")
    }
}
